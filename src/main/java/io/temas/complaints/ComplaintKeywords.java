package io.temas.complaints;

import io.temas.conversations.MessageReceived;
import io.temas.shared.TextFolding;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Marks a conversation a complaint when a customer's message says a keyword rule's word or phrase.
 * It listens to {@link MessageReceived} synchronously, inside the inbound pipeline's transaction:
 * the mark commits with the message (or not at all). The words are read off the event, so a message
 * no rule matches costs no database work, and no row per message goes into the event publication
 * registry as it would for a transactional listener.
 * Words are matched as routing rules match theirs: Turkish letters folded, at the start of a word.
 * A conversation already marked (by a person or an earlier message) keeps its mark.
 */
@Component
class ComplaintKeywords {

    /** What a rule matched: the rule and the keyword as the admin wrote it. */
    record Hit(ComplaintRule rule, String keyword) {
    }

    private final ComplaintCatalogue catalogue;
    private final Complaints complaints;
    private final JdbcClient jdbc;

    ComplaintKeywords(ComplaintCatalogue catalogue, Complaints complaints, JdbcClient jdbc) {
        this.catalogue = catalogue;
        this.complaints = complaints;
        this.jdbc = jdbc;
    }

    @EventListener
    void on(MessageReceived event) {
        List<ComplaintRule> rules = catalogue.rules().stream().filter(ComplaintRule::active).toList();
        if (rules.isEmpty()) {
            return;
        }
        String folded = TextFolding.fold((event.subject() == null ? "" : event.subject()) + "\n" + (event.text() == null ? "" : event.text()));
        Optional<Hit> hit = match(rules, folded, event.language());
        if (hit.isEmpty() || Boolean.TRUE.equals(jdbc.sql("select complaint_at is not null from conversations where id = ?")
                .param(event.conversationId()).query(Boolean.class).single())) {
            return;
        }
        complaints.markByRule(event.conversationId(), event.customerId(), event.channel().code(), hit.get().rule(), hit.get().keyword(),
                event.messageId());
    }

    /** The first rule, by name, one of whose keywords the folded text says; rules for another language are passed over. */
    static Optional<Hit> match(List<ComplaintRule> rules, String foldedText, String language) {
        for (ComplaintRule rule : rules) {
            if (rule.language() != null && !rule.language().equals(language)) {
                continue;
            }
            for (String keyword : rule.keywords()) {
                if (containsWord(foldedText, keyword)) {
                    return Optional.of(new Hit(rule, keyword));
                }
            }
        }
        return Optional.empty();
    }

    /** Whether the folded text has the keyword at the start of a word: not right after a letter or a digit. */
    static boolean containsWord(String foldedText, String keyword) {
        String word = FOLDED.computeIfAbsent(keyword, k -> TextFolding.fold(k).strip());
        if (word.isEmpty()) {
            return false;
        }
        for (int at = foldedText.indexOf(word); at >= 0; at = foldedText.indexOf(word, at + 1)) {
            if (at == 0 || !Character.isLetterOrDigit(foldedText.codePointBefore(at))) {
                return true;
            }
        }
        return false;
    }

    // Keywords come from a handful of rules; each is folded once, not per message.
    private static final Map<String, String> FOLDED = new ConcurrentHashMap<>();
}
