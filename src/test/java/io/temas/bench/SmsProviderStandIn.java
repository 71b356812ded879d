package io.temas.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An SMS provider in the generic format (README, "SMS"): {@code POST /messages} answered {@code {"id"}} after a set
 * time, as a provider's API answers in a tenth of a second or more. The jar is pointed at it, so its SMS lane sends for
 * real and as slowly as a provider lets it, while the other channels go on.
 */
final class SmsProviderStandIn implements AutoCloseable {

    private final HttpServer server;
    private final AtomicLong taken = new AtomicLong();

    SmsProviderStandIn(long answerMillis) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/messages", exchange -> {
            try (exchange; InputStream body = exchange.getRequestBody()) {
                body.readAllBytes();
                // The provider's own time to answer: what the load is about, not a wait for something to happen.
                TimeUnit.MILLISECONDS.sleep(answerMillis);
                byte[] answer = ("{\"id\":\"bench-" + taken.incrementAndGet() + "\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
    }

    /** The jar's settings that send its SMS here. */
    Map<String, String> environment() {
        return Map.of("TEMAS_SMS_PROVIDER", "generic", "TEMAS_SMS_BASE_URL", "http://127.0.0.1:" + server.getAddress().getPort(),
                "TEMAS_SMS_API_KEY", PackagedJar.secret(), "TEMAS_SMS_WEBHOOK_SECRET", PackagedJar.secret(),
                "TEMAS_SMS_SENDER", "+908502220000");
    }

    /** Sends answered so far. */
    long taken() {
        return taken.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
