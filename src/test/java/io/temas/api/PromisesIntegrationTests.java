package io.temas.api;

import static io.temas.api.InboundApiIntegrationTests.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.temas.conversations.Workload;
import io.temas.routing.Assigner;
import io.temas.shared.ChannelType;
import io.temas.support.Api;
import io.temas.support.TemasIntegrationTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Acknowledgements under load: a queue with two agents (five e-mail conversations each) takes
 * twelve e-mails one after another. Every acknowledgement's promise, read back as the
 * conversation's {@code promisedBy}, counts what the agents already hold, so the promises never
 * go back and the later ones are later than the first; the two that wait for an agent are
 * promised no earlier than anyone before them. The acknowledgements are signed with the
 * organisation's name.
 */
@TemasIntegrationTest
class PromisesIntegrationTests {

    @LocalServerPort
    int port;

    Api api;

    @Autowired
    Assigner assigner;

    @Autowired
    Workload workload;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Autowired
    io.temas.conversations.Conversations conversationStore;

    @BeforeEach
    void client() {
        api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
    }

    @Test
    void promisesGetLaterAsTheQueueFills() {
        String queue = unique("Söz");
        assertThat(api.post("/api/v1/queues", "{\"name\":\"" + queue + "\"}").status()).isEqualTo(201);
        for (int i = 0; i < 2; i++) {
            Api.Response agent = api.post("/api/v1/agents", """
                    {"username":"%s","capacity":{"email":5},"queues":["%s"],"presence":"online"}""".formatted(unique("soz"), queue));
            assertThat(agent.status()).as(agent.body()).isEqualTo(201);
        }
        String address = unique("soz") + "@ornek.com.tr";
        Api.Response entryPoint = api.post("/api/v1/entry-points", """
                {"address":"%s","channel":"email","queue":"%s"}""".formatted(address, queue));
        assertThat(entryPoint.status()).as(entryPoint.body()).isEqualTo(201);

        List<Instant> promises = new ArrayList<>();
        List<JsonNode> conversations = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Api.Response sent = api.post("/api/v1/inbound", """
                    {"channel":"email","entryPoint":"%s","externalId":"%s","from":{"email":"%s@example.com"},
                     "subject":"Faturam hakkında %d","text":"Merhaba, faturamda bir sorun var."}"""
                    .formatted(address, unique("soz"), unique("musteri"), i));
            assertThat(sent.status()).as(sent.body()).isEqualTo(201);
            JsonNode conversation = api.get("/api/v1/conversations/" + sent.text("/conversationId")).json();
            conversations.add(conversation);
            assertThat(conversation.at("/promisedBy").isNull()).as("promisedBy of message %d", i).isFalse();
            promises.add(Instant.parse(conversation.at("/promisedBy").asString()));
        }

        for (int i = 1; i < promises.size(); i++) {
            assertThat(promises.get(i)).as("promise %d after %s", i, promises.subList(0, i)).isAfterOrEqualTo(promises.get(i - 1));
        }
        assertThat(promises.getLast()).isAfter(promises.getFirst());
        assertThat(promises.get(9)).as("the fifth with each agent").isAfter(promises.get(1));
        // Each agent's next conversation, given as it is opened, waits behind the ones that agent already holds: never earlier,
        // and the second later than the first (further on, promises rounded to the quarter hour or hour may meet).
        java.util.Map<String, List<Instant>> byAgent = new java.util.LinkedHashMap<>();
        for (int i = 0; i < conversations.size(); i++) {
            JsonNode assignee = conversations.get(i).at("/assigneeId");
            if (!assignee.isNull() && !assignee.isMissingNode()) {
                byAgent.computeIfAbsent(assignee.asString(), a -> new ArrayList<>()).add(promises.get(i));
            }
        }
        assertThat(byAgent).hasSize(2);
        byAgent.forEach((agent, theirs) -> {
            assertThat(theirs).as("agent %s's promises", agent).hasSize(5);
            assertThat(theirs.get(1)).as("agent %s's second promise after %s", agent, theirs.getFirst()).isAfter(theirs.getFirst());
            assertThat(theirs).as("agent %s's promises", agent).isSortedAccordingTo(java.util.Comparator.naturalOrder());
        });
        JsonNode waiting = conversations.getLast();
        assertThat(waiting.at("/assigneeId").isNull() || waiting.at("/assigneeId").isMissingNode()).as("full agents: it waits").isTrue();
        // The queue's latest promise, which a conversation nobody takes is promised after, is read with the agents' loads: the
        // same as read on its own.
        UUID queueId = UUID.fromString(waiting.at("/queueId").asString());
        Assigner.ForNew choice = transactions.execute(status -> assigner.chooseForNew(queueId, ChannelType.EMAIL, List.of()));
        assertThat(choice.agent()).as("both agents full").isEmpty();
        assertThat(choice.promised()).as("read with the loads").isNotNull();
        assertThat(choice.promised().latest()).isEqualTo(workload.latestPromise(queueId, ChannelType.EMAIL))
                .isEqualTo(promises.stream().max(Comparator.naturalOrder()).orElseThrow());
        oneTransactionAsksOnceWhileNobodyHasRoom(queueId, UUID.fromString(waiting.at("/id").asString()),
                UUID.fromString(conversations.getFirst().at("/id").asString()), choice.promised().latest());
        JsonNode ack = waiting.at("/messages").valueStream().filter(m -> m.at("/kind").asString().equals("ack")).findFirst().orElseThrow();
        assertThat(ack.at("/text").asString()).endsWith("Örnek A.Ş.").doesNotContain("Temas");
        String header = io.temas.support.Console.signIn(port, "admin", TemasIntegrationTest.ADMIN_PASSWORD)
                .get("/console/conversations/" + waiting.at("/id").asString()).body();
        assertThat(header).contains("data-promised-by").contains("Söz verilen yanıt: ");

