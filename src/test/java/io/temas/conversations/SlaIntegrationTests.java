package io.temas.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.temas.support.Api;
import io.temas.support.HeldRow;
import io.temas.support.TemasIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@TemasIntegrationTest
class SlaIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Conversations conversations;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void anOverdueFirstResponseIsMarkedBreachedAndEscalated() {
        Api api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        Api.Response created = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"bilgi@ornek.com.tr","externalId":"%s","from":{"email":"%s@example.com"},
                 "subject":"Bekliyorum","text":"Hâlâ cevap yok"}""".formatted(UUID.randomUUID(), UUID.randomUUID()));
        String id = created.text("/conversationId");
        Instant due = Instant.parse(api.get("/api/v1/conversations/" + id).text("/sla/firstResponseDue"));
        assertThat(api.get("/api/v1/conversations/" + id).text("/priority")).isEqualTo("normal");

        conversations.markBreaches(due.minusSeconds(1));
        assertThat(api.get("/api/v1/conversations/" + id).json().at("/sla/firstResponseBreached").asBoolean()).isFalse();

        assertThat(conversations.markBreaches(due.plusSeconds(1))).isPositive();

        assertThat(api.get("/api/v1/conversations/" + id).json().at("/sla/firstResponseBreached").asBoolean()).isTrue();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(api.get("/api/v1/conversations/" + id).text("/priority")).isEqualTo("high"));
    }

    @Test
    void overdueConversationsAreMarkedAChunkToATransaction() {
        Api api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(opened(api));
        }
        Instant lastDue = ids.stream().map(this::firstResponseDue).max(Instant::compareTo).orElseThrow();

        conversations.markBreaches(lastDue.plusSeconds(1), 2);

        assertThat(ids).allMatch(this::firstResponseBreached);
        // Every marked row version carries the transaction that wrote it: none wrote more than a chunk of these.
        Collection<Long> perTransaction = ids.stream()
                .collect(Collectors.groupingBy(id -> jdbc.sql("select xmin::text from conversations where id = ?").param(id)
                        .query(String.class).single(), Collectors.counting()))
                .values();
        assertThat(perTransaction).hasSizeGreaterThanOrEqualTo(3).allMatch(n -> n <= 2);
    }

    @Test
    void theSweepSkipsAConversationAnotherTransactionHoldsAndMarksItNextTime() throws Exception {
        Api api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        UUID held = opened(api);
        UUID free = opened(api);
        Instant after = Collections.max(List.of(firstResponseDue(held), firstResponseDue(free)));

        try (HeldRow writer = HeldRow.conversation(dataSource, held)) {
            // Without skipping the held row the sweep would wait for the writer, which ends only after this returns.
            CompletableFuture<Integer> sweep = CompletableFuture.supplyAsync(() -> conversations.markBreaches(after.plusSeconds(1)));
            assertThat(sweep.get(60, TimeUnit.SECONDS)).isPositive();
            assertThat(firstResponseBreached(free)).isTrue();
            assertThat(firstResponseBreached(held)).isFalse();
        }

        conversations.markBreaches(after.plusSeconds(1));
        assertThat(firstResponseBreached(held)).isTrue();
    }

    @Test
    void aSweepStoresNoEventPublicationForItsBreaches() {
        Api api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        List<UUID> ids = List.of(opened(api), opened(api), opened(api));
        Instant lastDue = ids.stream().map(this::firstResponseDue).max(Instant::compareTo).orElseThrow();

        // Within one transaction, to read what the sweep wrote before it commits: a stored publication is deleted once
        // its listeners ran, in a commit of its own per breach.
        transactions.executeWithoutResult(status -> {
            assertThat(conversations.markBreaches(lastDue.plusSeconds(1))).isGreaterThanOrEqualTo(ids.size());
            assertThat(ids).allMatch(this::firstResponseBreached);
            assertThat(jdbc.sql("select count(*) from event_publication where event_type like '%SlaBreached'").query(Long.class)
                    .single()).isZero();
            status.setRollbackOnly();
        });
    }

    private static UUID opened(Api api) {
        return UUID.fromString(api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"bilgi@ornek.com.tr","externalId":"%s","from":{"email":"%s@example.com"},
                 "subject":"Bekliyorum","text":"Hâlâ cevap yok"}""".formatted(UUID.randomUUID(), UUID.randomUUID()))
                .text("/conversationId"));
    }

    private Instant firstResponseDue(UUID id) {
        return jdbc.sql("select first_response_due from conversations where id = ?").param(id).query(java.sql.Timestamp.class)
                .single().toInstant();
    }

    private boolean firstResponseBreached(UUID id) {
        return jdbc.sql("select first_response_breached from conversations where id = ?").param(id).query(Boolean.class).single();
    }
}
