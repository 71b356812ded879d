package io.temas.conversations;

import io.temas.customers.CustomerId;
import io.temas.customers.CustomerTimeline;
import io.temas.shared.Priority;
import io.temas.shared.ReasonCode;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person's changes to a conversation's status, priority and tags, from the console or the API:
 * each one that changes something goes on the customer's timeline with who made it (an English
 * sentence for the audit trail, and a bundle key the console says in the reader's language).
 * An agent who sets the status of a conversation nobody has (resolving it, closing it, or leaving
 * it waiting on the customer) takes it first, so it is never resolved with no owner. Changes the
 * system makes itself (a reply that leaves a conversation waiting on the customer, a chat that
 * ends) go through {@link Conversations} and are not recorded here.
 */
@Service
public class ConversationEdits {

    private final Conversations conversations;
    private final CustomerTimeline timeline;
    private final Takeover takeover;
    private final Clock clock;

    ConversationEdits(Conversations conversations, CustomerTimeline timeline, Takeover takeover, Clock clock) {
        this.conversations = conversations;
        this.timeline = timeline;
        this.takeover = takeover;
        this.clock = clock;
    }

    /** Sets the status as {@code by} chose it. */
    @Transactional
    public void changeStatus(UUID id, ConversationStatus status, Actor by) {
        Conversation before = conversations.lock(id);
        if (status != ConversationStatus.OPEN) {
            takeover.take(before, by, false);
        }
        if (before.status() == status) {
            return;
        }
        conversations.changeStatus(id, status);
        record(before, "conversation.status", "Status set to " + status.code() + " by " + by.name(),
                ReasonCode.of("timeline.conversation.status.detail", ReasonCode.key("status." + status.code()), by.name()));
    }

    /** Sets the priority as {@code by} chose it. */
    @Transactional
    public void changePriority(UUID id, Priority priority, Actor by) {
        Conversation before = conversations.lock(id);
        if (before.priority() == priority) {
            return;
        }
        conversations.changePriority(id, priority);
        record(before, "conversation.priority", "Priority set to " + priority.code() + " by " + by.name(),
                ReasonCode.of("timeline.conversation.priority.detail", ReasonCode.key("priority." + priority.code()), by.name()));
    }

    /** Replaces the tags as {@code by} wrote them (cleaned as {@link Conversations#retag} does); answers the tags kept. */
    @Transactional
    public List<String> retag(UUID id, Collection<String> tags, Actor by) {
        Conversation before = conversations.lock(id);
        List<String> was = conversations.tags(id);
        List<String> now = conversations.retag(id, tags);
        if (!now.equals(was)) {
            String joined = String.join(", ", now);
            record(before, "conversation.tagged", now.isEmpty() ? "Tags removed by " + by.name() : "Tags set to " + joined + " by " + by.name(),
                    now.isEmpty() ? ReasonCode.of("timeline.conversation.tagged.none.detail", by.name())
                            : ReasonCode.of("timeline.conversation.tagged.detail", joined, by.name()));
        }
        return now;
    }

    private void record(Conversation c, String kind, String summary, ReasonCode detail) {
        timeline.record(new CustomerId(c.customerId()), List.of(new CustomerTimeline.Entry(clock.instant(), kind, c.channel().code(),
                summary, c.id(), null, detail)));
    }
}
