package io.temas.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.support.Api;
import io.temas.support.TemasIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Inbox views over conversations in queues of their own, with deadlines set by hand. */
@TemasIntegrationTest
class InboxIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Inbox inbox;

    @Autowired
    Conversations conversations;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
    }

    @Test
    void aViewOverSeveralQueuesPagesByDeadlineAndVisitsEveryConversationOnce() {
        UUID first = queueWithEntryPoint();
        UUID second = queueWithEntryPoint();
        Instant now = Instant.now();
        List<UUID> expected = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            UUID queue = i % 2 == 0 ? first : second;
            UUID id = conversationIn(queue);
            // Deadlines interleave the two queues: 75, 65, 55 ... minutes from now; one without a deadline.
            jdbc.sql("update conversations set first_response_due = ? where id = ?")
                    .params(i == 6 ? null : java.sql.Timestamp.from(now.plus(Duration.ofMinutes(75 - 10L * i))), id).update();
            expected.add(id);
        }
        List<UUID> byDeadline = new ArrayList<>(expected.subList(0, 6).reversed());
        byDeadline.add(expected.get(6));

        Inbox.Viewer viewer = new Inbox.Viewer(null, List.of(first, second));
        List<UUID> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Inbox.Page page = inbox.page(Inbox.View.UNASSIGNED, viewer, null, cursor, 3);
            page.rows().forEach(r -> seen.add(r.id()));
            cursor = page.next();
            pages++;
        } while (cursor != null);

        assertThat(seen).containsExactlyElementsOf(byDeadline);
        assertThat(pages).isEqualTo(3);
        assertThat(inbox.counts(viewer).get(Inbox.View.UNASSIGNED)).isEqualTo(7);
        assertThat(inbox.counts(viewer).get(Inbox.View.DUE)).as("due within the hour: 55, 45, 35, 25 minutes").isEqualTo(4);
    }

    @Test
    void mineAndWaitingFollowAssignmentAndStatus() {
        UUID queue = queueWithEntryPoint();
        UUID agent = UUID.fromString(api.post("/api/v1/agents", """
                {"username":"%s","displayName":"Test Temsilci","skills":[],"languages":["tr"],"capacity":{"email":0},"queues":[]}"""
                .formatted(("t" + UUID.randomUUID()).substring(0, 12))).text("/id"));
        UUID open = conversationIn(queue);
        UUID waiting = conversationIn(queue);
        conversations.assign(open, agent);
        conversations.assign(waiting, agent);
        conversations.changeStatus(waiting, ConversationStatus.PENDING);

        Inbox.Viewer viewer = new Inbox.Viewer(agent, List.of(queue));
        assertThat(inbox.page(Inbox.View.MINE, viewer, null, null, 50).rows()).extracting(Inbox.Row::id)
                .containsExactlyInAnyOrder(open, waiting);
        assertThat(inbox.page(Inbox.View.WAITING, viewer, null, null, 50).rows()).extracting(Inbox.Row::id).containsExactly(waiting);
        assertThat(inbox.page(Inbox.View.UNASSIGNED, viewer, null, null, 50).rows()).isEmpty();

        conversations.changeStatus(open, ConversationStatus.RESOLVED);
        assertThat(inbox.page(Inbox.View.MINE, viewer, null, null, 50).rows()).extracting(Inbox.Row::id).containsExactly(waiting);
        assertThat(inbox.queueLoad(queue).live()).isEqualTo(1);
    }

    @Test
    void aGarbledCursorStartsFromTheFirstPage() {
        UUID queue = queueWithEntryPoint();
        UUID id = conversationIn(queue);
        Inbox.Viewer viewer = new Inbox.Viewer(null, List.of(queue));
        assertThat(inbox.page(Inbox.View.QUEUE, viewer, queue, "not-a-cursor", 10).rows()).extracting(Inbox.Row::id).containsExactly(id);
    }

    private UUID queueWithEntryPoint() {
        String name = "Kutu " + UUID.randomUUID().toString().substring(0, 8);
        UUID queue = UUID.fromString(api.post("/api/v1/queues", "{\"name\":\"" + name + "\"}").text("/id"));
        api.post("/api/v1/entry-points", "{\"address\":\"" + queue + "@ornek.com.tr\",\"channel\":\"email\",\"queue\":\"" + name + "\"}");
        return queue;
    }

    private UUID conversationIn(UUID queue) {
        String sender = UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String id = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"%s@ornek.com.tr","externalId":"%s","from":{"email":"%s"},"subject":"Soru","text":"Merhaba"}"""
                .formatted(queue, UUID.randomUUID(), sender)).text("/conversationId");
        return UUID.fromString(id);
    }
}
