package io.temas.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.support.Api;
import io.temas.support.TemasIntegrationTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Many messages at once for a queue whose online agents have room for few: no agent ever holds
 * more live conversations on the channel than their capacity, the room there is gets used, and
 * the rest wait in the queue.
 */
@TemasIntegrationTest
class ConcurrentAssignmentIntegrationTests {

    private static final int MESSAGES = 24;
    private static final int AGENTS = 3;
    private static final int CAPACITY = 2;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void concurrentMessagesNeverOverbookAnAgentAndTheRestWait() throws Exception {
        Api api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String queue = "Yoğun " + suffix;
        String address = "yogun-" + suffix + "@ornek.com.tr";
        assertThat(api.post("/api/v1/queues", "{\"name\":\"" + queue + "\"}").status()).isEqualTo(201);
        assertThat(api.post("/api/v1/entry-points", "{\"address\":\"" + address + "\",\"queue\":\"" + queue + "\"}").status()).isEqualTo(201);
        List<UUID> agents = new ArrayList<>();
        for (int i = 0; i < AGENTS; i++) {
            Api.Response agent = api.post("/api/v1/agents", """
                    {"username":"yogun-%s-%d","displayName":"Yoğun %d","capacity":{"email":%d,"chat":5},"queues":["%s"],"presence":"online"}"""
                    .formatted(suffix, i, i, CAPACITY, queue));
            assertThat(agent.status()).as(agent.body()).isEqualTo(201);
            agents.add(UUID.fromString(agent.text("/id")));
        }

        CyclicBarrier together = new CyclicBarrier(MESSAGES);
        List<String> conversations = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Api.Response>> sent = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                sent.add(executor.submit(() -> {
                    together.await();
                    return api.post("/api/v1/inbound", """
                            {"channel":"email","entryPoint":"%s","externalId":"%s","from":{"email":"%s@example.com"},"subject":"Acil","text":"Merhaba"}"""
                            .formatted(address, UUID.randomUUID(), UUID.randomUUID()));
                }));
            }
            for (Future<Api.Response> response : sent) {
                assertThat(response.get().status()).as(response.get().body()).isEqualTo(201);
                conversations.add(response.get().text("/conversationId"));
            }
        }

        Map<UUID, Integer> live = new HashMap<>();
        jdbc.sql("""
                        select assignee_id, count(*) from conversations where assignee_id = any(?) and channel = 'email'
                        and status in ('open', 'pending') group by assignee_id""")
                .param(agents.toArray(UUID[]::new)).query((rs, n) -> live.put(rs.getObject(1, UUID.class), rs.getInt(2))).list();
        assertThat(live.values()).allSatisfy(held -> assertThat(held).isLessThanOrEqualTo(CAPACITY));
        assertThat(live.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(AGENTS * CAPACITY);
        int waiting = jdbc.sql("""
                        select count(*) from conversations where id = any(?) and assignee_id is null and status = 'open'""")
                .param(conversations.stream().map(UUID::fromString).toArray(UUID[]::new)).query(Integer.class).single();
        assertThat(waiting).isEqualTo(MESSAGES - AGENTS * CAPACITY);
    }
}
