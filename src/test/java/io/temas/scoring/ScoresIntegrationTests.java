package io.temas.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.temas.customers.CustomerEventRecorded;
import io.temas.customers.LifecycleStageChanged;
import io.temas.shared.Ids;
import io.temas.support.Api;
import io.temas.support.Console;
import io.temas.support.TemasIntegrationTest;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Scores and alerts over real data: computed from a customer's events, stage and conversations;
 * "VIP with an open complaint" raised by a real complaint mark, shown on the 360 and pushed to an open
 * console stream, and cleared when the conversation is resolved; a rule edited on the admin screen
 * recomputes everyone; a rule that does not parse is refused with a message a person can read.
 */
@TemasIntegrationTest
class ScoresIntegrationTests {

    static final UUID VIP_WITH_OPEN_COMPLAINT = UUID.fromString("6c0d7a52-38a1-4c0e-9a20-000000000001");
    static final UUID REFUSED_AT_ATM_TODAY = UUID.fromString("6c0d7a52-38a1-4c0e-9a20-000000000004");
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    io.temas.feedback.Surveys surveys;

    @Autowired
    Recomputation recomputation;

    @Autowired
    HikariDataSource pool;

    @Autowired
    JsonMapper json;

    @Autowired
    Ids ids;

    @Autowired
    Clock clock;

    Api api;
    Console admin;

    @BeforeEach
    void clients() {
        api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        admin = Console.signIn(port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);
    }

    @Test
    void aComplaintOnAVipsOpenConversationRaisesTheAlertOnThe360LiveAndResolvingClearsIt() {
        String conversation = inbound("Kartım bloke", "Kartım üç gündür bloke, kimse dönmüyor.");
        UUID customer = UUID.fromString(api.get("/api/v1/conversations/" + conversation).text("/customerId"));
        jdbc.sql("update customers set vip = true where id = ?").param(customer).update();
        assertThat(openAlert(customer, VIP_WITH_OPEN_COMPLAINT)).isEmpty();

        List<String> lines = new CopyOnWriteArrayList<>();
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            reader.submit(() -> admin.stream("/console/live").forEach(lines::add));
            await().atMost(PATIENCE).until(() -> lines.stream().anyMatch(l -> l.startsWith("event:hello")));

            assertThat(api.post("/api/v1/conversations/" + conversation + "/complaint", "{\"category\":\"service\"}").status()).isEqualTo(200);

            await().atMost(PATIENCE).until(() -> openAlert(customer, VIP_WITH_OPEN_COMPLAINT).isPresent());
            // The open 360s hear of it: a "customer" event naming the customer (or, after a busy batch, everyone).
            await().atMost(PATIENCE).until(() -> customerEvent(lines, customer));
        } finally {
            reader.shutdownNow();
        }

        Document page = Jsoup.parse(admin.get("/console/customers/" + customer).body());
        Element block = page.getElementById("rule-alerts-" + customer);
        assertThat(block).isNotNull();
        assertThat(block.attr("hx-get")).isEqualTo("/console/customers/" + customer + "/rule-alerts");
        assertThat(block.attr("hx-trigger")).isEqualTo("customer-changed");
        assertThat(block.attr("data-live-customer")).isEqualTo(customer.toString());
        Element alert = block.selectFirst("li.rule-alert.severity-critical");
        assertThat(alert).isNotNull();
        assertThat(alert.text()).contains("Kritik").contains("VIP müşterinin açık bir şikâyeti var.");
        // Beside the conversation too, and in the reader's language.
        Document beside = Jsoup.parse(admin.get("/console/conversations/" + conversation + "?lang=en").body());
        assertThat(beside.select("#rule-alerts-" + customer + " li.rule-alert").text()).contains("A VIP customer has an open complaint.");
        assertThat(admin.get("/console/customers/" + customer + "/rule-alerts").body()).contains("severity-critical");

