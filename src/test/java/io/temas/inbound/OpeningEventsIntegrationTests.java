package io.temas.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.channels.InboundMessage;
import io.temas.channels.Receipt;
import io.temas.conversations.ConversationChanged;
import io.temas.conversations.ConversationOpened;
import io.temas.conversations.ConversationRouted;
import io.temas.conversations.MessageReceived;
import io.temas.shared.ChannelType;
import io.temas.shared.Identifier;
import io.temas.support.TemasIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * What a message tells the rest of Temas, in the thread that processes it: a conversation it opens is told once each
 * as opened, routed and received, with no change notice repeating the opening, its queue or its first message (the
 * screens refresh on the opening itself); a message added later, the acknowledgement or one joining it, is a change.
 */
@TemasIntegrationTest
@RecordApplicationEvents
class OpeningEventsIntegrationTests {

    @Autowired
    InboundPipeline pipeline;

    @Autowired
    ApplicationEvents events;

    @Test
    void anOpeningIsToldOnceAndAMessageJoiningItIsAChange() {
        String phone = "+90533" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);

        Receipt first = pipeline.alone(sms(phone, "Merhaba, siparişim nerede?"));

        UUID opened = first.conversationId();
        assertThat(events.stream(ConversationOpened.class).filter(e -> e.conversationId().equals(opened))).hasSize(1);
        assertThat(events.stream(ConversationRouted.class).filter(e -> e.conversationId().equals(opened))).hasSize(1);
        assertThat(events.stream(MessageReceived.class).filter(e -> e.conversationId().equals(opened))).hasSize(1);
        assertThat(events.stream(ConversationChanged.class).filter(e -> e.conversationId().equals(opened)))
                .as("no notice repeats the opening, its queue or its first message; one for the acknowledgement added after it")
                .extracting(ConversationChanged::what).containsExactly("message");

        Receipt second = pipeline.alone(sms(phone, "Bir de fatura lazım."));

        assertThat(second.conversationId()).isEqualTo(opened);
        assertThat(events.stream(ConversationChanged.class).filter(e -> e.conversationId().equals(opened)))
                .as("and one for the message that joined it").extracting(ConversationChanged::what).containsExactly("message", "message");
        assertThat(events.stream(ConversationOpened.class).filter(e -> e.conversationId().equals(opened))).hasSize(1);
    }

    private static InboundMessage sms(String phone, String text) {
        return new InboundMessage(ChannelType.SMS, "+908502220000", "events-" + UUID.randomUUID(),
                new InboundMessage.Sender(null, List.of(Identifier.phone(phone)), phone), null, text, null, null,
                Instant.now().truncatedTo(ChronoUnit.MICROS), null, null, null,
                new InboundMessage.RawPayload("text/plain", text.getBytes(StandardCharsets.UTF_8)));
    }
}
