package io.temas.chat;

import java.time.Instant;
import java.util.List;

/**
 * One line of a chat as an agent reads it: who wrote it ({@code customer}, {@code bot}, {@code agent},
 * {@code system}; an agent by name), when, the words as they were written to or by the visitor, and
 * the articles the bot offered. The console labels and dates it in the agent's language and zone.
 */
public record ChatLine(String from, String agent, Instant at, String text, List<String> articles) {

    public ChatLine {
        articles = articles == null ? List.of() : List.copyOf(articles);
    }
}
