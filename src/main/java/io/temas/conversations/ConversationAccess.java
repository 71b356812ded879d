package io.temas.conversations;

import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Answers whether someone's {@link QueueAccess} lets them see a conversation, or which of several. */
@Service
public class ConversationAccess {

    private final JdbcClient jdbc;

    ConversationAccess(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether they may see the conversation; true for one that does not exist (its page answers "not found"). */
    public boolean permits(UUID conversationId, QueueAccess access) {
        if (access.all()) {
            return true;
        }
        return jdbc.sql("select queue_id, assignee_id from conversations where id = ?").param(conversationId)
                .query((rs, n) -> access.permits(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)))
                .optional().orElse(true);
    }

    /** Those of these conversations they may see. */
    public Set<UUID> visible(Collection<UUID> conversationIds, QueueAccess access) {
        if (access.all() || conversationIds.isEmpty()) {
            return Set.copyOf(conversationIds);
        }
        Set<UUID> visible = new HashSet<>();
        jdbc.sql("select id, queue_id, assignee_id from conversations where id = any(?)")
                .param(conversationIds.toArray(UUID[]::new))
                .query((rs, n) -> access.permits(rs.getObject(2, UUID.class), rs.getObject(3, UUID.class))
                        ? visible.add(rs.getObject(1, UUID.class)) : false)
                .list();
        return visible;
    }

    /** The conversation an attachment came with. */
    public Optional<UUID> ofAttachment(UUID attachmentId) {
        return jdbc.sql("select m.conversation_id from attachments a join messages m on m.id = a.message_id where a.id = ?")
                .param(attachmentId).query(UUID.class).optional();
    }

    /** The conversation a message belongs to. */
    public Optional<UUID> ofMessage(UUID messageId) {
        return jdbc.sql("select conversation_id from messages where id = ?").param(messageId).query(UUID.class).optional();
    }
}
