package io.temas.webhooks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A webhook receiver on a loopback port (the JDK's HTTP server): keeps every request with the status it answered,
 * which a test's rule chooses from the delivery id and how often that id came before.
 */
final class Receiver implements AutoCloseable {

    /** One request as it arrived, and what it was answered. */
    record Request(String event, String delivery, String signature, String body, int answered) {
    }

    /** Decides the status for a delivery seen {@code times} times before. */
    interface Rule {
        int status(String delivery, int times);
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final ConcurrentHashMap<String, Integer> seen = new ConcurrentHashMap<>();
    private volatile Rule rule;

    Receiver(Rule rule) {
        this.rule = rule;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String delivery = exchange.getRequestHeaders().getFirst("X-Temas-Delivery");
            int times = seen.merge(String.valueOf(delivery), 1, Integer::sum) - 1;
            int status = this.rule.status(delivery, times);
            requests.add(new Request(exchange.getRequestHeaders().getFirst("X-Temas-Event"), delivery,
                    exchange.getRequestHeaders().getFirst("X-Temas-Signature"), body, status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    /** Fails the first try of every delivery with 500, takes the next. */
    static Receiver failingFirst() {
        return new Receiver((delivery, times) -> times == 0 ? 500 : 200);
    }

    void answer(Rule rule) {
        this.rule = rule;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<Request> requests(Predicate<Request> which) {
        return requests.stream().filter(which).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
