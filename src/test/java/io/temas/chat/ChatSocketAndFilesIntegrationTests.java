package io.temas.chat;

import static io.temas.support.ChatVisitor.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temas.support.Api;
import io.temas.support.ChatVisitor;
import io.temas.support.TemasIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The chat over a WebSocket (frames, the size limit, the token at the handshake) and visitors' files (size, type, lying content). */
@TemasIntegrationTest
class ChatSocketAndFilesIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    Api api;
    String entryPoint;

    @BeforeEach
    void anAlwaysOpenChatEntryPoint() {
        api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        String queue = "Soket " + UUID.randomUUID();
        entryPoint = "soket-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.post("/api/v1/queues", "{\"name\":\"" + queue + "\"}").status()).isEqualTo(201);
        assertThat(api.post("/api/v1/entry-points", "{\"address\":\"" + entryPoint + "\",\"channel\":\"chat\",\"queue\":\"" + queue + "\"}")
                .status()).isEqualTo(201);
    }

    /** Frames and the close a socket received. */
    static final class Frames implements WebSocket.Listener {

        final LinkedBlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(JSON.readTree(partial.toString()));
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
            closed.complete(status);
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            closed.completeExceptionally(error);
        }

        JsonNode next(java.util.function.Predicate<JsonNode> match) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                JsonNode frame = frames.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (frame != null && match.test(frame)) {
                    return frame;
                }
            }
            throw new AssertionError("no such frame within 20 s");
        }
    }

    private WebSocket open(String sessionId, String token, Frames frames) throws Exception {
        return HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/chat/v1/sessions/" + sessionId + "/socket?after=0&token=" + token), frames)
                .get(20, TimeUnit.SECONDS);
    }

    @Test
    void aSocketCarriesTheChatBothWaysAndClosesOnAnOversizedFrame() throws Exception {
        try (ChatVisitor visitor = new ChatVisitor(port, null)) {
            visitor.start("{\"entryPoint\":\"" + entryPoint + "\"}");
            Frames frames = new Frames();
            WebSocket socket = open(visitor.sessionId, visitor.token, frames);
            assertThat(frames.next(e -> e.path("id").asLong() == 1).path("from").asString()).isEqualTo("bot");

            socket.sendText("{\"type\":\"message\",\"text\":\"Soketten merhaba\",\"clientId\":\"s-1\"}", true).get();
            assertThat(frames.next(e -> "customer".equals(e.path("from").asString())).path("text").asString()).isEqualTo("Soketten merhaba");
            frames.next(e -> "bot".equals(e.path("from").asString()) && e.path("id").asLong() > 2);

            socket.sendText("{\"type\":\"message\",\"text\":42}", true).get();
            JsonNode error = frames.next(e -> "error".equals(e.path("type").asString()));
            assertThat(error.path("status").asInt()).isEqualTo(400);

            socket.sendText("{\"type\":\"message\",\"text\":\"" + "x".repeat(20_000) + "\"}", true).get();
            assertThat(frames.closed.get(20, TimeUnit.SECONDS)).isEqualTo(1009);
        }
    }

    @Test
    void aForgedTokenNeverOpensASocket() {
        try (ChatVisitor visitor = new ChatVisitor(port, null)) {
            visitor.start("{\"entryPoint\":\"" + entryPoint + "\"}");
            assertThatThrownBy(() -> open(visitor.sessionId, visitor.token + "x", new Frames()))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(WebSocketHandshakeException.class)
                    .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode()).isEqualTo(401));
        }
    }

    @Test
    void filesAreCheckedForSizeTypeAndContentAndReachTheConversation() {
        assertThat(api.put("/api/v1/chat-settings/" + entryPoint, "{\"maxFileBytes\":2048}").status()).isEqualTo(200);
        byte[] png = new byte[300];
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}, 0, png, 0, 8);
        try (ChatVisitor visitor = new ChatVisitor(port, null)) {
            visitor.start("{\"entryPoint\":\"" + entryPoint + "\"}");
            assertThat(upload(visitor, "ekran.png", "image/png", png).status()).as("before a person joins").isEqualTo(409);
            visitor.listen(0);
            visitor.say("temsilci");
            String conversationId = visitor.await(type("handoff", null)).path("conversationId").asString();

            ChatVisitor.Answer lying = upload(visitor, "fatura.png", "image/png", "%PDF-1.7 not a picture".getBytes(StandardCharsets.UTF_8));
            assertThat(lying.status()).isEqualTo(415);
            assertThat(lying.text("/type")).isEqualTo("urn:temas:problem:chat-file-type");
            assertThat(upload(visitor, "program.exe", "application/x-msdownload", png).status()).isEqualTo(415);
            assertThat(upload(visitor, "buyuk.png", "image/png", new byte[4096]).status()).isEqualTo(413);

            assertThat(upload(visitor, "../../ekran.png", "image/png", png).status()).isEqualTo(202);
            JsonNode file = visitor.await(e -> e.has("file"));
            assertThat(file.at("/file/name").asString()).isEqualTo("ekran.png");
            JsonNode conversation = api.get("/api/v1/conversations/" + conversationId).json();
            assertThat(conversation.toString()).contains("\"filename\":\"ekran.png\"").contains("\"contentType\":\"image/png\"");
        }
    }

    private static ChatVisitor.Answer upload(ChatVisitor visitor, String name, String type, byte[] content) {
        String boundary = "----temas" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name + "\"\r\nContent-Type: "
                + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        return visitor.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + visitor.port() + "/chat/v1/sessions/" + visitor.sessionId + "/files"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(HttpRequest.BodyPublishers.ofByteArray(body)),
                visitor.token);
    }
}
