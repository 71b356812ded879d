package io.temas.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.temas.customers.Customer;
import io.temas.customers.CustomerId;
import io.temas.customers.Customers;
import io.temas.support.Api;
import io.temas.support.TemasIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The events API over HTTP: one event, NDJSON batches, repeats, refused lines, concurrent duplicates, merges. */
@TemasIntegrationTest
class CustomerEventsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Customers customers;

    @Autowired
    io.temas.customers.CustomerTimeline timeline;

    @Autowired
    CustomerEvents events;

    @Autowired
    EventRecords records;

    @Autowired
    io.temas.customers.IdentityResolver identities;

    @Autowired
    io.temas.customers.Merges merges;

    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String event(String type, String at, String sourceId, String identifiers, String attributes) {
        return "{\"type\":\"" + type + "\",\"at\":\"" + at + "\",\"sourceId\":\"" + sourceId + "\",\"identifiers\":{" + identifiers
                + "},\"attributes\":{" + attributes + "}}";
    }

    @Test
    void oneEventIsTakenForANewCustomerAndShownOnTheTimelineOnceEvenWhenSentAgain() {
        String email = unique("visit") + "@example.com";
        String source = unique("core-banking");
        String body = event("branch_visit", "2026-12-02T10:15:00+03:00", source, "\"email\":\"" + email + "\"",
                "\"branch\":\"Kadıköy şubesi\",\"teller\":42");

        Api.Response first = api.post("/api/v1/customer-events", body);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().at("/taken").asInt()).isEqualTo(1);
        assertThat(first.json().at("/repeated").asInt()).isZero();
        assertThat(first.json().at("/refused").asInt()).isZero();

        Customer customer = customers.findByIdentifier(email).orElseThrow();
        JsonNode events = api.get("/api/v1/customers/" + customer.id().value() + "/events").json().at("/items");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).at("/type").asString()).isEqualTo("branch_visit");
        assertThat(events.get(0).at("/at").asString()).isEqualTo("2026-12-02T07:15:00Z");
        assertThat(events.get(0).at("/attributes/branch").asString()).isEqualTo("Kadıköy şubesi");
        assertThat(events.get(0).at("/attributes/teller").asInt()).isEqualTo(42);

        Api.Response again = api.post("/api/v1/customer-events", body);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().at("/taken").asInt()).isZero();
        assertThat(again.json().at("/repeated").asInt()).isEqualTo(1);
        assertThat(timelineKinds(customer.id())).containsExactly("event.branch_visit");
        assertThat(timeline.recent(customer.id(), 10)).singleElement().satisfies(entry -> {
            assertThat(entry.detail().key()).isEqualTo("events.detail.branch_visit");
            assertThat(entry.detail().args()).containsExactly("Kadıköy şubesi");
            assertThat(entry.occurredAt()).isEqualTo(java.time.Instant.parse("2026-12-02T07:15:00Z"));
        });
    }

    @Test
    void theTimelineShowsEventsAmongItsOwnEntriesNewestFirstAndCutsTheWholeAtTheLimit() {
        String email = unique("order") + "@example.com";
        String ids = "\"email\":\"" + email + "\"";
        Api.Response taken = api.postRaw("/api/v1/customer-events", "application/x-ndjson", String.join("\n",
                event("payment", "2026-11-30T08:00:00Z", unique("src"), ids, "\"amount\":5,\"currency\":\"TRY\""),
                event("churn", "2026-11-30T10:00:00Z", unique("src"), ids, "")).getBytes(StandardCharsets.UTF_8));
        assertThat(taken.json().at("/taken").asInt()).isEqualTo(2);
        CustomerId customer = customers.findByIdentifier(email).orElseThrow().id();
        timeline.record(customer, List.of(new io.temas.customers.CustomerTimeline.Entry(java.time.Instant.parse("2026-11-30T09:00:00Z"),
                "note", null, "a note between the two", null, null)));

        assertThat(timeline.recent(customer, 10)).extracting(io.temas.customers.TimelineEntry::kind)
                .containsExactly("event.churn", "note", "event.payment");
        assertThat(timeline.recent(customer, 2)).extracting(io.temas.customers.TimelineEntry::kind)
                .containsExactly("event.churn", "note");
        assertThat(timeline.recent(customer, 10).getLast().detail().args()).containsExactly("5 TRY");
    }

    @Test
    void eventsResolvedBeforeTheirCustomerWasMergedOrErasedGoToTheSurvivorOrAreLeftOut() {
        String merged = unique("merged") + "@example.com";
        String erased = unique("erased") + "@example.com";
        String a = unique("src");
        String b = unique("src");
        List<EventParser.Parsed> parsed = new ArrayList<>(List.of(
                events.parser().json(1, event("payment", "2026-12-01T09:00:00Z", a, "\"email\":\"" + merged + "\"", "")),
                events.parser().json(2, event("payment", "2026-12-01T09:00:00Z", b, "\"email\":\"" + erased + "\"", ""))));
        List<EventRefusal> refused = new ArrayList<>();
        // Resolved as an import resolves a chunk ahead of storing it; then, before the store, one is merged away and
        // the other erased.
        java.util.Map<Integer, CustomerId> resolved = events.resolve(parsed, refused);
        CustomerId survivor = identities.resolve(List.of(io.temas.shared.Identifier.email(unique("survivor") + "@example.com")), null, null).customerId();
        merges.merge(survivor, resolved.get(1), "test", "test");
        jdbc.sql("update customers set erased_at = now() where id = ?").param(resolved.get(2).value()).update();

        EventOutcome outcome = transactions.execute(status -> events.store(parsed, resolved, refused, null));

        assertThat(outcome.taken()).isEqualTo(1);
        assertThat(jdbc.sql("select customer_id from customer_events where source_id = ?").param(a).query(java.util.UUID.class).single())
                .isEqualTo(survivor.value());
        assertThat(jdbc.sql("select count(*) from customer_events where source_id = ?").param(b).query(Integer.class).single()).isZero();
    }

    @Test
    void anNdjsonBatchAnswersTakenRepeatedAndEveryRefusedLineWithItsNumberAndKeepsTheRefusedLinesRaw() {
        String email = unique("batch") + "@example.com";
        String ids = "\"email\":\"" + email + "\"";
        String a = unique("src");
        String b = unique("src");
        String tag = unique("refused");
        List<String> lines = List.of(
                event("atm_use", "2026-12-03T08:01:00+03:00", a, ids, "\"atm\":\"Levent ATM\",\"outcome\":\"refused\""),   // 1 taken
                event("payment", "2026-12-03T08:02:00Z", b, ids, "\"amount\":1250.5,\"currency\":\"TRY\""),                // 2 taken
                event("atm_use", "2026-12-03T08:01:00+03:00", a, ids, ""),                                              // 3 repeated (same source id)
                "",                                                                                                       // 4 blank: skipped
                event("atm_use", "yesterday", unique("src"), ids, "\"tag\":\"" + tag + "\""),                             // 5 bad at
                event("Bad Type!", "2026-12-03T08:02:00Z", unique("src"), ids, ""),                                      // 6 bad type
                "{\"type\":\"order\",\"at\":12,\"sourceId\":\"x\",\"identifiers\":{" + ids + "}}",                     // 7 at of the wrong type
                event("order", "2026-12-03T08:02:00Z", "s".repeat(201), ids, ""),                                        // 8 source id too long
                event("order", "2026-12-03T08:02:00Z", unique("src"), ids, "\"nested\":{\"a\":1}"),                      // 9 nested attribute
                event("order", "2026-12-03T08:02:00Z", unique("src"), ids, "\"big\":\"" + "x".repeat(501) + "\""),       // 10 attribute too long
                "{\"type\":\"order\"",                                                                                  // 11 not JSON
                event("order", "2026-12-03T08:02:00Z", unique("src"), "\"email\":\"a\u0000b@example.com\"", ""),         // 12 NUL
                event("order", "2026-12-03T08:02:00Z", unique("src"), "", ""),                                           // 13 no identifier
                event("order", "2026-12-03T08:02:00Z", unique("src"), "\"email\":\"   \"", ""),                           // 14 nothing usable
                event("order", "2026-12-03T08:02:00Z", unique("src"), "\"passport\":\"U123\"", ""),                      // 15 unknown identifier
                event("loan_application", "2026-12-03T09:00:00+03:00", unique("src"), ids, "\"product\":\"konut\""));      // 16 named type: taken
        String body = String.join("\n", lines) + "\n";

        Api.Response answer = api.postRaw("/api/v1/customer-events", "application/x-ndjson", body.getBytes(StandardCharsets.UTF_8));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().at("/taken").asInt()).isEqualTo(3);
        assertThat(answer.json().at("/repeated").asInt()).isEqualTo(1);
        assertThat(answer.json().at("/refused").asInt()).isEqualTo(11);
        List<Integer> refusedLines = new ArrayList<>();
        answer.json().at("/refusedLines").forEach(r -> refusedLines.add(r.at("/line").asInt()));
        assertThat(refusedLines).containsExactlyInAnyOrder(5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        JsonNode badAt = find(answer.json().at("/refusedLines"), 5);
        assertThat(badAt.at("/field").asString()).isEqualTo("at");
        assertThat(badAt.at("/status").asInt()).isEqualTo(422);
        assertThat(badAt.at("/type").asString()).isEqualTo("urn:temas:problem:invalid-event");
        assertThat(find(answer.json().at("/refusedLines"), 12).at("/detail").asString()).contains("NUL");
        assertThat(find(answer.json().at("/refusedLines"), 15).at("/field").asString()).isEqualTo("identifiers.passport");

        String kept = jdbc.sql("select raw from customer_event_refusals where job_id is null and raw like ?").param("%" + tag + "%")
                .query(String.class).single();
        assertThat(kept).isEqualTo(lines.get(4));

        Customer customer = customers.findByIdentifier(email).orElseThrow();
        assertThat(timelineKinds(customer.id())).containsExactlyInAnyOrder("event.atm_use", "event.payment", "event.other");
    }

    @Test
    void anErasureRemovesTheRefusedLinesNamingThePersonAndKeepsThoseNamingALongerAddressThatHoldsTheirs() {
        String email = unique("ali") + "@example.com";
        String longer = "m" + email;
        String sentence = unique("sentence");
        String other = unique("other");
        List<String> lines = List.of(
                event("order", "2026-12-03T08:02:00Z", unique("src"), "\"email\":\"" + email + "\"", ""),                              // taken: the person
                event("order", "yesterday", unique("src"), "\"email\":\"" + email + "\"", ""),                                          // names them
                event("order", "yesterday", unique("src"), "\"email\":\"" + longer + "\"", "\"tag\":\"" + other + "\""),               // someone else
                event("order", "yesterday", unique("src"), "\"email\":\"x@example.com\"", "\"note\":\"" + sentence + " " + email + ".\""), // them, ending a sentence
                event("order", "yesterday", unique("src"), "\"email\":\"x@example.com\"", "\"note\":\"" + email + "x " + other + "\""));   // a longer address
        Api.Response answer = api.postRaw("/api/v1/customer-events", "application/x-ndjson",
                (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().at("/refused").asInt()).isEqualTo(4);
        CustomerId person = customers.findByIdentifier(email).orElseThrow().id();
        // A job's lines still held (stopped, so the runner leaves it alone), and a stopped job whose error quotes a longer address.
        UUID job = UUID.randomUUID();
        UUID stopped = UUID.randomUUID();
        jdbc.sql("insert into customer_event_imports (id, format, status, failure, created_at) values (?, 'ndjson', 'failed', null, now()), "
                + "(?, 'ndjson', 'failed', ?, now())").params(job, stopped, "line 3: m" + email + " is odd").update();
        jdbc.sql("insert into customer_event_import_chunks (job_id, chunk_no, line_nos, lines) values (?, 0, ?, ?)")
                .params(job, new Integer[] {1, 2, 3, 4, 5}, lines.toArray(String[]::new)).update();

        records.erase(person);

        List<String> kept = jdbc.sql("select raw from customer_event_refusals where job_id is null and (raw like ? or raw like ?)")
                .params("%" + email + "%", "%" + sentence + "%").query(String.class).list();
        assertThat(kept).containsExactlyInAnyOrder(lines.get(2), lines.get(4));
        List<String> chunk = jdbc.sql("select unnest(lines) from customer_event_import_chunks where job_id = ?").param(job).query(String.class).list();
        assertThat(chunk).containsExactly("", "", lines.get(2), "", lines.get(4));
        assertThat(jdbc.sql("select failure from customer_event_imports where id = ?").param(stopped).query(String.class).single())
                .as("a longer address is somebody else's").isEqualTo("line 3: m" + email + " is odd");
    }

    @Test
    void aBodyWhoseEveryEventIsRefusedIsAProblemDetailAndNeverAServerError() {
        Api.Response single = api.post("/api/v1/customer-events", event("order", "not a time", unique("src"), "\"email\":\"x@example.com\"", ""));
        assertThat(single.status()).isEqualTo(422);
        assertThat(single.contentType()).startsWith("application/problem+json");
        assertThat(single.json().at("/refused").asInt()).isEqualTo(1);
        assertThat(single.json().at("/refusedLines/0/field").asString()).isEqualTo("at");

        String tooBig = event("payment", "2026-12-03T08:02:00Z", unique("src"), "\"email\":\"buyuk@example.com\"", "\"amount\":1e400");
        for (String bad : List.of("[]", "42", "{\"type\":[1]}", "\u0000", "{}", "null", tooBig)) {
            Api.Response answer = api.post("/api/v1/customer-events", bad);
            assertThat(answer.status()).as(bad).isBetween(400, 499);
        }
        assertThat(api.post("/api/v1/customer-events", "").status()).isEqualTo(400);
        assertThat(api.postRaw("/api/v1/customer-events", "text/plain", "x".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(415);
        byte[] notUtf8 = {'{', (byte) 0xC3, (byte) 0x28, '}'};
        assertThat(api.postRaw("/api/v1/customer-events", "application/x-ndjson", notUtf8).status()).isEqualTo(422);
    }

    @Test
    void identicalEventsPostedAtOnceAreStoredOnceForOneCustomer() throws Exception {
        String email = unique("race") + "@example.com";
        String body = event("online_banking_sign_in", "2026-12-03T07:00:00Z", unique("src"), "\"email\":\"" + email + "\"", "\"device\":\"web\"");
        int callers = 8;
        CountDownLatch together = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        List<Future<Api.Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < callers; i++) {
                answers.add(pool.submit(() -> {
                    together.await();
                    return api.post("/api/v1/customer-events", body);
                }));
            }
            together.countDown();
            int taken = 0;
            int repeated = 0;
            for (Future<Api.Response> answer : answers) {
                Api.Response r = answer.get();
                assertThat(r.status()).isEqualTo(200);
                taken += r.json().at("/taken").asInt();
                repeated += r.json().at("/repeated").asInt();
            }
            assertThat(taken).isEqualTo(1);
            assertThat(repeated).isEqualTo(callers - 1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("select count(distinct customer_id) from identities where value = ?").param(email).query(Integer.class).single())
                .isEqualTo(1);
        Customer customer = customers.findByIdentifier(email).orElseThrow();
        assertThat(jdbc.sql("select count(*) from customer_events where customer_id = ?").param(customer.id().value())
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(timelineKinds(customer.id())).containsExactly("event.online_banking_sign_in");
    }

    @Test
    void aMergeMovesTheEventsToTheKeptCustomerAndItsUndoMovesExactlyThoseBack() {
        String mailA = unique("keep") + "@example.com";
        String mailB = unique("gone") + "@example.com";
        api.post("/api/v1/customer-events", event("order", "2026-12-01T10:00:00Z", unique("src"), "\"email\":\"" + mailA + "\"", ""));
        api.post("/api/v1/customer-events", event("purchase", "2026-12-01T11:00:00Z", unique("src"), "\"email\":\"" + mailB + "\"", ""));
        CustomerId kept = customers.findByIdentifier(mailA).orElseThrow().id();
        CustomerId absorbed = customers.findByIdentifier(mailB).orElseThrow().id();

        Api.Response merge = api.post("/api/v1/customers/" + kept.value() + "/merge", "{\"otherCustomerId\":\"" + absorbed.value() + "\"}");
        assertThat(merge.status()).isEqualTo(201);
        assertThat(types(kept)).containsExactlyInAnyOrder("order", "purchase");
        assertThat(types(absorbed)).isEmpty();

        assertThat(api.post("/api/v1/merges/" + merge.text("/mergeId") + "/undo", "").status()).isEqualTo(200);
        assertThat(types(kept)).containsExactly("order");
        assertThat(types(absorbed)).containsExactly("purchase");
    }

    @Test
    void aTokenThatMayOnlyReadCannotPostEvents() {
        String token = unique("reader");
        Api admin = api;
        Api.Response created = admin.post("/api/v1/tokens", "{\"name\":\"" + token + "\",\"scopes\":[\"READ\"]}");
        assertThat(created.status()).isEqualTo(201);
        Api reader = api.withToken(created.text("/value"));
        assertThat(reader.post("/api/v1/customer-events", event("order", "2026-12-01T10:00:00Z", unique("src"), "\"email\":\"r@example.com\"", ""))
                .status()).isEqualTo(403);
    }

    @Test
    void anImportThroughTheApiTakesTheGoodLinesAndReportsEveryBadOneAsCsv() {
        String email = unique("import") + "@example.com";
        String prefix = unique("imp");
        StringBuilder csv = new StringBuilder("type,at,source_id,email,phone,account_number,attr.branch,attr.amount\n");
        for (int i = 0; i < 40; i++) {
            csv.append("branch_visit,2026-12-0").append(1 + i % 3).append("T09:00:00+03:00,").append(prefix).append('-').append(i)
                    .append(',').append(email).append(",,,\"Kadıköy, Moda\",").append(i).append('\n');
        }
        csv.append("branch_visit,tomorrow,").append(prefix).append("-bad1,").append(email).append(",,,x,1\n");      // line 42
        csv.append("branch_visit,2026-12-01T09:00:00Z,").append(prefix).append("-bad2\n");                          // line 43: too few cells
        csv.append("=HYPERLINK(1),2026-12-01T09:00:00Z,").append(prefix).append("-bad3,").append(email).append(",,,x,1\n"); // line 44

        Api.Response started = api.postRaw("/api/v1/customer-events/imports?name=branches.csv", "text/csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(started.status()).isEqualTo(202);
        String id = started.text("/id");
        assertThat(started.json().at("/totalLines").asInt()).isEqualTo(43);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(api.get("/api/v1/customer-events/imports/" + id).text("/status")).isEqualTo("done"));
        JsonNode job = api.get("/api/v1/customer-events/imports/" + id).json();
        assertThat(job.at("/taken").asInt()).isEqualTo(40);
        assertThat(job.at("/refused").asInt()).isEqualTo(3);
        assertThat(job.at("/linesDone").asInt()).isEqualTo(43);
        assertThat(job.at("/percent").asInt()).isEqualTo(100);

        Api.Response report = api.get("/api/v1/customer-events/imports/" + id + "/refusals");
        assertThat(report.status()).isEqualTo(200);
        List<String> rows = report.body().lines().toList();
        assertThat(rows.getFirst()).isEqualTo("line,field,reason,raw");
        assertThat(rows).hasSize(4);
        assertThat(rows.get(1)).startsWith("42,at,");
        assertThat(rows.get(2)).startsWith("43,,");
        assertThat(rows.get(3)).startsWith("44,type,").contains("\"'=HYPERLINK(1)");

        CustomerId customer = customers.findByIdentifier(email).orElseThrow().id();
        assertThat(jdbc.sql("select count(*) from customer_events where customer_id = ?").param(customer.value()).query(Integer.class).single())
                .isEqualTo(40);
        assertThat(jdbc.sql("select attributes->>'branch' from customer_events where source_id = ?").param(prefix + "-0")
                .query(String.class).single()).isEqualTo("Kadıköy, Moda");
    }

    @Test
    void anImportWhoseCsvHeaderCannotBeUsedIsRefusedWholeWithAProblemDetail() {
        Api.Response answer = api.postRaw("/api/v1/customer-events/imports", "text/csv",
                "type,when,source_id\n".getBytes(StandardCharsets.UTF_8));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().at("/detail").asString()).contains("at");
        assertThat(api.get("/api/v1/customer-events/imports/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    private List<String> timelineKinds(CustomerId customer) {
        return timeline.recent(customer, 1000).stream().map(io.temas.customers.TimelineEntry::kind).filter(k -> k.startsWith("event.")).toList();
    }

    private List<String> types(CustomerId customer) {
        return jdbc.sql("select type from customer_events where customer_id = ?").param(customer.value()).query(String.class).list();
    }

    private static JsonNode find(JsonNode lines, int line) {
        for (JsonNode node : lines) {
            if (node.at("/line").asInt() == line) {
                return node;
            }
        }
        throw new AssertionError("no refused line " + line + " in " + lines);
    }

}
