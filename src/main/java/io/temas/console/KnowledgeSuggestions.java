package io.temas.console;

import io.temas.conversations.Conversation;
import io.temas.conversations.Message;
import io.temas.knowledge.Article;
import io.temas.knowledge.ArticleSearch;
import io.temas.knowledge.Audience;
import io.temas.knowledge.KnowledgeBase;
import io.temas.knowledge.SearchHit;
import io.temas.knowledge.SearchQuery;
import io.temas.knowledge.Visibility;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Knowledge-base articles beside a conversation: those that answer the customer's message, or
 * those an agent searched for, each ready to insert into the reply as its text or as a link to
 * the help centre (public articles only: internal ones have no public page).
 */
@Component
class KnowledgeSuggestions {

    static final int SUGGESTIONS = 4;

    /** An article the agent may insert; {@code link} is null for internal articles. */
    record Suggestion(SearchHit hit, String text, String link, boolean internal) {
    }

    private final ArticleSearch search;
    private final KnowledgeBase knowledge;
    private final String publicUrl;

    /**
     * @param publicUrl the address customers reach the help centre at ({@code temas.public-url}); links inserted into
     *                  replies start with it. When unset, the address the agent's browser used.
     */
    KnowledgeSuggestions(ArticleSearch search, KnowledgeBase knowledge, @Value("${temas.public-url:}") String publicUrl) {
        this.search = search;
        this.knowledge = knowledge;
        this.publicUrl = publicUrl.replaceAll("/+$", "");
    }

    /** Articles answering what the customer wrote: the subject and their latest message, in the conversation's language. */
    List<Suggestion> forConversation(Conversation conversation, List<Message> messages) {
        String latest = messages.stream().filter(m -> m.direction() == Message.Direction.INBOUND && m.text() != null)
                .map(Message::text).reduce((a, b) -> b).orElse("");
        String text = (conversation.subject() == null ? "" : conversation.subject()) + "\n" + latest;
        if (text.isBlank()) {
            return List.of();
        }
        return suggestions(search.similarTo(text, conversation.language(), SUGGESTIONS));
    }

    /** An agent's own search (logged, so failed searches in the console count too). */
    List<Suggestion> search(String query, io.temas.shared.Language language) {
        if (query == null || query.isBlank()) {
            return List.of();
        }
        return suggestions(search.search(new SearchQuery(query, language, null, Audience.AGENT, 8, "console")).hits());
    }

    private List<Suggestion> suggestions(List<SearchHit> hits) {
        String site = publicUrl.isBlank() ? ServletUriComponentsBuilder.fromCurrentContextPath().toUriString() : publicUrl;
        return hits.stream().map(hit -> {
            Article article = knowledge.article(hit.id());
            boolean internal = article.visibility() == Visibility.INTERNAL;
            return new Suggestion(hit, article.bodyText(), internal ? null : site + hit.url(), internal);
        }).toList();
    }
}
