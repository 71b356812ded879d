package io.temas.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;

/**
 * The HTTP server a test's fake provider (WhatsApp Cloud API, Telegram Bot API, Meta Graph, Twilio)
 * runs on: a loopback port of its own, the provider's wire format being the fake's business. Each
 * fake keeps only what its provider says; starting, answering and stopping live here.
 */
public final class LocalProvider implements AutoCloseable {

    private final HttpServer server;

    private LocalProvider(HttpServer server) {
        this.server = server;
    }

    /** Starts a server on a free loopback port with {@code handler} under {@code context}. */
    public static LocalProvider start(String context, HttpHandler handler) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext(context, handler);
            // Requests are answered side by side, as a provider's API answers them.
            server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return new LocalProvider(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the server answers, without a trailing slash. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers with a status, a content type and a body, and ends the exchange. */
    public static void answer(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
