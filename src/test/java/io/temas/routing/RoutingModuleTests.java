package io.temas.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.temas.channels.InboundBounce;
import io.temas.channels.InboundMessage;
import io.temas.channels.InboundRejected;
import io.temas.channels.InboundSink;
import io.temas.channels.Receipt;
import io.temas.conversations.Conversation;
import io.temas.conversations.ConversationNotFound;
import io.temas.conversations.Conversations;
import io.temas.conversations.NewConversation;
import io.temas.conversations.QueueAccess;
import io.temas.conversations.Workload;
import io.temas.customers.IdentityResolver;
import io.temas.shared.ChannelType;
import io.temas.shared.Identifier;
import io.temas.shared.Language;
import io.temas.shared.Priority;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.context.TestPropertySource;

/**
 * Routing on its own: the module and only the modules it depends on (conversations, customers,
 * channels, platform), on a throw-away embedded PostgreSQL, with no demo data and no web adapters.
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.ALL_DEPENDENCIES)
@TestPropertySource(properties = {
        "temas.ephemeral=true",
        "temas.outbox.poll-interval=1h",
        "temas.sla.check-interval=1h",
        "temas.routing.offer-interval=1h"
})
class RoutingModuleTests {

    /**
     * The e-mail channel routing reads mailbox addresses from hands messages to an inbound sink,
     * which the inbound module (not started here) implements; nothing here receives mail.
     */
    @TestConfiguration
    static class NoInbound {

        @Bean
        InboundSink noInbound() {
            return new InboundSink() {
                @Override
                public Receipt receive(InboundMessage message) {
                    throw new UnsupportedOperationException("no inbound pipeline in the routing module test");
                }

                @Override
                public InboundRejected reject(String channel, String entryPoint, String externalId, String reason, String contentType,
                                              byte[] raw) {
                    throw new UnsupportedOperationException("no inbound pipeline in the routing module test");
                }

                @Override
                public java.util.UUID rejectUnauthenticated(String channel, String reason, String contentType, byte[] head,
                                                            boolean truncated) {
                    throw new UnsupportedOperationException("no inbound pipeline in the routing module test");
                }

                @Override
                public boolean bounced(InboundBounce bounce) {
                    throw new UnsupportedOperationException("no inbound pipeline in the routing module test");
                }
            };
        }
    }

    @Autowired
    Queues queues;

    @Autowired
    Agents agents;

    @Autowired
    Handover handover;

    @Autowired
    Conversations conversations;

    @Autowired
    Workload workload;

    @Autowired
    IdentityResolver identities;

    @Autowired
    Clock clock;

    @Autowired
    JdbcClient jdbc;

    @Test
    void agentsComingOnlineTakeTheOldestWaitingWorkUpToTheirCapacity() {
        Queue queue = queue("Kapasite");
        List<UUID> waiting = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            waiting.add(waitingIn(queue, i).id());
        }

        Agent small = onlineAgent(queue, 1);
        Agent large = onlineAgent(queue, 2);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(List.of(held(small), held(large))).containsExactly(1, 2));
        assertThat(workload.waiting(queue.id(), List.of(ChannelType.EMAIL, ChannelType.SMS), 10)).extracting(Conversation::id).containsExactly(waiting.getLast());
        // Routing counts what an agent holds only up to the capacity it asks about: beyond it no decision changes.
        assertThat(workload.loadUpTo(Map.of(small.id(), 5, large.id(), 1), ChannelType.EMAIL))
                .containsExactlyInAnyOrderEntriesOf(Map.of(small.id(), 1, large.id(), 1));
        assertThat(workload.loadUpTo(Map.of(large.id(), 0), ChannelType.EMAIL)).containsEntry(large.id(), 0);
        assertThat(workload.loadUpTo(Map.of(large.id(), 2), ChannelType.CHAT)).containsEntry(large.id(), 0);
    }

    @Test
    void aConversationTransferredWithoutAnAgentIsOfferedInItsNewQueueAtOnce() {
        Queue nobodyHere = queue("Boş");
        Queue staffed = queue("Dolu");
        Agent agent = onlineAgent(staffed, 1);
        Conversation waiting = waitingIn(nobodyHere, 0);

        Conversation transferred = handover.reassign(waiting.id(), staffed.id(), null, null);

        assertThat(transferred.queueId()).isEqualTo(staffed.id());
        assertThat(transferred.assigneeId()).isEqualTo(agent.id());
        assertThat(transferred.routingReason()).isEqualTo("transferred to " + staffed.name());
    }

    @Test
    void aSupervisorsSelectionIsReassignedAllOrNone() {
        Queue queue = queue("Toplu");
        Agent agent = onlineAgent(queue("Başka"), 5);
        Conversation first = waitingIn(queue, 0);
        UUID unknown = UUID.randomUUID();

        assertThatThrownBy(() -> handover.reassignAll(List.of(first.id(), unknown), null, agent.id(), QueueAccess.EVERYTHING, null))
                .isInstanceOf(ConversationNotFound.class);
        assertThat(conversations.get(first.id()).assigneeId()).as("the first one is rolled back with the failed second").isNull();

        assertThat(handover.reassignAll(List.of(first.id()), null, agent.id(), QueueAccess.EVERYTHING, null)).isEqualTo(1);
        assertThat(conversations.get(first.id()).assigneeId()).isEqualTo(agent.id());
    }

    private Queue queue(String name) {
        return queues.create(name + " " + UUID.randomUUID().toString().substring(0, 8), null, null);
    }

    private Agent onlineAgent(Queue queue, int emailCapacity) {
        String username = "ajan-" + UUID.randomUUID().toString().substring(0, 8);
        return agents.create(new Agents.Draft(username, username, null, List.of(), List.of("tr"), Map.of(ChannelType.EMAIL, emailCapacity),
                List.of(queue.id())), Agent.Presence.ONLINE);
    }

    /** A conversation routed to the queue and waiting there; {@code order} keeps their ages apart. */
    private Conversation waitingIn(Queue queue, int order) {
        UUID customer = identities.resolve(List.of(Identifier.email(UUID.randomUUID() + "@example.com")), "Müşteri", Language.TR)
                .customerId().value();
        Instant at = clock.instant().minusSeconds(60).plusSeconds(order);
        Conversation c = conversations.open(new NewConversation(customer, ChannelType.EMAIL, null, "Soru", Language.TR, null, false, null,
                null, at));
        conversations.route(c, queue.id(), List.of(), Priority.NORMAL, "test", "waiting for the test");
        return conversations.get(c.id());
    }

    /** Every open and pending e-mail conversation the agent holds, counted without a cap. */
    private int held(Agent agent) {
        return jdbc.sql("select count(*) from conversations where assignee_id = ? and channel = 'email' and status in ('open', 'pending')")
                .param(agent.id()).query(Integer.class).single();
    }
}
