package io.temas.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.channels.InboundMessage;
import io.temas.channels.Receipt;
import io.temas.conversations.Conversation;
import io.temas.conversations.Conversations;
import io.temas.conversations.Message;
import io.temas.routing.EntryPoints;
import io.temas.routing.Queue;
import io.temas.routing.Queues;
import io.temas.shared.ChannelType;
import io.temas.shared.Identifier;
import io.temas.shared.Language;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.context.TestPropertySource;

/**
 * The pipeline on its own: the inbound module and only the modules it depends on (routing,
 * conversations, customers, channels, platform), on a throw-away embedded PostgreSQL, without the
 * campaigns that implement its attribution step, the demo data or the web adapters.
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.ALL_DEPENDENCIES)
@TestPropertySource(properties = {
        "temas.ephemeral=true",
        "temas.outbox.poll-interval=1h",
        "temas.sla.check-interval=1h",
        "temas.routing.offer-interval=1h"
})
class InboundModuleTests {

    @Autowired
    InboundPipeline pipeline;

    @Autowired
    Queues queues;

    @Autowired
    EntryPoints entryPoints;

    @Autowired
    Conversations conversations;

    @Autowired
    Clock clock;

    @Test
    void aMessageIsStoredInANewConversationRoutedToItsEntryPointsQueueAndARetryAnswersTheSame() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Queue queue = queues.create("Gelen " + suffix, null, null);
        String address = "gelen-" + suffix + "@ornek.com.tr";
        entryPoints.create(address, ChannelType.EMAIL, queue.id(), null, null, null);
        InboundMessage message = message(address, "musteri-" + suffix + "@example.com", "Faturamda iki kez ödeme görünüyor.");

        Receipt receipt = pipeline.receive(message);

        Conversation conversation = conversations.get(receipt.conversationId());
        assertThat(conversation.queueId()).isEqualTo(queue.id());
        assertThat(conversation.routingRule()).isEqualTo("entry point");
        assertThat(conversation.customerId()).isEqualTo(receipt.customerId());
        assertThat(conversations.messages(conversation.id())).filteredOn(m -> m.direction() == Message.Direction.INBOUND)
                .extracting(Message::text).containsExactly("Faturamda iki kez ödeme görünüyor.");

        Receipt retry = pipeline.receive(message);
        assertThat(retry.duplicate()).isTrue();
        assertThat(retry.conversationId()).isEqualTo(receipt.conversationId());
        assertThat(conversations.messages(conversation.id())).filteredOn(m -> m.direction() == Message.Direction.INBOUND).hasSize(1);
    }

    private InboundMessage message(String entryPoint, String from, String text) {
        return new InboundMessage(ChannelType.EMAIL, entryPoint, UUID.randomUUID().toString(),
                new InboundMessage.Sender("Deniz Kara", List.of(Identifier.email(from)), from), "Çift ödeme", text, null, Language.TR,
                clock.instant(), null, null, null, new InboundMessage.RawPayload("text/plain", text.getBytes(StandardCharsets.UTF_8)));
    }
}
