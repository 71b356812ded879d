package io.temas.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.temas.conversations.Conversations;
import io.temas.support.Api;
import io.temas.support.ChatVisitor;
import io.temas.support.Console;
import io.temas.support.Scrape;
import io.temas.support.TemasIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The figures Prometheus scrapes, read over HTTP as Prometheus reads them: the endpoint stays
 * behind an admin token, each Temas figure is there and moves with what happens, and every metric
 * the Grafana dashboard queries exists. Its own context (figures refreshed every 200 ms) so the
 * counts it compares are not shared with other tests' leftovers.
 */
@TemasIntegrationTest
@TestPropertySource(properties = "temas.metrics.refresh-interval=200ms")
class MetricsIntegrationTests {

    /**
     * The pipeline's figures, named by the pipeline itself: the dashboard may query them before
     * they are registered, but once a family is there it must publish histogram buckets.
     */
    static final Set<String> PIPELINE = Set.of("temas_inbound_messages_total", "temas_pipeline_step_seconds",
            "temas_pipeline_batch_size", "temas_pipeline_latency_seconds");
    private static final List<String> HISTOGRAM_SUFFIXES = List.of("_bucket", "_count", "_sum", "_max");
    private static final Set<String> PROMQL_WORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right", "offset",
            "bool", "and", "or", "unless", "inf", "nan");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Conversations conversations;

    @Autowired
    Clock clock;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
    }

    @Test
    void theEndpointAsksForAnAdminTokenAndCarriesEveryTemasFigure() {
        assertThat(api.withToken(null).get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(api.withToken("not-a-token").get("/actuator/prometheus").status()).isEqualTo(401);
        Api.Response scraped = api.get("/actuator/prometheus");
        assertThat(scraped.status()).isEqualTo(200);
        assertThat(scraped.contentType()).startsWith("text/plain");

        Scrape scrape = Scrape.parse(scraped.body());
        for (String channel : List.of("email", "sms", "chat", "whatsapp")) {
            assertThat(scrape.value("temas_outbox_depth", "channel", channel)).as(channel).isPresent();
            assertThat(scrape.value("temas_outbox_oldest_age_seconds", "channel", channel)).as(channel).isPresent();
        }
        assertThat(scrape.value("temas_quarantine_size")).isPresent();
        for (String kind : List.of("first_response", "resolution")) {
            assertThat(scrape.value("temas_sla_breaches_total", "kind", kind)).as(kind).isPresent();
            assertThat(scrape.value("temas_sla_breached_conversations", "kind", kind)).as(kind).isPresent();
        }
        for (String stream : List.of("chat_events", "chat_websockets", "console", "call_list_removals")) {
            assertThat(scrape.value("temas_live_connections", "stream", stream)).as(stream).isPresent();
        }
        // The suppression timer publishes buckets, so percentiles can be worked out across nodes.
        assertThat(scrape.names()).contains("temas_campaigns_suppression_seconds_bucket");
    }

    @Test
    void aBadInboundMessageGrowsTheQuarantine() {
        double before = Scrape.of(api).get("temas_quarantine_size");
        byte[] body = ("{\"channel\": \"email\", \"text\": " + UUID.randomUUID() + " oops").getBytes(StandardCharsets.UTF_8);

        assertThat(api.postRaw("/api/v1/inbound", "application/json", body).status()).isEqualTo(400);

        long open = jdbc.sql("select count(*) from quarantine where released_at is null").query(Long.class).single();
        assertThat(open).isGreaterThanOrEqualTo((long) before + 1);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(Scrape.of(api).get("temas_quarantine_size")).isEqualTo(open));
    }

    @Test
    void aQueuedAcknowledgementShowsInTheOutboxUntilItIsSent() {
        Api.Response created = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"fatura@ornek.com.tr","externalId":"%s","from":{"email":"%s@example.com"},
                 "subject":"Fatura","text":"Merhaba, faturam gelmedi."}""".formatted(UUID.randomUUID(), UUID.randomUUID()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        // The dispatcher runs once an hour here: the acknowledgement waits in the outbox.
        assertThat(jdbc.sql("select status from outbox where conversation_id = ?::uuid").param(created.text("/conversationId"))
                .query(String.class).list()).containsExactly("pending");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Scrape scrape = Scrape.of(api);
            long pending = jdbc.sql("select count(*) from outbox where status = 'pending' and channel = 'email'").query(Long.class).single();
            assertThat(pending).isPositive();
            assertThat(scrape.get("temas_outbox_depth", "channel", "email")).isEqualTo(pending);
            assertThat(scrape.get("temas_outbox_oldest_age_seconds", "channel", "email")).isGreaterThan(0);
        });
    }

    @Test
    void anSlaBreachIsCountedOnceByKindAndShowsAmongTheBreachedConversations() {
        Api.Response created = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"fatura@ornek.com.tr","externalId":"%s","from":{"email":"%s@example.com"},
                 "subject":"Gecikme","text":"Kimse cevap vermedi."}""".formatted(UUID.randomUUID(), UUID.randomUUID()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Scrape before = Scrape.of(api);
        // Its first answer was due an hour ago; the SLA monitor flags it at its next check (done here by hand).
        jdbc.sql("update conversations set first_response_due = ? where id = ?::uuid")
                .params(java.sql.Timestamp.from(clock.instant().minus(Duration.ofHours(1))), created.text("/conversationId")).update();

        int flagged = conversations.markBreaches(clock.instant());

        assertThat(flagged).isPositive();
        long breachedNow = jdbc.sql("""
                        select count(*) from conversations where status in ('open', 'pending')
                        and first_response_breached and first_responded_at is null""").query(Long.class).single();
        assertThat(breachedNow).isPositive();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Scrape after = Scrape.of(api);
            double counted = 0;
            for (String kind : List.of("first_response", "resolution")) {
                counted += after.get("temas_sla_breaches_total", "kind", kind) - before.get("temas_sla_breaches_total", "kind", kind);
            }
            assertThat(counted).isEqualTo(flagged);
            assertThat(after.get("temas_sla_breaches_total", "kind", "first_response"))
                    .isGreaterThan(before.get("temas_sla_breaches_total", "kind", "first_response"));
            assertThat(after.get("temas_sla_breached_conversations", "kind", "first_response")).isEqualTo(breachedNow);
        });
    }

    @Test
    void openChatStreamsAndSocketsAreCountedWhileOpen() throws Exception {
        String entryPoint = chatEntryPoint();
        double events = live("chat_events");
        double sockets = live("chat_websockets");
        try (ChatVisitor streamed = new ChatVisitor(port, null); ChatVisitor socketed = new ChatVisitor(port, null)) {
            streamed.start("{\"entryPoint\":\"" + entryPoint + "\"}");
            streamed.listen(0).await(e -> e.path("id").asLong() >= 1);
            await().atMost(Duration.ofSeconds(20)).until(() -> live("chat_events") == events + 1);

            socketed.start("{\"entryPoint\":\"" + entryPoint + "\"}");
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/chat/v1/sessions/" + socketed.sessionId + "/socket?after=0&token="
                            + socketed.token), new WebSocket.Listener() {
                    }).get(20, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(20)).until(() -> live("chat_websockets") == sockets + 1);

            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(20, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(20)).until(() -> live("chat_websockets") == sockets);
        }
    }

    @Test
    void consolePagesAndDialersOnTheirStreamsAreCounted() throws Exception {
        double console = live("console");
        Console admin = Console.signIn(port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);
        try (Stream<String> page = admin.stream("/console/live")) {
            await().atMost(Duration.ofSeconds(20)).until(() -> live("console") == console + 1);
        }

        UUID callList = jdbc.sql("select id from call_lists order by created_at limit 1").query(UUID.class).single();
        double removals = live("call_list_removals");
        HttpResponse<Stream<String>> dialer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/call-lists/" + callList + "/removals"))
                .header("Authorization", "Bearer " + TemasIntegrationTest.ADMIN_TOKEN).header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> lines = dialer.body()) {
            assertThat(dialer.statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> live("call_list_removals") == removals + 1);
        }
    }

    /**
     * The bucket ranges configured for the pipeline's figures are valid and give Prometheus
     * buckets: meters below the same names (which the configuration covers too) record and show.
     */
    @Test
    void thePipelinesTimersAndBatchSizesPublishBuckets() {
        io.micrometer.core.instrument.Timer step = io.micrometer.core.instrument.Timer.builder("temas.pipeline.step.probe").register(meters);
        io.micrometer.core.instrument.Timer latency = io.micrometer.core.instrument.Timer.builder("temas.pipeline.latency.probe")
                .register(meters);
        io.micrometer.core.instrument.DistributionSummary batch = io.micrometer.core.instrument.DistributionSummary
                .builder("temas.pipeline.batch.size.probe").register(meters);
        try {
            step.record(Duration.ofNanos(300_000));
            latency.record(Duration.ofMillis(3));
            batch.record(120);

            Scrape scrape = Scrape.of(api);
            assertThat(scrape.get("temas_pipeline_step_probe_seconds_bucket", "le", "+Inf")).isEqualTo(1);
            assertThat(scrape.samples().stream().filter(s -> s.name().equals("temas_pipeline_step_probe_seconds_bucket")).count())
                    .isBetween(10L, 80L);
            assertThat(scrape.get("temas_pipeline_latency_probe_seconds_bucket", "le", "+Inf")).isEqualTo(1);
            assertThat(scrape.get("temas_pipeline_batch_size_probe_bucket", "le", "+Inf")).isEqualTo(1);
        } finally {
            List.of(step, latency, batch).forEach(meters::remove);
        }
    }

    /**
     * Every metric the dashboard queries is in a scrape, but for the pipeline's own, which may
     * not be registered yet; a pipeline family that is registered must publish histogram buckets.
     */
    @Test
    void theDashboardQueriesOnlyMetricsThatExist() throws Exception {
        JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(Path.of("ops/grafana/temas.json")));
        assertThat(dashboard.at("/templating/list/0/type").asString()).isEqualTo("datasource");
        assertThat(dashboard.at("/templating/list/0/query").asString()).isEqualTo("prometheus");
        Set<String> queried = new TreeSet<>();
        List<String> untargeted = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            if ("row".equals(panel.path("type").asString())) {
                continue;
            }
            if (panel.path("targets").isEmpty()) {
                untargeted.add(panel.path("title").asString());
            }
            panel.path("targets").forEach(t -> queried.addAll(metrics(t.path("expr").asString())));
        }
        for (JsonNode variable : dashboard.at("/templating/list")) {
            Matcher m = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)").matcher(variable.path("definition").asString());
            if (m.find()) {
                queried.add(m.group(1));
            }
        }
        assertThat(untargeted).isEmpty();
        assertThat(queried).contains("temas_outbox_depth", "temas_mailbox_fetch_age_seconds", "temas_pipeline_step_seconds_bucket",
                "hikaricp_connections_active", "http_server_requests_seconds_bucket");

        // A mailbox being fetched, a pause to report, and requests for the HTTP figures.
        GreenMail mail = new GreenMail(ServerSetup.dynamicPort(new ServerSetup[] {ServerSetupTest.IMAP}));
        mail.start();
        String address = "olcum-" + UUID.randomUUID().toString().substring(0, 8) + "@ornek.com.tr";
        try {
            mail.setUser(address, address, "gizli");
            Api.Response mailbox = api.post("/api/v1/mailboxes", """
                    {"address":"%s","queue":"Genel","imap":{"host":"127.0.0.1","port":%d,"username":"%s","password":"gizli","pollInterval":"PT1S"}}"""
                    .formatted(address, mail.getImap().getPort(), address));
            assertThat(mailbox.status()).as(mailbox.body()).isEqualTo(201);
            System.gc();
            api.get("/api/v1/queues");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Set<String> scraped = Scrape.of(api).names();
                List<String> missing = queried.stream().filter(name -> !scraped.contains(name) && !pipelineNotYetRegistered(name, scraped))
                        .toList();
                assertThat(missing).as("queried by the dashboard, absent from the scrape").isEmpty();
            });

            // A mailbox that is removed takes its figures with it.
            assertThat(api.delete("/api/v1/mailboxes/" + mailbox.text("/id")).status()).isEqualTo(204);
            await().atMost(Duration.ofSeconds(20)).until(() -> Scrape.of(api).value("temas_mailbox_fetch_age_seconds", "mailbox", address).isEmpty());
        } finally {
            mail.stop();
        }
    }

    /** Whether {@code name} is one of the pipeline's figures whose family is not in the scrape at all. */
    private static boolean pipelineNotYetRegistered(String name, Set<String> scraped) {
        String family = PIPELINE.contains(name) ? name : HISTOGRAM_SUFFIXES.stream().filter(name::endsWith)
                .map(s -> name.substring(0, name.length() - s.length())).filter(PIPELINE::contains).findFirst().orElse(null);
        return family != null && scraped.stream().noneMatch(s -> s.equals(family) || s.startsWith(family + "_"));
    }

    /** The metric names a PromQL expression reads: identifiers left once strings, label matchers, ranges, groupings and functions are gone. */
    static Set<String> metrics(String expr) {
        String bare = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(\\()?").matcher(bare);
        while (m.find()) {
            boolean function = m.group(2) != null;
            String word = m.group(1);
            if (!function && !PROMQL_WORDS.contains(word.toLowerCase(java.util.Locale.ROOT))) {
                names.add(word);
            }
        }
        return names;
    }

    private double live(String stream) {
        return Scrape.of(api).get("temas_live_connections", "stream", stream);
    }

    private String chatEntryPoint() {
        String queue = "Ölçüm " + UUID.randomUUID();
        String address = "olcum-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.post("/api/v1/queues", "{\"name\":\"" + queue + "\"}").status()).isEqualTo(201);
        assertThat(api.post("/api/v1/entry-points", "{\"address\":\"" + address + "\",\"channel\":\"chat\",\"queue\":\"" + queue + "\"}")
                .status()).isEqualTo(201);
        return address;
    }
}
