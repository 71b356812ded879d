package io.temas.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.support.Api;
import io.temas.support.TemasIntegrationTest;
import java.util.ArrayList;
import java.util.List;
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
 * The race the receipt exists for: a sender (or two fetchers of one mailbox) delivering the same
 * message several times at once. One message, one conversation, one customer; every caller is
 * told the same ids, exactly one of them that it was new.
 */
@TemasIntegrationTest
class ConcurrentDuplicatesIntegrationTests {

    private static final int CALLERS = 12;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theSameExternalIdPostedAtOnceIsTakenOnceAndEveryCallerGetsTheSameIds() throws Exception {
        Api api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        String externalId = "<" + UUID.randomUUID() + "@example.com>";
        String body = """
                {"channel":"email","entryPoint":"destek@ornek.com.tr","externalId":"%s","from":{"email":"%s@example.com"},
                 "subject":"Modem","text":"Modemim yine çalışmıyor"}""".formatted(externalId, UUID.randomUUID());
        CyclicBarrier together = new CyclicBarrier(CALLERS);
        List<Api.Response> responses = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Api.Response>> calls = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                calls.add(executor.submit(() -> {
                    together.await();
                    return api.post("/api/v1/inbound", body);
                }));
            }
            for (Future<Api.Response> call : calls) {
                responses.add(call.get());
            }
        }

        assertThat(responses).extracting(Api.Response::status).containsOnly(200, 201).filteredOn(s -> s == 201).hasSize(1);
        Api.Response first = responses.stream().filter(r -> r.status() == 201).findFirst().orElseThrow();
        for (Api.Response response : responses) {
            assertThat(response.text("/messageId")).isEqualTo(first.text("/messageId"));
            assertThat(response.text("/conversationId")).isEqualTo(first.text("/conversationId"));
            assertThat(response.text("/customerId")).isEqualTo(first.text("/customerId"));
        }
        assertThat(count("select count(*) from inbound_receipts where channel = 'email' and external_id = ?", externalId)).isEqualTo(1);
        assertThat(count("select count(*) from messages where external_id = ?", externalId)).isEqualTo(1);
        assertThat(count("select count(*) from conversations where customer_id = ?", UUID.fromString(first.text("/customerId"))))
                .isEqualTo(1);
        assertThat(count("select count(*) from messages where conversation_id = ? and direction = 'inbound'",
                UUID.fromString(first.text("/conversationId")))).isEqualTo(1);
    }

    private int count(String sql, Object parameter) {
        return jdbc.sql(sql).param(parameter).query(Integer.class).single();
    }
}
