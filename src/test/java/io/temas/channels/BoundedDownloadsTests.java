package io.temas.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shared downloader against local servers: the size cap, the deadline on the body, and redirects. */
class BoundedDownloadsTests {

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<String> elsewhereSaw = new CopyOnWriteArrayList<>();
    private final List<String> authorisations = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private HttpServer elsewhere;

    @BeforeEach
    void start() throws IOException {
        elsewhere = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        elsewhere.createContext("/", exchange -> {
            elsewhereSaw.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        elsewhere.start();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/big", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().write(new byte[2_000]);
            exchange.close();
        });
        server.createContext("/ok", exchange -> {
            authorisations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            exchange.getResponseHeaders().add("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, 3);
            exchange.getResponseBody().write(new byte[] {1, 2, 3});
            exchange.close();
        });
        server.createContext("/trickle", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().write(1);
            exchange.getResponseBody().flush();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.createContext("/away", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + elsewhere.getAddress().getPort() + "/stolen");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/hop", exchange -> {
            exchange.getResponseHeaders().add("Location", "/ok");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
        elsewhere.stop(0);
    }

    @Test
    void aBodyOverTheLimitIsRefused() {
        assertThat(catchThrowable(() -> get("/big", 1_000, Duration.ofSeconds(10)))).isInstanceOf(IOException.class).hasMessageContaining("1000");
        assertThat(catchThrowable(() -> get("/big", 2_000, Duration.ofSeconds(10)))).isNull();
    }

    @Test
    void aBodyThatTricklesPastTheDeadlineIsGivenUp() {
        assertThat(catchThrowable(() -> get("/trickle", 1_000, Duration.ofMillis(500)))).isInstanceOf(IOException.class)
                .hasMessageContaining("longer than allowed");
    }

    @Test
    void aRedirectIsFollowedOnlyToATrustedHostAndTheHeadersStayOnTheirHost() throws Exception {
        assertThat(catchThrowable(() -> get("/away", 1_000, Duration.ofSeconds(10)))).isInstanceOf(IOException.class)
                .hasMessageContaining("not a trusted host");
        assertThat(elsewhereSaw).isEmpty();

        BoundedDownloads.Fetched fetched = get("/hop", 1_000, Duration.ofSeconds(10));
        assertThat(fetched.bytes()).containsExactly(1, 2, 3);
        assertThat(fetched.contentType()).isEqualTo("image/png");
        assertThat(authorisations).containsExactly("Bearer t");

        URI base = URI.create(base());
        boolean any = true;
        assertThat(catchThrowable(() -> BoundedDownloads.get(http, URI.create("http://127.0.0.1:" + elsewhere.getAddress().getPort() + "/x"),
                uri -> any && BoundedDownloads.sameOrigin(uri, base), 10, Duration.ofSeconds(5)))).isInstanceOf(IOException.class);
        assertThat(elsewhereSaw).isEmpty();
    }

    @Test
    void onlyHttpsOnTheListedDomainsIsTrusted() {
        List<String> meta = List.of("fbcdn.net", "fbsbx.com");
        assertThat(BoundedDownloads.httpsOn(URI.create("https://scontent.xx.fbcdn.net/v/a.jpg"), meta)).isTrue();
        assertThat(BoundedDownloads.httpsOn(URI.create("https://fbsbx.com/a"), meta)).isTrue();
        assertThat(BoundedDownloads.httpsOn(URI.create("http://scontent.xx.fbcdn.net/v/a.jpg"), meta)).isFalse();
        assertThat(BoundedDownloads.httpsOn(URI.create("https://evilfbcdn.net/a"), meta)).isFalse();
        assertThat(BoundedDownloads.httpsOn(URI.create("https://fbcdn.net.evil.example/a"), meta)).isFalse();
        assertThat(BoundedDownloads.httpsOn(URI.create("https://169.254.169.254/latest"), meta)).isFalse();
    }

    private BoundedDownloads.Fetched get(String path, long limit, Duration deadline) throws IOException, InterruptedException {
        URI base = URI.create(base());
        return BoundedDownloads.get(http, URI.create(base() + path), uri -> BoundedDownloads.sameOrigin(uri, base), limit, deadline,
                "Authorization", "Bearer t");
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }
}
