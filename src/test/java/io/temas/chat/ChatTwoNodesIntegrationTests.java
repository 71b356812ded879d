package io.temas.chat;

import static io.temas.support.ChatVisitor.type;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.temas.TemasApplication;
import io.temas.support.Api;
import io.temas.support.ChatVisitor;
import io.temas.support.TemasIntegrationTest;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two nodes on one database: a visitor connected to one and an agent on the other talk to each
 * other through the LISTEN/NOTIFY bus, and the agent's node hears the visitor's messages and typing;
 * a call reported to one node pops on the agent's console connected to the other.
 */
@TemasIntegrationTest
class ChatTwoNodesIntegrationTests {

    private static ConfigurableApplicationContext second;
    private static final List<ChatActivity> heardOnSecond = new CopyOnWriteArrayList<>();

    /** Removed after the second node has stopped. */
    @TempDir
    static Path secondDataDir;

    @LocalServerPort
    int port;

    @BeforeAll
    static void secondNode(@Autowired DataSource dataSource) throws Exception {
        HikariDataSource hikari = (HikariDataSource) dataSource;
        second = new SpringApplicationBuilder(TemasApplication.class)
                .listeners((ApplicationListener<org.springframework.context.PayloadApplicationEvent<?>>) event -> {
                    if (event.getPayload() instanceof ChatActivity activity) {
                        heardOnSecond.add(activity);
                    }
                })
                .run("--server.port=0", "--spring.jmx.enabled=false", "--temas.data-dir=" + secondDataDir,
                        "--spring.datasource.url=" + hikari.getJdbcUrl(), "--spring.datasource.username=" + hikari.getUsername(),
                        "--spring.datasource.password=" + hikari.getPassword(), "--temas.demo-data=false",
                        "--temas.outbox.poll-interval=1h", "--temas.sla.check-interval=1h",
                        "--temas.routing.offer-interval=1h");
    }

    @AfterAll
    static void stopSecondNode() {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void aVisitorOnOneNodeAndAnAgentOnTheOtherHearEachOther() {
        int secondPort = ((WebServerApplicationContext) second).getWebServer().getPort();
        Api first = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        Api other = new Api(secondPort, TemasIntegrationTest.ADMIN_TOKEN);
        String queue = "İki düğüm " + UUID.randomUUID();
        String entryPoint = "iki-dugum-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(first.post("/api/v1/queues", "{\"name\":\"" + queue + "\"}").status()).isEqualTo(201);
        assertThat(first.post("/api/v1/entry-points", "{\"address\":\"" + entryPoint + "\",\"channel\":\"chat\",\"queue\":\"" + queue + "\"}")
                .status()).isEqualTo(201);

        try (ChatVisitor visitor = new ChatVisitor(port, null)) {
            visitor.start("{\"entryPoint\":\"" + entryPoint + "\"}");
            visitor.listen(0);
            visitor.say("temsilci lütfen");
            String conversationId = visitor.await(type("handoff", null)).path("conversationId").asString();

            // The agent answers through the other node; the visitor hears it on this one.
            Api.Response reply = other.post("/api/v1/conversations/" + conversationId + "/messages", "{\"text\":\"Öbür düğümden merhaba\"}");
            assertThat(reply.status()).as(reply.body()).isEqualTo(201);
            assertThat(visitor.await(type("message", "agent")).path("text").asString()).isEqualTo("Öbür düğümden merhaba");

            // The visitor writes and types on this node; the other node's console hears both.
            visitor.say("Teşekkürler, anladım");
            visitor.post("/chat/v1/sessions/" + visitor.sessionId + "/typing", "{}", visitor.token);
            UUID conversation = UUID.fromString(conversationId);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> heardOnSecond.stream()
                    .filter(a -> a.conversationId().equals(conversation)).map(ChatActivity::kind).toList()
                    .containsAll(List.of(ChatActivity.Kind.MESSAGE, ChatActivity.Kind.TYPING)));
        }

        // A visitor reading its events from the second node while writing to the first.
        try (ChatVisitor reader = new ChatVisitor(secondPort, null); ChatVisitor writer = new ChatVisitor(port, null)) {
            writer.start("{\"entryPoint\":\"" + entryPoint + "\"}");
            reader.sessionId = writer.sessionId;
            reader.token = writer.token;
            reader.listen(0);
            reader.await(type("message", "bot"));
            writer.say("merhaba öbür taraf");
            assertThat(reader.await(type("message", "customer")).path("text").asString()).isEqualTo("merhaba öbür taraf");
        }
    }

    @Test
    void aCallReportedToOneNodePopsOnTheAgentsConsoleConnectedToTheOther(@Autowired io.temas.calls.Extensions extensions,
                                                                           @Autowired io.temas.routing.Agents agents) throws Exception {
        int secondPort = ((WebServerApplicationContext) second).getWebServer().getPort();
        extensions.set(agents.findByUsername("zeynep").orElseThrow().id(), List.of("7201"));
        java.util.concurrent.BlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();
        io.temas.support.Console console = io.temas.support.Console.signIn(secondPort, "zeynep", TemasIntegrationTest.DEMO_PASSWORD);
        Thread reader = Thread.ofVirtual().start(() -> console.stream("/console/live").forEach(lines::add));
        try {
            awaitLine(lines, "event:hello");
            String callId = "two-nodes-" + UUID.randomUUID();
            Api.Response response = new io.temas.support.Cti(port).ringing(callId, "+905327770011", "7201");
            assertThat(response.status()).as(response.body()).isEqualTo(201);
            assertThat(awaitLine(lines, "+905327770011")).contains("\"to\":\"+908502220000\"");
        } finally {
            reader.interrupt();
        }
    }

    private static String awaitLine(java.util.concurrent.BlockingQueue<String> lines, String containing) throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS);
            if (line != null && line.contains(containing)) {
                return line;
            }
        }
        throw new AssertionError("no line containing " + containing);
    }
}
