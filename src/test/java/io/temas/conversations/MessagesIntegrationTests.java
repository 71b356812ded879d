package io.temas.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.shared.ChannelType;
import io.temas.support.Api;
import io.temas.support.TemasIntegrationTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Adding a message changes its conversation in the message's own statement: the message row and the conversation's new
 * row version carry the same transaction and command id ({@code xmin}, {@code cmin}).
 */
@TemasIntegrationTest
class MessagesIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Conversations conversations;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void anInboundMessageReopensAResolvedConversationInItsOwnStatement() {
        UUID id = conversation();
        conversations.changeStatus(id, ConversationStatus.RESOLVED);
        Instant later = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);

        Stamps added = add(new NewMessage(id, Message.Direction.INBOUND, "message", ChannelType.EMAIL, "ext-" + UUID.randomUUID(), null,
                "musteri@example.com", "bilgi@ornek.com.tr", "Yine ben", "Hâlâ bekliyorum", null, "tr", null, later));

        Conversation reopened = conversations.get(id);
        assertThat(reopened.status()).isEqualTo(ConversationStatus.OPEN);
        assertThat(reopened.resolvedAt()).isNull();
        assertThat(jdbc.sql("select last_message_at from conversations where id = ?").param(id).query(java.sql.Timestamp.class).single()
                .toInstant()).isEqualTo(later);
        assertThat(added.message()).as("written by the message's statement").isEqualTo(added.conversation());
    }

    @Test
    void anAgentsReplyIsTheFirstResponseOnceAndAnAcknowledgementIsNone() {
        UUID id = conversation();
        Instant first = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        Stamps ack = add(outbound(id, "ack", first.minusSeconds(5)));
        assertThat(conversations.get(id).firstRespondedAt()).as("an acknowledgement is no response").isNull();
        assertThat(ack.message()).isNotEqualTo(ack.conversation());

        Stamps reply = add(outbound(id, "message", first));
        assertThat(conversations.get(id).firstRespondedAt()).isEqualTo(first);
        assertThat(reply.message()).isEqualTo(reply.conversation());

        add(outbound(id, "message", first.plusSeconds(60)));
        assertThat(conversations.get(id).firstRespondedAt()).as("the first response stays the first").isEqualTo(first);
    }

    private UUID conversation() {
        Api api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        return UUID.fromString(api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"bilgi@ornek.com.tr","externalId":"%s","from":{"email":"%s@example.com"},
                 "subject":"Sipariş","text":"Siparişim gelmedi"}""".formatted(UUID.randomUUID(), UUID.randomUUID()))
                .text("/conversationId"));
    }

    private static NewMessage outbound(UUID conversation, String kind, Instant at) {
        return new NewMessage(conversation, Message.Direction.OUTBOUND, kind, ChannelType.EMAIL, null, null, "bilgi@ornek.com.tr",
                "musteri@example.com", "Re: Sipariş", "Bakıyoruz", null, "tr", null, at);
    }

    /** Which transaction and statement wrote the message, and the conversation's row as it stands after it. */
    private record Stamps(String message, String conversation) {
    }

    /**
     * Adds the message after another statement of its transaction (so that a second statement would carry a command id
     * apart), and reads both stamps before the transaction ends.
     */
    private Stamps add(NewMessage message) {
        return transactions.execute(tx -> {
            jdbc.sql("select 1").query(Integer.class).single();
            UUID id = conversations.add(message);
            return new Stamps(jdbc.sql("select xmin::text || '/' || cmin::text from messages where id = ?").param(id).query(String.class)
                    .single(), jdbc.sql("select xmin::text || '/' || cmin::text from conversations where id = ?")
                    .param(message.conversationId()).query(String.class).single());
        });
    }
}
