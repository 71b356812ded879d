package io.temas.chat;

import io.temas.knowledge.ArticleSearch;
import io.temas.knowledge.SearchQuery;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** The bot that answers first from the published knowledge base and knows when to hand over to a person. */
@Component
class ChatBot {

    private final ArticleSearch search;

    ChatBot(ArticleSearch search) {
        this.search = search;
    }

    BotDecision onMessage(BotTurn turn) {
        String folded = turn.text().toLowerCase(Locale.ROOT);
        if (folded.contains("temsilci") || folded.contains("agent") || folded.contains("operatör")) {
            return new BotDecision.HandOver(HandOverReason.ASKED_FOR_PERSON, turn.text());
        }
        var hits = search.searchQuietly(new SearchQuery(turn.text(), turn.language(), null, io.temas.knowledge.Audience.CUSTOMER, 2, "bot"));
        if (hits.isEmpty() && turn.unhelpfulSoFar() >= 1) {
            return new BotDecision.HandOver(HandOverReason.UNHELPFUL, null);
        }
        return new BotDecision.Suggest(hits);
    }

    BotDecision onAnswered(BotTurn turn, boolean answered) {
        if (answered) {
            return new BotDecision.Answered();
        }
        return turn.unhelpfulSoFar() >= 1 ? new BotDecision.HandOver(HandOverReason.UNHELPFUL, null) : new BotDecision.Suggest(java.util.List.of());
    }
}