        // Once resolved, the conversation no longer shows a promise of an answer.
        assertThat(api.post("/api/v1/conversations/" + waiting.at("/id").asString() + "/status", "{\"status\":\"resolved\"}").status())
                .isEqualTo(200);
        assertThat(io.temas.support.Console.signIn(port, "admin", TemasIntegrationTest.ADMIN_PASSWORD)
                .get("/console/conversations/" + waiting.at("/id").asString()).body()).doesNotContain("data-promised-by");
    }

    /**
     * A transaction opening several conversations (a batch of the pipeline) keeps what it found of a full queue: the next
     * opening is answered nobody, with the latest promise as the transaction's own openings moved it, as a read would answer
     * it, and read again once the transaction says a promise moved otherwise.
     */
    private void oneTransactionAsksOnceWhileNobodyHasRoom(UUID queueId, UUID waitingId, UUID assignedId, Instant latest) {
        Instant later = latest.plus(java.time.Duration.ofHours(1));
        transactions.execute(status -> {
            Assigner.FullQueues full = new Assigner.FullQueues();
            Assigner.ForNew first = assigner.chooseForNew(queueId, ChannelType.EMAIL, List.of(), full);
            assertThat(first.agent()).isEmpty();
            assertThat(first.promised().latest()).isEqualTo(latest);

            // The transaction opens a conversation nobody takes, promised later than anyone before.
            jdbc.sql("update conversations set promised_by = ? where id = ?").params(java.sql.Timestamp.from(later), waitingId).update();
            full.opened(queueId, ChannelType.EMAIL, later);
            Assigner.ForNew second = assigner.chooseForNew(queueId, ChannelType.EMAIL, List.of(), full);

            assertThat(second.agent()).isEmpty();
            assertThat(second.promised().latest()).as("the transaction's own promise counted, as a read counts it").isEqualTo(later)
                    .isEqualTo(workload.latestPromise(queueId, ChannelType.EMAIL));

            // Nobody qualified (a skill no agent has, as nobody online at night): the promise is read once and kept the same way.
            List<String> nobodys = List.of("skill-" + UUID.randomUUID());
            Assigner.ForNew nobody = assigner.chooseForNew(queueId, ChannelType.EMAIL, nobodys, full);
            assertThat(nobody.promised()).as("the promise comes with the answer").isNotNull();
            assertThat(nobody.promised().latest()).isEqualTo(later);
            Instant latest2 = later.plus(java.time.Duration.ofHours(1));
            jdbc.sql("update conversations set promised_by = ? where id = ?").params(java.sql.Timestamp.from(latest2), waitingId).update();
            full.opened(queueId, ChannelType.EMAIL, latest2);
            assertThat(assigner.chooseForNew(queueId, ChannelType.EMAIL, nobodys, full).promised().latest())
                    .isEqualTo(latest2).isEqualTo(workload.latestPromise(queueId, ChannelType.EMAIL));

            // A promise moved otherwise (a message joining a conversation acknowledges it again): that queue's, on that channel,
            // is read again; the others' are kept.
            Instant moved = latest2.plus(java.time.Duration.ofHours(1));
            jdbc.sql("update conversations set promised_by = ? where id = ?").params(java.sql.Timestamp.from(moved), waitingId).update();
            full.promisesMoved(queueId, ChannelType.SMS);
            assertThat(assigner.chooseForNew(queueId, ChannelType.EMAIL, List.of(), full).promised().latest())
                    .as("moved on another channel: kept, not read").isEqualTo(latest2);
            full.promisesMoved(queueId, ChannelType.EMAIL);
            assertThat(assigner.chooseForNew(queueId, ChannelType.EMAIL, List.of(), full).promised().latest()).as("read again")
                    .isEqualTo(moved);

            // Room the transaction makes itself is not looked for (it is offered once the transaction commits): neither an
            // opening nor a joined conversation's assignment asks again.
            jdbc.sql("update conversations set status = 'resolved' where id = ?").param(assignedId).update();
            assertThat(assigner.assign(conversationStore.get(waitingId), full)).as("a join's assignment, not asked again").isEmpty();
            assertThat(assigner.chooseForNew(queueId, ChannelType.EMAIL, List.of(), full).agent()).as("not asked again").isEmpty();
            // A read finds the room, and gives it to the conversation that waited for it, not to the one being opened.
            assertThat(assigner.chooseForNew(queueId, ChannelType.EMAIL, List.of()).agent()).as("the opening waits its turn").isEmpty();
            assertThat(workload.waiting(queueId, List.of(ChannelType.EMAIL), 10)).as("the older of the two waiting got the room")
                    .extracting(io.temas.conversations.Conversation::id).containsExactly(waitingId);
            status.setRollbackOnly();
            return null;
        });
    }

    @Test
    void aConversationWithoutAnAcknowledgementHasNoPromise() {
        Api.Response sent = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"bilgi@ornek.com.tr","externalId":"%s","from":{"email":"noreply@%s.example.com"},
                 "subject":"Otomatik bildirim","text":"Bu bir otomatik iletidir."}""".formatted(unique("soz"), unique("robot")));
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);

        JsonNode conversation = api.get("/api/v1/conversations/" + sent.text("/conversationId")).json();

        assertThat(conversation.has("promisedBy")).isTrue();
        assertThat(conversation.at("/promisedBy").isNull()).isTrue();
    }
}
