package io.temas.chat;

import static io.temas.support.ChatVisitor.type;
import static org.assertj.core.api.Assertions.assertThat;

import io.temas.channels.OutboxDispatcher;
import io.temas.support.Api;
import io.temas.support.ChatVisitor;
import io.temas.support.Holds;
import io.temas.support.ScriptedTransport;
import io.temas.support.TemasIntegrationTest;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The chat API as a widget or an app speaks it: start, bot, hand-off, agent replies, resuming, and refusals. */
@TemasIntegrationTest
class ChatApiIntegrationTests {

    private static final AtomicInteger N = new AtomicInteger();

    @LocalServerPort
    int port;

    @Autowired
    ScriptedTransport provider;

    @Autowired
    OutboxDispatcher dispatcher;

    Api api;
    String entryPoint;

    @BeforeEach
    void anAlwaysOpenChatEntryPoint() {
        api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        int n = N.incrementAndGet();
        String queue = "Sohbet " + UUID.randomUUID();
        entryPoint = "sohbet-test-" + n + "-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.post("/api/v1/queues", "{\"name\":\"" + queue + "\"}").status()).isEqualTo(201);
        assertThat(api.post("/api/v1/entry-points", "{\"address\":\"" + entryPoint + "\",\"channel\":\"chat\",\"queue\":\"" + queue + "\"}")
                .status()).isEqualTo(201);
    }

    @Test
    void aChatIsGreetedHandedToAPersonAndCarriesTheAgentsReplyBack() {
        try (ChatVisitor visitor = new ChatVisitor(port, null)) {
            ChatVisitor.Answer started = visitor.start("{\"entryPoint\":\"" + entryPoint + "\",\"name\":\"Deniz Sohbet\","
                    + "\"email\":\"deniz.sohbet@example.com\",\"language\":\"tr\"}");
            assertThat(started.status()).isEqualTo(201);
            visitor.listen(0);
            assertThat(visitor.await(type("message", "bot")).path("id").asLong()).isEqualTo(1);

            assertThat(visitor.say("Bir temsilci ile görüşmek istiyorum").status()).isEqualTo(202);
            JsonNode handoff = visitor.await(type("handoff", null));
            String conversationId = handoff.path("conversationId").asString();
            assertThat(conversationId).isNotBlank();

            Api.Response conversation = api.get("/api/v1/conversations/" + conversationId);
            assertThat(conversation.body()).contains("Bir temsilci ile görüşmek istiyorum");

            Api.Response reply = api.post("/api/v1/conversations/" + conversationId + "/messages", "{\"text\":\"Merhaba, ben Ayşe.\"}");
            assertThat(reply.status()).isIn(200, 201, 202);
            JsonNode agent = visitor.await(type("message", "agent"));
            assertThat(agent.path("text").asString()).isEqualTo("Merhaba, ben Ayşe.");
            assertThat(agent.path("conversationId").isMissingNode() || agent.path("conversationId").isNull()).isTrue();

            // After the hand-off, the customer's messages join the conversation.
            visitor.say("Faturam iki kez kesilmiş");
            visitor.await(e -> "message".equals(e.path("type").asString()) && e.path("text").asString().contains("iki kez"));
            assertThat(api.get("/api/v1/conversations/" + conversationId).body()).contains("Faturam iki kez kesilmiş");
        }
    }

    /**
     * The hand-off tells the visitor of itself; a transfer afterwards is told as one, once, in the visitor's language. The
     * routing at the conversation's opening is the hand-off, not a transfer.
     */
    @Test
    void aTransferAfterTheHandOffIsToldToTheVisitorOnce() {
        String other = "Devir " + UUID.randomUUID();
        assertThat(api.post("/api/v1/queues", "{\"name\":\"" + other + "\"}").status()).isEqualTo(201);
        try (ChatVisitor visitor = new ChatVisitor(port, null)) {
            visitor.start("{\"entryPoint\":\"" + entryPoint + "\",\"language\":\"tr\"}");
            visitor.listen(0);
            visitor.say("Bir temsilci ile görüşmek istiyorum");
            String conversationId = visitor.await(type("handoff", null)).path("conversationId").asString();

            assertThat(api.post("/api/v1/conversations/" + conversationId + "/assign", "{\"queue\":\"" + other + "\"}").status())
                    .isEqualTo(200);

            assertThat(visitor.await(e -> "notice".equals(e.path("type").asString()) && e.path("text").asString().contains(other))
                    .path("text").asString()).as("in Turkish").contains("aktarılıyor");
            assertThat(visitor.seen()).filteredOn(e -> "notice".equals(e.path("type").asString()))
                    .as("the transfer alone, not the routing at the opening").hasSize(1);
        }
    }

    @Test
    void anAgentsReplyReachesTheChatWhileAnotherChannelsProviderKeepsItsSendWaiting() throws Exception {
        try (ChatVisitor visitor = new ChatVisitor(port, null)) {
            visitor.start("{\"entryPoint\":\"" + entryPoint + "\"}");
            visitor.listen(0);
            visitor.say("Bir temsilci ile görüşmek istiyorum");
            String conversationId = visitor.await(type("handoff", null)).path("conversationId").asString();

            // A messenger acknowledgement stuck at its provider, as behind a slow HTTP call or a backlog.
            String slow = "ok-hold-" + UUID.randomUUID();
            Holds.Held held = provider.hold(slow);
            assertThat(api.post("/api/v1/inbound", """
                    {"channel":"social","entryPoint":"instagram:ornek","externalId":"%s","from":{"handle":"%s","network":"instagram"},
                     "text":"Kargom gelmedi"}""".formatted(UUID.randomUUID(), slow)).status()).isEqualTo(201);
            CompletableFuture<Integer> dispatching = CompletableFuture.supplyAsync(dispatcher::dispatch);
            try {
                held.reached().get(1, TimeUnit.MINUTES);

                assertThat(api.post("/api/v1/conversations/" + conversationId + "/messages", "{\"text\":\"Buradayım, bakıyorum.\"}")
                        .status()).isIn(200, 201, 202);
                assertThat(visitor.await(type("message", "agent")).path("text").asString()).isEqualTo("Buradayım, bakıyorum.");
                assertThat(dispatching).as("the messenger send still waits at its provider").isNotDone();
            } finally {
                held.release().complete(null);
            }
            dispatching.get(1, TimeUnit.MINUTES);
        }
    }

    @Test
    void aReconnectResumesAfterTheLastEventWithoutLossOrRepeats() {
        try (ChatVisitor visitor = new ChatVisitor(port, null)) {
            visitor.start("{\"entryPoint\":\"" + entryPoint + "\"}");
            visitor.listen(0);
            visitor.await(type("message", "bot"));
            visitor.close();
            // While nobody listens, the chat goes on.
            visitor.say("temsilci lütfen");
            visitor.say("hâlâ burada mısınız");
            visitor.listen(1);
            visitor.await(e -> e.path("text").asString().contains("hâlâ burada"));
            List<Long> ids = visitor.seen().stream().filter(e -> e.has("id")).map(e -> e.path("id").asLong()).toList();
            assertThat(ids).doesNotHaveDuplicates().isSorted().doesNotContain(1L);
            assertThat(ids.getFirst()).isEqualTo(2L);
        }
    }

    @Test
    void aRetriedMessageWithTheSameClientIdIsStoredOnce() {
        try (ChatVisitor visitor = new ChatVisitor(port, null)) {
            visitor.start("{\"entryPoint\":\"" + entryPoint + "\"}");
            String body = "{\"text\":\"fatura nasıl ödenir\",\"clientId\":\"c-1\"}";
            ChatVisitor.Answer first = visitor.post("/chat/v1/sessions/" + visitor.sessionId + "/messages", body, visitor.token);
            ChatVisitor.Answer again = visitor.post("/chat/v1/sessions/" + visitor.sessionId + "/messages", body, visitor.token);
            assertThat(again.json().path("id").asLong()).isEqualTo(first.json().path("id").asLong());
            visitor.listen(0);
            visitor.await(e -> "bot".equals(e.path("from").asString()) && e.path("id").asLong() > first.json().path("id").asLong());
            long customerMessages = visitor.seen().stream().filter(type("message", "customer")).count();
            assertThat(customerMessages).isEqualTo(1);
        }
    }

    @Test
    void forgedTokensAndOtherSitesAreRefusedWithProblems() {
        try (ChatVisitor visitor = new ChatVisitor(port, null)) {
            visitor.start("{\"entryPoint\":\"" + entryPoint + "\"}");
            String forged = visitor.token.substring(0, visitor.token.length() - 2) + (visitor.token.endsWith("AA") ? "BB" : "AA");
            ChatVisitor.Answer refused = visitor.post("/chat/v1/sessions/" + visitor.sessionId + "/messages", "{\"text\":\"x\"}", forged);
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.text("/type")).isEqualTo("urn:temas:problem:chat-token");
            ChatVisitor.Answer otherSession = visitor.post("/chat/v1/sessions/" + UUID.randomUUID() + "/messages", "{\"text\":\"x\"}",
                    visitor.token);
            assertThat(otherSession.status()).isEqualTo(401);
        }
        try (ChatVisitor stranger = new ChatVisitor(port, "https://evil.example")) {
            ChatVisitor.Answer refused = stranger.start("{\"entryPoint\":\"" + entryPoint + "\"}");
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.text("/type")).isEqualTo("urn:temas:problem:origin-refused");
        }
        assertThat(api.put("/api/v1/chat-settings/" + entryPoint, "{\"origins\":[\"https://shop.example.com\"]}").status()).isEqualTo(200);
        try (ChatVisitor shop = new ChatVisitor(port, "https://shop.example.com")) {
            ChatVisitor.Answer allowed = shop.start("{\"entryPoint\":\"" + entryPoint + "\"}");
            assertThat(allowed.status()).isEqualTo(201);
            assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains("https://shop.example.com");
            ChatVisitor.Answer expired = shop.post("/chat/v1/sessions/" + shop.sessionId + "/messages", "{\"text\":\"x\"}", "v1.AAAA.BBBB");
            assertThat(expired.status()).isEqualTo(401);
            assertThat(expired.headers().firstValue("Access-Control-Allow-Origin")).as("the page can read why").contains("https://shop.example.com");
            ChatVisitor.Answer preflight = shop.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                    "http://127.0.0.1:" + port + "/chat/v1/sessions")).method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
                    .header("Access-Control-Request-Method", "POST"), null);
            assertThat(preflight.status()).isEqualTo(204);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("")).contains("Authorization");
        }
        try (ChatVisitor stranger = new ChatVisitor(port, "https://evil.example")) {
            ChatVisitor.Answer preflight = stranger.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                    "http://127.0.0.1:" + port + "/chat/v1/sessions")).method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody()), null);
            assertThat(preflight.status()).isEqualTo(403);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
    }

    @Test
    void badInputGetsAProblemNeverAServerError() {
        try (ChatVisitor visitor = new ChatVisitor(port, null)) {
            visitor.start("{\"entryPoint\":\"" + entryPoint + "\"}");
            String messages = "/chat/v1/sessions/" + visitor.sessionId + "/messages";
            assertThat(visitor.post(messages, "{\"text\":\"a\\u0000b\"}", visitor.token).status()).isEqualTo(400);
            assertThat(visitor.post(messages, "{\"text\":\"" + "x".repeat(5_000) + "\"}", visitor.token).status()).isEqualTo(400);
            assertThat(visitor.post(messages, "{\"text\":42}", visitor.token).status()).isEqualTo(400);
            assertThat(visitor.post(messages, "not json", visitor.token).status()).isEqualTo(400);
            assertThat(visitor.start("{\"entryPoint\":\"no-such-chat\"}").status()).isEqualTo(404);
            assertThat(visitor.start("{\"entryPoint\":\"" + entryPoint + "\",\"email\":\"not-an-address\"}").status()).isEqualTo(400);
            ChatVisitor.Answer html = visitor.say("<script>alert(1)</script>");
            assertThat(html.status()).isEqualTo(202);
            int status = 202;
            for (int i = 0; i < 40 && status == 202; i++) {
                status = visitor.say("sel " + i).status();
            }
            assertThat(status).isEqualTo(429);
        }
    }
}
