package io.temas.chat;

import io.temas.knowledge.ArticleNotFound;
import io.temas.knowledge.ArticleSearch;
import io.temas.knowledge.Audience;
import io.temas.knowledge.KnowledgeBase;
import io.temas.knowledge.SearchHit;
import io.temas.knowledge.SearchQuery;
import io.temas.routing.RoutingEngine;
import io.temas.routing.RoutingInput;
import io.temas.routing.RoutingRule;
import io.temas.shared.ChannelType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The bot that answers a chat first from the published knowledge base and knows when to hand over
 * to a person. For each message, in this order: a customer asking for a person
 * ({@code chat/person-words.txt}) or angry ({@code chat/complaint-words.txt}, or shouting) is handed
 * over; a greeting with nothing to search for is asked how the bot can help; a message the routing
 * rules give to a rule marked "a person answers" (money matters) is handed over; otherwise the best
 * one or two public articles in the customer's language (any language when none there) are
 * suggested. The second answer that did not help hands over too.
 *
 * <p>The bot decides and remembers nothing: the session keeps the count of unhelpful answers, says
 * the words from the {@code chatbot} bundle and checks {@link AgentHours} before a hand-off.
 */
@Component
class ChatBot {

    /** The unhelpful answer that makes the bot hand over. */
    static final int UNHELPFUL_LIMIT = 2;

    /** A second article is shown only when it scores at least this share of the first's. */
    static final double SECOND_HIT_SHARE = 0.8;

    private static final int EXCERPT = 60;

    private final ArticleSearch search;
    private final KnowledgeBase knowledge;
    private final RoutingEngine routing;
    private final WordList personWords = WordList.load("chat/person-words.txt");
    private final WordList complaintWords = WordList.load("chat/complaint-words.txt");
    private final WordList greetingWords = WordList.load("chat/greeting-words.txt");

    ChatBot(ArticleSearch search, KnowledgeBase knowledge, RoutingEngine routing) {
        this.search = search;
        this.knowledge = knowledge;
        this.routing = routing;
    }

    /** What the bot does with a message of the customer's while it has the chat. */
    BotDecision onMessage(BotTurn turn) {
        String text = turn.text() == null ? "" : turn.text().strip();
        List<String> words = WordList.words(text);
        Optional<String> person = personWords.find(words);
        if (person.isPresent()) {
            return new BotDecision.HandOver(HandOverReason.ASKED_FOR_PERSON, person.get());
        }
        Optional<String> complaint = complaintWords.find(words);
        if (complaint.isPresent()) {
            return new BotDecision.HandOver(HandOverReason.COMPLAINT, complaint.get());
        }
        if (Shouting.shouts(text)) {
            return new BotDecision.HandOver(HandOverReason.COMPLAINT, excerpt(text));
        }
        if (greetingWords.coversAll(words)) {
            return new BotDecision.Ask();
        }
        Optional<RoutingRule> rule = routing.matchingRule(new RoutingInput(ChannelType.CHAT, turn.entryPoint(), turn.language(), null, text,
                List.of(), false));
        if (rule.isPresent() && (rule.get().personAnswers() || rule.get().offerCall())) {
            return new BotDecision.HandOver(HandOverReason.PERSON_TOPIC, rule.get().name(), rule.get().offerCall());
        }
        List<SearchHit> hits = articles(text, turn);
        if (!hits.isEmpty()) {
            return new BotDecision.Suggest(hits);
        }
        return unhelpful(turn);
    }

    /**
     * The customer's answer to "did this answer your question?": recorded as a vote on each article shown; yes ends
     * the chat, no is an unhelpful answer.
     */
    BotDecision onAnswered(BotTurn turn, boolean answered) {
        for (UUID articleId : turn.articleIds()) {
            try {
                knowledge.vote(articleId, answered, null, "bot");
            } catch (ArticleNotFound gone) {
                // Deleted since it was shown: nothing to count it on.
            }
        }
        return answered ? new BotDecision.Answered() : unhelpful(turn);
    }

    /** One more answer that did not help: ask again, or hand over when it is the last one allowed. */
    private static BotDecision unhelpful(BotTurn turn) {
        int count = turn.unhelpfulSoFar() + 1;
        return count >= UNHELPFUL_LIMIT ? new BotDecision.HandOver(HandOverReason.UNHELPFUL, Integer.toString(count))
                : new BotDecision.Suggest(List.of());
    }

    /** The best article, and the second when it scores close to the first; in the turn's language, else any. */
    private List<SearchHit> articles(String text, BotTurn turn) {
        List<SearchHit> hits = search.searchQuietly(new SearchQuery(text, turn.language(), null, Audience.CUSTOMER, 2, "bot"));
        if (hits.isEmpty() && turn.language() != null) {
            hits = search.searchQuietly(new SearchQuery(text, null, null, Audience.CUSTOMER, 2, "bot"));
        }
        return best(hits);
    }

    static List<SearchHit> best(List<SearchHit> hits) {
        if (hits.size() < 2) {
            return hits;
        }
        return hits.get(1).score() >= SECOND_HIT_SHARE * hits.get(0).score() ? hits.subList(0, 2) : hits.subList(0, 1);
    }

    private static String excerpt(String text) {
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() <= EXCERPT ? flat : flat.substring(0, EXCERPT) + "…";
    }
}
