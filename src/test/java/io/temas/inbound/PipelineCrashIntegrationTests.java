package io.temas.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.TemasApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code kill -9} in the middle of the pipeline's batches: Temas runs in a JVM of its own, 32 callers send messages,
 * many sharing senders so lanes batch them, and the JVM is killed while batches are in flight. After a restart on
 * the same data directory every message is sent again, as a channel retries what it is not sure of: every message
 * answered before the kill comes back as the same message, every other one is taken now or was committed unanswered,
 * and the database holds each message exactly once.
 */
@DisabledOnOs(OS.WINDOWS)
class PipelineCrashIntegrationTests {

    private static final int MESSAGES = 600;
    private static final int KILL_AFTER = 150;
    private static final String TOKEN = "crash-test-token";

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void nothingAnsweredIsLostAndNothingIsStoredTwiceAfterAKillMidBatch() throws Exception {
        int port = freePort();
        Process temas = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), TemasApplication.class.getName(),
                "--server.port=" + port, "--server.address=127.0.0.1", "--temas.data-dir=" + dataDir, "--temas.demo-data=true",
                "--temas.demo-conversations=false", "--temas.bootstrap.api-token=" + TOKEN, "--spring.jmx.enabled=false",
                "--logging.level.root=WARN")
                .redirectErrorStream(true).redirectOutput(dataDir.resolve("first-run.log").toFile()).start();
        Map<Integer, JsonNode> answered = new ConcurrentHashMap<>();
        try {
            awaitUp(temas, port);
            AtomicInteger answers = new AtomicInteger();
            Semaphore inFlight = new Semaphore(32);
            try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < MESSAGES && temas.isAlive(); i++) {
                    inFlight.acquire();
                    int n = i;
                    callers.submit(() -> {
                        try {
                            HttpResponse<String> response = send(port, n);
                            if (response.statusCode() == 201 || response.statusCode() == 200) {
                                answered.put(n, json.readTree(response.body()));
                                if (answers.incrementAndGet() == KILL_AFTER) {
                                    temas.destroyForcibly();
                                }
                            }
                        } catch (IOException | InterruptedException refusedOrCut) {
                            // The JVM is gone: this caller never heard whether its message was taken.
                        } finally {
                            inFlight.release();
                        }
                    });
                }
            }
        } finally {
            temas.destroyForcibly();
            temas.waitFor();
        }
        assertThat(answered.size()).as("answers before the kill").isBetween(KILL_AFTER, MESSAGES - 1);

        try (ConfigurableApplicationContext restarted = new SpringApplicationBuilder(TemasApplication.class).run(
                "--server.port=0", "--server.address=127.0.0.1", "--temas.data-dir=" + dataDir, "--temas.demo-data=true",
                "--temas.demo-conversations=false", "--temas.bootstrap.api-token=" + TOKEN, "--spring.jmx.enabled=false")) {
            int again = ((WebServerApplicationContext) restarted).getWebServer().getPort();
            for (int n = 0; n < MESSAGES; n++) {
                HttpResponse<String> response = send(again, n);
                JsonNode before = answered.get(n);
                if (before != null) {
                    assertThat(response.statusCode()).as("message %d was answered before the kill", n).isEqualTo(200);
                    JsonNode now = json.readTree(response.body());
                    assertThat(now.get("messageId")).isEqualTo(before.get("messageId"));
                    assertThat(now.get("conversationId")).isEqualTo(before.get("conversationId"));
                } else {
                    assertThat(response.statusCode()).as("message %d: %s", n, response.body()).isIn(200, 201);
                }
            }
            JdbcClient jdbc = restarted.getBean(JdbcClient.class);
            List<String> ids = IntStream.range(0, MESSAGES).mapToObj(PipelineCrashIntegrationTests::externalId).toList();
            String[] all = ids.toArray(String[]::new);
            assertThat(jdbc.sql("select count(*) from messages where external_id = any(?)").param(all).query(Integer.class).single())
                    .as("each message stored once").isEqualTo(MESSAGES);
            assertThat(jdbc.sql("select count(distinct external_id) from inbound_receipts where external_id = any(?) and message_id is not null")
                    .param(all).query(Integer.class).single()).isEqualTo(MESSAGES);
            assertThat(jdbc.sql("select count(*) from quarantine where external_id = any(?)").param(all).query(Integer.class).single())
                    .isZero();
            assertThat(jdbc.sql("""
                            select count(*) from (select m.conversation_id from messages m where m.external_id = any(?)
                            group by m.conversation_id having count(*) > 1 and bool_or(m.channel = 'email')) twice""")
                    .param(all).query(Integer.class).single()).as("an e-mail never joins another's conversation").isZero();
        }
    }

    /** A tenth of the senders write again and again (their messages share lanes and batches); e-mail and SMS alternate. */
    private HttpResponse<String> send(int port, int n) throws IOException, InterruptedException {
        String sender = n % 10 == 0 ? "sik-" + (n % 7) : "tek-" + n;
        String body = n % 2 == 0
                ? """
                {"channel":"email","entryPoint":"destek@ornek.com.tr","externalId":"%s","from":{"email":"%s@example.com"},
                 "subject":"Bağlantı sorunu %d","text":"İnternetim kesiliyor, yardım eder misiniz?"}""".formatted(externalId(n), sender, n)
                : """
                {"channel":"sms","entryPoint":"+908502220000","externalId":"%s","from":{"phone":"+90533%07d"},
                 "text":"Faturam yanlış geldi %d"}""".formatted(externalId(n), Math.abs(sender.hashCode()) % 10_000_000, n);
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/inbound"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String externalId(int n) {
        return "crash-" + n;
    }

    private void awaitUp(Process temas, int port) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            assertThat(temas.isAlive()).as("Temas stopped during its start; see first-run.log").isTrue();
            assertThat(System.nanoTime()).as("Temas did not report UP within 3 minutes").isLessThan(deadline);
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // still starting
            }
            Thread.sleep(200);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
