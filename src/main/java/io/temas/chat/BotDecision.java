package io.temas.chat;

import io.temas.knowledge.SearchHit;
import java.util.List;

/** What the bot does with one turn of the customer's. */
sealed interface BotDecision {

    /** Articles that may answer, with the question whether they did; none found counts as an unhelpful answer. */
    record Suggest(List<SearchHit> articles) implements BotDecision {

        public Suggest {
            articles = List.copyOf(articles);
        }
    }

    /** A person takes over; {@code detail} names what decided it (the word, the rule), for the timeline. */
    record HandOver(HandOverReason reason, String detail) implements BotDecision {
    }

    /** The customer said the article answered the question; the chat ends. */
    record Answered() implements BotDecision {
    }
}
