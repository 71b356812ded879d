package io.temas.inbound;

import io.temas.channels.InboundMessage;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The original bytes of every inbound message, exactly as they arrived. */
@Service
public class RawMessages {

    private final JdbcClient jdbc;

    RawMessages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<InboundMessage.RawPayload> of(UUID messageId) {
        return jdbc.sql("select content_type, payload from inbound_receipts where message_id = ?").param(messageId)
                .query((rs, n) -> new InboundMessage.RawPayload(rs.getString(1), rs.getBytes(2))).optional();
    }
}
