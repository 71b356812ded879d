package io.temas.conversations;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Conversations opened by a message that cited another conversation's reference although its
 * sender was not on that conversation: they stay apart (a guessed reference must not let a
 * stranger into somebody's conversation) but point at the one they cite, so an agent can judge
 * and merge.
 */
@Service
public class Citations {

    private final JdbcClient jdbc;
    private final Conversations conversations;

    Citations(JdbcClient jdbc, Conversations conversations) {
        this.jdbc = jdbc;
        this.conversations = conversations;
    }

    /** Records that {@code citing} cites {@code cited}; joins the caller's transaction. */
    public void record(UUID citing, UUID cited) {
        jdbc.sql("update conversations set cites = ? where id = ?").params(cited, citing).update();
    }

    /** The conversation this one cites without its sender being on it, if any. */
    public Optional<Conversation> cited(UUID conversationId) {
        return jdbc.sql("select c.* from conversations o join conversations c on c.id = o.cites where o.id = ?")
                .param(conversationId).query(Conversations::conversation).optional();
    }

    /**
     * Whether {@code address} is already on the conversation: it wrote a message in it or was
     * written to from it (case aside).
     */
    public boolean isParticipant(UUID conversationId, String address) {
        if (address == null || address.isBlank()) {
            return false;
        }
        conversations.flush();
        return jdbc.sql("""
                        select exists (select 1 from messages where conversation_id = ?
                        and (direction = 'inbound' and lower(sender) = lower(?) or direction = 'outbound' and lower(recipient) = lower(?)))""")
                .params(conversationId, address, address).query(Boolean.class).single();
    }
}
