package io.temas.chat;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One event of a chat as the widget receives it (the chat API's event object). Stored events have
 * an {@code id}, their place in the session; typing has none and is never replayed.
 *
 * @param type    {@code message}, {@code typing}, {@code handoff}, {@code ended} or {@code notice}
 * @param from    {@code bot}, {@code agent}, {@code customer} or {@code system}
 * @param actions what the visitor can answer: {@code answered} (yes/no), {@code continue-by-email}, {@code callback}, {@code rate}
 * @param agent   the agent's display name on agent messages, typing and transfers
 * @param file    a file the visitor sent, on its message
 * @param clientId the id the visitor's client gave its message, echoed so the client can match it
 * @param reason  why the bot or the system did this, for the timeline and the transcript; never sent to the visitor
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ChatEvent(Long id, String type, String from, String text, List<ArticleLink> articles, UUID conversationId, Instant at,
                 List<String> actions, String agent, FileNote file, String clientId, @JsonIgnore String reason) {

    static final String MESSAGE = "message";
    static final String TYPING = "typing";
    static final String HANDOFF = "handoff";
    static final String ENDED = "ended";
    static final String NOTICE = "notice";

    ChatEvent {
        articles = articles == null ? List.of() : List.copyOf(articles);
        actions = actions == null ? List.of() : List.copyOf(actions);
    }

    /** An article the bot offers: its title, public address and a few words from it. */
    record ArticleLink(UUID articleId, String title, String url, String snippet) {
    }

    /** A file in the chat: its name, media type and size. */
    record FileNote(String name, String type, long size) {
    }
}