        Api.Response resolved = api.post("/api/v1/conversations/" + conversation + "/status", "{\"status\":\"resolved\"}");
        assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
        await().atMost(PATIENCE).until(() -> openAlert(customer, VIP_WITH_OPEN_COMPLAINT).isEmpty());
        assertThat(jdbc.sql("select count(*) from customer_alerts where customer_id = ? and rule_id = ? and cleared_at is not null")
                .params(customer, VIP_WITH_OPEN_COMPLAINT).query(Integer.class).single()).isEqualTo(1);
        assertThat(Jsoup.parse(admin.get("/console/customers/" + customer).body()).select("#rule-alerts-" + customer + " li")).isEmpty();
    }

    @Test
    void aSurveyAnsweredMovesTheSatisfactionScoresWithoutWaitingForTheSweep() {
        String conversation = inbound("Teşekkürler", "Sorum çözüldü mü bilmiyorum.");
        UUID customer = UUID.fromString(api.get("/api/v1/conversations/" + conversation).text("/customerId"));
        assertThat(api.post("/api/v1/conversations/" + conversation + "/status", "{\"status\":\"resolved\"}").status()).isLessThan(300);
        UUID survey = jdbc.sql("select id from surveys where conversation_id = ?").param(UUID.fromString(conversation)).query(UUID.class).single();
        // Resolving recomputed the customer already: no answer yet, so no satisfaction.
        await().atMost(PATIENCE).until(() -> score(customer, "satisfaction").isPresent());
        assertThat(score(customer, "satisfaction")).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0"));

        assertThat(surveys.answer(survey, 1, 6, null, false)).isEqualTo(io.temas.feedback.Surveys.Outcome.RECORDED);

        // satisfaction: 20 × the year's average (1); risk: 25 for a last answer of 2 or less.
        await().atMost(PATIENCE).until(() -> score(customer, "satisfaction").filter(v -> v.compareTo(new BigDecimal("20")) == 0).isPresent());
        assertThat(score(customer, "risk")).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("25"));
    }

    @Test
    void scoresAreComputedFromTheCustomersEventsStageAndConversations() {
        UUID customer = customer(false, List.of());
        Instant now = Instant.now();
        event(customer, "purchase", now.minus(Duration.ofDays(3)), "{}");
        event(customer, "purchase", now.minus(Duration.ofDays(30)), "{}");
        event(customer, "purchase", now.minus(Duration.ofHours(1)), "{}");
        event(customer, "purchase", now.minus(Duration.ofDays(400)), "{}");
        event(customer, "payment", now.minus(Duration.ofDays(10)), "{\"amount\": 1000}");
        event(customer, "payment", now.minus(Duration.ofDays(11)), "{\"amount\": \"500.5\"}");
        event(customer, "payment", now.minus(Duration.ofDays(12)), "{\"amount\": \"bin\"}");
        // At the test's "now": a refusal minutes earlier falls on yesterday in Istanbul when the test runs just after midnight there.
        event(customer, "atm_use", now, "{\"outcome\": \"refused\", \"atm\": \"IST-0042\"}");
        event(customer, "atm_use", now.minus(Duration.ofMinutes(50)), "{\"outcome\": \"ok\"}");
        jdbc.sql("update customers set lifecycle_stage = 'loyal' where id = ?").param(customer).update();
        events.publishEvent(new LifecycleStageChanged(customer, null, "loyal", "test", now));
        events.publishEvent(new CustomerEventRecorded(customer));

        // value: 20 (loyal) + 2 × 3 purchases in a year + 0.001 × 1500.5 paid ("bin" is no number and counts nothing).
        // Waited for until it is the full figure: a recomputation running while the events went in may store a part of it first.
        await().atMost(PATIENCE).until(() -> score(customer, "value").filter(v -> v.compareTo(new BigDecimal("27.50")) == 0).isPresent());
        assertThat(score(customer, "value")).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("27.50"));
        // risk: 10 for the one refusal at an ATM in 30 days; no breach, complaint or survey.
        assertThat(score(customer, "risk")).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("10"));
        assertThat(score(customer, "satisfaction")).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0"));
        assertThat(openAlert(customer, REFUSED_AT_ATM_TODAY)).isPresent();

        Document page = Jsoup.parse(admin.get("/console/customers/" + customer + "?lang=en").body());
        Element scores = page.getElementById("rule-scores-" + customer);
        assertThat(scores).isNotNull();
        assertThat(scores.selectFirst("dd[data-score=value]").text()).isEqualTo("27.50");
        assertThat(scores.selectFirst("dd[data-score=risk]").text()).isEqualTo("10");
        assertThat(scores.text()).contains("Value", "Risk", "Satisfaction");
        assertThat(page.select("#rule-alerts-" + customer + " li.severity-warning").text()).contains("The customer was refused at an ATM today.");

        Api.Response api = this.api.get("/api/v1/customers/" + customer + "/scores?language=en");
        assertThat(api.status()).isEqualTo(200);
        assertThat(api.json().at("/scores/0/code").asString()).isEqualTo("value");
        assertThat(api.json().at("/scores/0/value").decimalValue()).isEqualByComparingTo("27.50");
        assertThat(api.json().at("/alerts").findValuesAsString("message")).contains("The customer was refused at an ATM today.");
        assertThat(this.api.get("/api/v1/customers/" + UUID.randomUUID() + "/scores").status()).isEqualTo(404);
        Api.Response unknownLanguage = this.api.get("/api/v1/customers/" + customer + "/scores?language=de");
        assertThat(unknownLanguage.status()).isEqualTo(400);
        assertThat(unknownLanguage.json().at("/field").asString()).isEqualTo("language");
    }

    @Test
    void twoNodesWhoseSweepIsDueAtOnceSweepOnceAndTheNextAskWithinTheIntervalFindsItDone() throws Exception {
        for (int round = 0; round < 5; round++) {
            jdbc.sql("update score_sweeps set swept_at = timestamptz '2000-01-01 00:00:00+00'").update();
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            try (ExecutorService nodes = Executors.newFixedThreadPool(2)) {
                var first = nodes.submit(() -> {
                    go.await();
                    return recomputation.claimSweep();
                });
                var second = nodes.submit(() -> {
                    go.await();
                    return recomputation.claimSweep();
                });
                go.countDown();
                assertThat(List.of(first.get(), second.get())).as("round %d", round).containsExactlyInAnyOrder(true, false);
            }
            assertThat(recomputation.claimSweep()).as("asked again within the interval").isFalse();
        }
    }

    /** No key ties scores to their customer (V56): whoever ends a customer's part must take its scores with it. */
    @Test
    void aCustomerMergedAwayOrErasedKeepsNoScores() {
        UUID survivor = customer(true, List.of());
        UUID absorbed = customer(true, List.of());
        UUID erased = customer(true, List.of());
        for (UUID customer : List.of(survivor, absorbed, erased)) {
            events.publishEvent(new CustomerEventRecorded(customer));
        }
        // value: 40 for a VIP.
        for (UUID customer : List.of(survivor, absorbed, erased)) {
            await().atMost(PATIENCE).until(() -> score(customer, "value").filter(v -> v.compareTo(new BigDecimal("40")) == 0).isPresent());
        }

        assertThat(api.post("/api/v1/customers/" + survivor + "/merge", "{\"otherCustomerId\":\"" + absorbed + "\"}").status()).isEqualTo(201);
        assertThat(api.post("/api/v1/customers/" + erased + "/erase", "{\"reason\":\"KVKK başvurusu\"}").status()).isEqualTo(200);

        assertThat(scores(erased)).isZero();
        await().atMost(PATIENCE).until(() -> scores(absorbed) == 0);
        assertThat(score(survivor, "value")).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("40"));
    }

    private long scores(UUID customer) {
        return jdbc.sql("select count(*) from customer_scores where customer_id = ?").param(customer).query(Long.class).single();
    }

    @Test
    void editingARuleOnTheAdminScreenRecomputesEveryCustomerAndDeletingItRemovesItsScores() {
        String segment = "gold-" + UUID.randomUUID().toString().substring(0, 8);
        UUID gold = customer(true, List.of(segment));
        UUID plain = customer(false, List.of());
        String code = "t_" + UUID.randomUUID().toString().substring(0, 8).replace('-', '_');
        String screen = "/console/admin/scores";

        Console.Page added = admin.submit(screen, screen + "/rules", Map.of("code", code, "nameTr", "Deneme", "nameAz", "Sınaq",
                "nameEn", "Trial", "formula", "7 if segment(\"" + segment + "\")\n1 if vip", "position", "90"));
        assertThat(added.status()).as(added.body()).isEqualTo(302);
        await().atMost(PATIENCE).until(() -> score(gold, code).map(v -> v.compareTo(new BigDecimal(8)) == 0).orElse(false));
        await().atMost(PATIENCE).until(() -> score(plain, code).isPresent());
        assertThat(score(plain, code)).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0"));
        assertThat(admin.get(screen).body()).contains(code).contains("Deneme");

        String id = jdbc.sql("select id::text from score_rules where code = ?").param(code).query(String.class).single();
        Console.Page edited = admin.submit(screen + "/rules/" + id, screen + "/rules/" + id, Map.of("code", code, "nameTr", "Deneme",
                "nameAz", "Sınaq", "nameEn", "Trial", "formula", "9 if segment(\"" + segment + "\")", "position", "90"));
        assertThat(edited.status()).as(edited.body()).isEqualTo(302);
        await().atMost(PATIENCE).until(() -> score(gold, code).map(v -> v.compareTo(new BigDecimal(9)) == 0).orElse(false));

        // An alert rule reading the new score, written on the same screen, is raised for the gold customer only.
        Console.Page alert = admin.submit(screen, screen + "/alerts", Map.of("nameTr", "Altın " + code, "nameAz", "Qızıl", "nameEn", "Gold",
                "condition", "score(\"" + code + "\") >= 9 and vip", "severity", "info", "messageTr", "Altın müşteri " + code,
                "messageAz", "Qızıl müştəri", "messageEn", "Gold customer", "active", "on"));
        assertThat(alert.status()).as(alert.body()).isEqualTo(302);
        UUID rule = jdbc.sql("select id from alert_rules where name_tr = ?").param("Altın " + code).query(UUID.class).single();
        await().atMost(PATIENCE).until(() -> openAlert(gold, rule).isPresent());
        assertThat(openAlert(plain, rule)).isEmpty();
        // The score is read by that rule: it cannot be deleted from under it.
        admin.submit(screen, screen + "/rules/" + id + "/delete", Map.of());
        assertThat(score(gold, code)).isPresent();
        assertThat(admin.get(screen).body()).contains("Kural kaydedilmedi");

        admin.submit(screen, screen + "/alerts/" + rule + "/delete", Map.of());
        assertThat(openAlert(gold, rule)).isEmpty();
        Console.Page deleted = admin.submit(screen, screen + "/rules/" + id + "/delete", Map.of());
        assertThat(deleted.status()).isEqualTo(302);
        assertThat(score(gold, code)).isEmpty();
        assertThat(admin.get(screen).body()).doesNotContain(code);
    }

    @Test
    void theAdminScreenRefusesABadRuleNextToItsFieldInTheReadersLanguageAndKeepsWhatWasTyped() {
        String screen = "/console/admin/scores";
        Console.Page refused = admin.submit(screen, screen + "/alerts", Map.of("nameTr", "Şikâyetçi VIP", "nameAz", "", "nameEn", "Angry VIP",
                "condition", "vip and complains(30) > 0", "severity", "critical", "messageTr", "Dikkat", "messageAz", "Diqqət",
                "messageEn", "Careful", "active", "on"));
        assertThat(refused.status()).isEqualTo(422);
        Document page = Jsoup.parse(refused.body());
        assertThat(page.getElementById("a-condition-error").text())
                .isEqualTo("Satır 1, sütun 9: “complains” diye bir olgu yok. Sayfanın altındaki listeye bakın.");
        assertThat(page.getElementById("a-condition").text()).isEqualTo("vip and complains(30) > 0");
        assertThat(page.getElementById("a-nameAz-error").text()).contains("Ad gerekli");
        assertThat(page.getElementById("a-nameTr").val()).isEqualTo("Şikâyetçi VIP");
        assertThat(page.getElementById("a-nameTr-error")).isNull();
        assertThat(page.select(".alert.error").text()).contains("Kural kaydedilmedi");

        Console english = Console.signIn(port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);
        english.get(screen + "?lang=en");
        Console.Page score = english.submit(screen, screen + "/rules", Map.of("code", "Bad Code", "nameTr", "a", "nameAz", "b", "nameEn", "c",
                "formula", "40 if vip\n10 * stage", "position", "x"));
        assertThat(score.status()).isEqualTo(422);
        Document scorePage = Jsoup.parse(score.body());
        assertThat(scorePage.getElementById("s-position-error").text()).isEqualTo("The order must be a whole number.");
        Console.Page formula = english.submit(screen, screen + "/rules", Map.of("code", "Bad Code", "nameTr", "a", "nameAz", "b", "nameEn", "c",
                "formula", "40 if vip\n10 * stage", "position", "1"));
        Document formulaPage = Jsoup.parse(formula.body());
        assertThat(formulaPage.getElementById("s-formula-error").text())
                .isEqualTo("Line 2, column 6: “stage” is not a number and cannot be multiplied; use it as a condition with if.");
        assertThat(formulaPage.getElementById("s-code-error").text()).startsWith("The code starts with a lower-case letter");
        assertThat(jdbc.sql("select count(*) from score_rules where code = 'Bad Code'").query(Integer.class).single()).isZero();

        // Agents do not reach the screen.
        Console ayse = Console.signIn(port, "ayse", TemasIntegrationTest.DEMO_PASSWORD);
        assertThat(ayse.get(screen).status()).isEqualTo(403);
    }

    @Test
    void stoppingLetsTheBatchInHandCommitRatherThanBreakItsStatement() throws Exception {
        UUID customer = UUID.randomUUID();
        // Written by hand, so nothing marks it but this test.
        jdbc.sql("insert into customers (id, created_at, updated_at) values (?, now(), now())").param(customer).update();
        HikariConfig config = new HikariConfig();
        pool.copyStateTo(config);
        Properties properties = new Properties();
        properties.putAll(config.getDataSourceProperties());
        properties.setProperty("ApplicationName", "scores-stop");
        config.setDataSourceProperties(properties);
        config.setPoolName("scores-stop");
        config.setMaximumPoolSize(1);
        config.setMetricsTrackerFactory(null);
        try (HikariDataSource own = new HikariDataSource(config); Connection otherNode = pool.getConnection()) {
            JdbcClient ownJdbc = JdbcClient.create(own);
            Recomputation stopping = new Recomputation(ownJdbc, new TransactionTemplate(new JdbcTransactionManager(own)),
                    new FactQueries(ownJdbc, json), events, ids, clock, new ScoringSettings(Duration.ofHours(1), 500, Duration.ZERO),
                    "Europe/Istanbul");
            try (Statement statement = otherNode.createStatement()) {
                // Another node's batch holds the lock, so this one's batch waits inside its first statement.
                statement.execute("select pg_advisory_lock(" + Recomputation.LOCK + ")");
                stopping.start();
                stopping.customer(customer);
                await().atMost(PATIENCE).until(() -> jdbc.sql("""
                        select count(*) from pg_stat_activity where application_name = 'scores-stop' and wait_event_type = 'Lock'""")
                        .query(Integer.class).single() == 1);

                CompletableFuture<Void> stopped = CompletableFuture.runAsync(stopping::stop);
                await().atMost(PATIENCE).until(() -> !stopping.isRunning());
                statement.execute("select pg_advisory_unlock(" + Recomputation.LOCK + ")");
                stopped.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            } finally {
                try (Statement statement = otherNode.createStatement()) {
                    statement.execute("select pg_advisory_unlock_all()");
                }
            }
        }
        // The batch ended in its commit: an interrupted one is rolled back with its connection closed under it.
        assertThat(jdbc.sql("select count(*) from customer_scores where customer_id = ?").param(customer).query(Integer.class).single())
                .isPositive();
    }

    private Optional<UUID> openAlert(UUID customer, UUID rule) {
        return jdbc.sql("select id from customer_alerts where customer_id = ? and rule_id = ? and cleared_at is null").params(customer, rule)
                .query(UUID.class).optional();
    }

    private Optional<BigDecimal> score(UUID customer, String code) {
        return jdbc.sql("select value from customer_scores where customer_id = ? and score = ?").params(customer, code)
                .query(BigDecimal.class).optional();
    }

    private static boolean customerEvent(List<String> lines, UUID customer) {
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).equals("event:customer")
                    && (lines.get(i + 1).equals("data:" + customer) || lines.get(i + 1).equals("data:*"))) {
                return true;
            }
        }
        return false;
    }

    private UUID customer(boolean vip, List<String> segments) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into customers (id, display_name, vip, segments, created_at, updated_at) values (?, ?, ?, ?, now(), now())")
                .params(id, "Puan " + id.toString().substring(0, 6), vip, segments.toArray(String[]::new)).update();
        return id;
    }

    private void event(UUID customer, String type, Instant at, String attributes) {
        jdbc.sql("""
                        insert into customer_events (id, customer_id, type, occurred_at, source_id, attributes, received_at)
                        values (?, ?, ?, ?, ?, ?::jsonb, now())""")
                .params(UUID.randomUUID(), customer, type, Timestamp.from(at), "test-" + UUID.randomUUID(), attributes).update();
    }

    private String inbound(String subject, String text) {
        Api.Response response = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"fatura@ornek.com.tr","externalId":"%s","from":{"email":"%s@example.com"},
                 "subject":%s,"text":%s,"language":"tr","receivedAt":"%s"}""".formatted("mail-" + UUID.randomUUID(), "puan-" + UUID.randomUUID(),
                Api.quote(subject), Api.quote(text), Instant.now()));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.text("/conversationId");
    }
}
