package io.temas.complaints;

import io.temas.conversations.Actor;
import io.temas.conversations.Conversation;
import io.temas.conversations.Conversations;
import io.temas.customers.CustomerId;
import io.temas.customers.CustomerTimeline;
import io.temas.shared.InvalidInput;
import io.temas.shared.ReasonCode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The complaint mark on a conversation: set, changed or taken off by a person (the console's manage
 * form, the API) or set by a keyword rule. Every change goes on the customer's timeline with who
 * made it, under a kind starting with {@code complaint} (campaign audiences that leave out customers
 * who complained lately look for exactly that); a call that changes nothing records nothing.
 */
@Service
public class Complaints {

    private final JdbcClient jdbc;
    private final Conversations conversations;
    private final ComplaintCatalogue catalogue;
    private final CustomerTimeline timeline;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Complaints(JdbcClient jdbc, Conversations conversations, ComplaintCatalogue catalogue, CustomerTimeline timeline,
               ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.conversations = conversations;
        this.catalogue = catalogue;
        this.timeline = timeline;
        this.events = events;
        this.clock = clock;
    }

    /** The conversation's complaint mark, if it has one. */
    public Optional<Complaint> of(UUID conversationId) {
        return jdbc.sql("select complaint_category, complaint_at, complaint_by from conversations where id = ? and complaint_at is not null")
                .param(conversationId)
                .query((rs, n) -> new Complaint(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3))).optional();
    }

    /**
     * Marks the conversation a complaint of {@code category} (a category's code), or moves an existing mark to that
     * category; answers whether anything changed.
     */
    @Transactional
    public boolean mark(UUID conversationId, String category, Actor by) {
        if (category == null || category.isBlank()) {
            throw new InvalidInput("category", "a complaint needs a category");
        }
        ComplaintCategory chosen = catalogue.category(category.strip())
                .orElseThrow(() -> new InvalidInput("category", "no complaint category '" + category + "'"));
        Conversation c = conversations.lock(conversationId);
        Optional<Complaint> was = of(conversationId);
        if (was.isPresent() && was.get().category().equals(chosen.code())) {
            return false;
        }
        Instant now = clock.instant();
        // A new category keeps the date the complaint was first made: the report counts complaints, not edits.
        Instant at = was.map(Complaint::at).orElse(now);
        set(conversationId, chosen.code(), at, by.username());
        if (was.isEmpty()) {
            record(c, now, "complaint.marked", "Marked a complaint (" + chosen.code() + ") by " + by.name(),
                    ReasonCode.of("timeline.complaint.marked.detail", chosen.nameTr(), chosen.nameAz(), chosen.nameEn(), by.name()));
        } else {
            record(c, now, "complaint.recategorised", "Complaint category set to " + chosen.code() + " by " + by.name(),
                    ReasonCode.of("timeline.complaint.recategorised.detail", chosen.nameTr(), chosen.nameAz(), chosen.nameEn(), by.name()));
        }
        events.publishEvent(new ComplaintMarked(conversationId, c.customerId(), chosen.code(), by.username(), now));
        return true;
    }

    /** Takes the complaint mark off; answers whether there was one. */
    @Transactional
    public boolean clear(UUID conversationId, Actor by) {
        Conversation c = conversations.lock(conversationId);
        if (of(conversationId).isEmpty()) {
            return false;
        }
        Instant now = clock.instant();
        set(conversationId, null, null, null);
        record(c, now, "complaint.cleared", "Complaint mark taken off by " + by.name(),
                ReasonCode.of("timeline.complaint.cleared.detail", by.name()));
        events.publishEvent(new ComplaintMarked(conversationId, c.customerId(), null, by.username(), now));
        return true;
    }

    /**
     * Marks the conversation as the rule says unless it is marked already, in the caller's transaction (the inbound
     * message's); answers whether it did.
     */
    boolean markByRule(UUID conversationId, UUID customerId, String channel, ComplaintRule rule, String keyword, UUID messageId) {
        Instant now = clock.instant();
        String by = "rule:" + rule.name();
        int marked = jdbc.sql("""
                        update conversations set complaint_category = ?, complaint_at = ?, complaint_by = ?
                        where id = ? and complaint_at is null""")
                .params(rule.category(), Timestamp.from(now), by, conversationId).update();
        if (marked == 0) {
            return false;
        }
        ComplaintCategory category = catalogue.category(rule.category()).orElse(new ComplaintCategory(rule.category(), rule.category(),
                rule.category(), rule.category(), 0));
        timeline.record(new CustomerId(customerId), List.of(new CustomerTimeline.Entry(now, "complaint.marked", channel,
                "Marked a complaint (" + category.code() + ") by rule " + rule.name() + ": the customer wrote '" + keyword + "'",
                conversationId, messageId, ReasonCode.of("timeline.complaint.rule.detail", category.nameTr(), category.nameAz(),
                category.nameEn(), rule.name(), keyword))));
        events.publishEvent(new ComplaintMarked(conversationId, customerId, category.code(), by, now));
        return true;
    }

    private void set(UUID id, String category, Instant at, String by) {
        jdbc.sql("update conversations set complaint_category = ?, complaint_at = ?, complaint_by = ? where id = ?")
                .params(category, at == null ? null : Timestamp.from(at), by, id).update();
    }

    private void record(Conversation c, Instant at, String kind, String summary, ReasonCode detail) {
        timeline.record(new CustomerId(c.customerId()), List.of(new CustomerTimeline.Entry(at, kind, c.channel().code(), summary,
                c.id(), null, Objects.requireNonNull(detail))));
    }
}
