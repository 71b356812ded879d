package io.temas.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.channels.InboundMessage;
import io.temas.channels.InboundSink;
import io.temas.channels.Receipt;
import io.temas.shared.ChannelType;
import io.temas.shared.Identifier;
import io.temas.support.ChatVisitor;
import io.temas.support.TemasIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The chat behind a conversation, as agents' replies and the console find it: the chat linked to it at the hand-off, or,
 * before that, the chat its own session names; a session another channel named is no chat of ours.
 */
@TemasIntegrationTest
class ChatOfConversationIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    ChatSessions sessions;

    @Autowired
    InboundSink inbound;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aConversationNotYetLinkedFindsTheChatItsSessionNames() {
        try (ChatVisitor visitor = new ChatVisitor(port, null)) {
            visitor.start("{\"entryPoint\":\"web-sohbet\",\"language\":\"tr\"}");
            UUID conversation = opened(visitor.sessionId).conversationId();

            assertThat(sessions.summary(conversation)).map(ChatSummary::sessionId).contains(UUID.fromString(visitor.sessionId));
            assertThat(sessions.closedFor(conversation)).isFalse();
        }
    }

    @Test
    void theChatLinkedAtTheHandOffComesBeforeTheOneTheSessionNames() {
        try (ChatVisitor named = new ChatVisitor(port, null); ChatVisitor linked = new ChatVisitor(port, null)) {
            named.start("{\"entryPoint\":\"web-sohbet\",\"language\":\"tr\"}");
            linked.start("{\"entryPoint\":\"web-sohbet\",\"language\":\"en\"}");
            UUID conversation = opened(named.sessionId).conversationId();
            jdbc.sql("update chat_sessions set conversation_id = ? where id = ?").params(conversation, UUID.fromString(linked.sessionId)).update();

            assertThat(sessions.summary(conversation)).map(ChatSummary::sessionId).contains(UUID.fromString(linked.sessionId));
        }
    }

    @Test
    void aSessionAnotherChannelNamedIsNoChatOfOursAndNothingCanBeWrittenToIt() {
        UUID conversation = opened("api-oturum-" + UUID.randomUUID()).conversationId();

        assertThat(sessions.summary(conversation)).isEmpty();
        assertThat(sessions.closedFor(conversation)).isTrue();
    }

    private Receipt opened(String chatSession) {
        String cookie = "ziyaretci-" + UUID.randomUUID();
        return inbound.receive(new InboundMessage(ChannelType.CHAT, "web-sohbet", "sohbet-" + UUID.randomUUID(),
                new InboundMessage.Sender(null, List.of(new Identifier(io.temas.shared.IdentifierType.COOKIE, cookie)), chatSession), null,
                "Merhaba", null, null, Instant.now().truncatedTo(ChronoUnit.MICROS), new InboundMessage.Threading(null, List.of(), chatSession),
                InboundMessage.Automation.HUMAN, List.of(), new InboundMessage.RawPayload("text/plain", "Merhaba".getBytes(StandardCharsets.UTF_8))));
    }
}
