package io.temas.chat;

import io.temas.routing.EntryPoint;
import io.temas.shared.Language;
import java.util.List;

/** A chat written out as text: the agent's first message on hand-off, and the transcript a visitor asks for by e-mail. */
final class ChatTranscript {

    private ChatTranscript() {
    }

    static String text(List<ChatEvent> events, Language language, ChatTexts texts, EntryPoint entryPoint) {
        StringBuilder out = new StringBuilder();
        for (ChatEvent event : events) {
            if (event.text() == null && event.articles().isEmpty()) {
                continue;
            }
            String who = event.agent() != null && "agent".equals(event.from()) ? event.agent()
                    : texts.get(language, "chat.transcript." + event.from());
            out.append('[').append(texts.when(language, event.at(), entryPoint)).append("] ").append(who).append(": ");
            out.append(event.text() == null ? "" : event.text());
            for (ChatEvent.ArticleLink article : event.articles()) {
                out.append("\n    → ").append(article.title()).append(" (").append(article.url()).append(')');
            }
            out.append('\n');
        }
        return out.toString().strip();
    }
}
