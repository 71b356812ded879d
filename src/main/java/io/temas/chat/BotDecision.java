package io.temas.chat;

import io.temas.knowledge.SearchHit;
import java.util.List;

/** What the bot does with one turn of the customer's. */
sealed interface BotDecision {

    /**
     * Articles that may answer (one or two, best first), with the question whether they did. With no articles the bot
     * found nothing for a question, or the customer said the articles did not answer it: the bot asks them to put it
     * another way, and the caller counts one unhelpful answer for each empty suggestion.
     */
    record Suggest(List<SearchHit> articles) implements BotDecision {

        public Suggest {
            articles = List.copyOf(articles);
        }
    }

    /** A person takes over; {@code detail} names what decided it (the word, the rule), for the timeline. */
    record HandOver(HandOverReason reason, String detail, boolean offerCall) implements BotDecision {

        HandOver(HandOverReason reason, String detail) {
            this(reason, detail, false);
        }
    }

    /** The customer said the article answered the question; the chat ends. */
    record Answered() implements BotDecision {
    }

    /**
     * The customer greeted or said nothing to search for ("merhaba", "selam", "hi", "bir sorum var"): the bot asks how
     * it can help. Not an unhelpful answer.
     */
    record Ask() implements BotDecision {
    }
}
