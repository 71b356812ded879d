package io.temas.conversations;

import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Merges two conversations of one customer into one: the absorbed conversation's messages and tags
 * move to the survivor, it is closed and points at the survivor, so its reference still finds the
 * thread. The console and the API both call {@link #merge}.
 */
@Service
public class ConversationMerges {

    private final JdbcClient jdbc;
    private final Conversations conversations;
    private final ApplicationEventPublisher events;

    ConversationMerges(JdbcClient jdbc, Conversations conversations, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.conversations = conversations;
        this.events = events;
    }

    /**
     * Merges the conversation {@code other} names (its id, or its reference as people write it:
     * {@code T-1042}, {@code #T-1042}, {@code [#T-1042]}) into {@code survivorId}; answers the survivor.
     * For someone who may only see what {@code access} permits, others are not found.
     *
     * @throws ConversationNotFound when either does not exist
     * @throws ConversationMergeRefused when both are the same or belong to different customers
     */
    @Transactional
    public Conversation merge(UUID survivorId, String other, QueueAccess access) {
        Conversation keep = conversations.get(survivorId);
        Conversation gone = find(other).filter(access::permits).orElseThrow(() -> new ConversationNotFound(other));
        if (gone.id().equals(keep.id())) {
            throw new ConversationMergeRefused(ConversationMergeRefused.Reason.SAME_CONVERSATION);
        }
        if (!keep.customerId().equals(gone.customerId())) {
            throw new ConversationMergeRefused(ConversationMergeRefused.Reason.OTHER_CUSTOMER);
        }
        jdbc.sql("update messages set conversation_id = ? where conversation_id = ?").params(keep.id(), gone.id()).update();
        jdbc.sql("""
                        update conversations set last_message_at = greatest(last_message_at, ?),
                        tags = array(select distinct unnest(tags || ?::text[])) where id = ?""")
                .params(Timestamp.from(gone.lastMessageAt()), conversations.tags(gone.id()).toArray(String[]::new), keep.id()).update();
        jdbc.sql("update conversations set merged_into = ? where id = ?").params(keep.id(), gone.id()).update();
        conversations.changeStatus(gone.id(), ConversationStatus.CLOSED);
        events.publishEvent(new ConversationChanged(keep.id(), "merge"));
        return conversations.get(keep.id());
    }

    /** Where a merged conversation lives on, if it was merged. */
    public Optional<UUID> mergedInto(UUID id) {
        return jdbc.sql("select merged_into from conversations where id = ? and merged_into is not null").param(id)
                .query(UUID.class).optional();
    }

    private Optional<Conversation> find(String other) {
        String value = other == null ? "" : other.strip();
        try {
            return conversations.find(UUID.fromString(value));
        } catch (IllegalArgumentException notAnId) {
            return References.typed(value).flatMap(conversations::findByReference);
        }
    }
}
