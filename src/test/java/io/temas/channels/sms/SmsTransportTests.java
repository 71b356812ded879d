package io.temas.channels.sms;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.temas.channels.OutboundMessage;
import io.temas.channels.SendResult;
import io.temas.shared.ChannelType;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The generic provider's wire format, against a local HTTP server. */
class SmsTransportTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private HttpServer server;
    private final List<byte[]> bodies = new CopyOnWriteArrayList<>();
    private final List<String> signatures = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(200);
    private volatile String retryAfter;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/sms/messages", exchange -> {
            bodies.add(exchange.getRequestBody().readAllBytes());
            signatures.add(exchange.getRequestHeaders().getFirst("X-Temas-Signature"));
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] answer = (status.get() < 300 ? "{\"id\":\"gen-1\",\"status\":\"accepted\"}" : "{\"error\":\"no\"}")
                    .getBytes(StandardCharsets.UTF_8);
            if (retryAfter != null) {
                exchange.getResponseHeaders().add("Retry-After", retryAfter);
            }
            exchange.sendResponseHeaders(status.get(), answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private SmsTransport transport(String baseUrl) {
        return new SmsTransport(new SmsSettings("generic", baseUrl, null, null, "api-key", "secret", "ORNEK", null, Duration.ofSeconds(2)), JSON);
    }

    private SendResult send(SmsTransport transport) {
        return transport.send(new OutboundMessage(ChannelType.SMS, null, "+905321112233", null, "Kış fırsatı", null, null, null));
    }

    @Test
    void postsSignedJsonWithTheBearerKeyAndKeepsTheProvidersId() {
        SendResult result = send(transport("http://127.0.0.1:" + server.getAddress().getPort() + "/sms/"));

        assertThat(result).isEqualTo(new SendResult.Sent("gen-1"));
        JsonNode body = JSON.readTree(bodies.getFirst());
        assertThat(body.get("to").asString()).isEqualTo("+905321112233");
        assertThat(body.get("from").asString()).isEqualTo("ORNEK");
        assertThat(body.get("text").asString()).isEqualTo("Kış fırsatı");
        assertThat(body.get("segments").asInt()).isEqualTo(1);
        assertThat(SmsSignatures.verifyGeneric("secret", bodies.getFirst(), signatures.getFirst())).isTrue();
        assertThat(authorizations.getFirst()).isEqualTo("Bearer api-key");
    }

    @Test
    void serverErrorsAndThrottlingAreTemporaryRefusalsPermanent() {
        SmsTransport transport = transport("http://127.0.0.1:" + server.getAddress().getPort() + "/sms");
        status.set(503);
        assertThat(send(transport)).isInstanceOf(SendResult.TemporaryFailure.class);
        status.set(429);
        assertThat(send(transport)).isInstanceOf(SendResult.TemporaryFailure.class);
        status.set(422);
        assertThat(send(transport)).isInstanceOf(SendResult.PermanentFailure.class);
    }

    @Test
    void aThrottledSendCarriesTheWaitTheProviderAskedFor() {
        SmsTransport transport = transport("http://127.0.0.1:" + server.getAddress().getPort() + "/sms");
        status.set(429);
        retryAfter = "120";
        assertThat(send(transport)).isInstanceOfSatisfying(SendResult.TemporaryFailure.class,
                f -> assertThat(f.retryAfter()).isEqualTo(Duration.ofSeconds(120)));
        retryAfter = null;
        assertThat(send(transport)).isInstanceOfSatisfying(SendResult.TemporaryFailure.class, f -> assertThat(f.retryAfter()).isNull());
    }

    @Test
    void aSelectedProviderWithMissingSettingsRefusesToStart() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SmsTransport(
                        new SmsSettings("twilio", "https://api.twilio.com", null, null, null, null, null, null, Duration.ofSeconds(2)), JSON))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("account-sid");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SmsTransport(
                        new SmsSettings("acme", "https://sms.example", null, null, null, null, null, null, Duration.ofSeconds(2)), JSON))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("none, generic or twilio");
    }

    @Test
    void anUnreachableProviderIsATemporaryFailure() {
        int port = server.getAddress().getPort();
        server.stop(0);
        assertThat(send(transport("http://127.0.0.1:" + port + "/sms"))).isInstanceOf(SendResult.TemporaryFailure.class);
    }
}
