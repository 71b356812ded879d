package io.temas.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Deliveries do not go into the network Temas runs in unless the setting says so. */
class DestinationsTests {

    private static final Map<String, String> DNS = Map.of(
            "hooks.example.com", "93.184.216.34",
            "rebound.example.com", "10.1.2.3",
            "metadata.example.com", "169.254.169.254");

    private static final Destinations.Resolver TABLE = host -> {
        String address = DNS.get(host);
        if (address != null) {
            return new InetAddress[] {InetAddress.getByName(address)};
        }
        if (host.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
            return new InetAddress[] {InetAddress.getByName(host)};
        }
        if (host.equals("localhost")) {
            return new InetAddress[] {InetAddress.getLoopbackAddress()};
        }
        throw new UnknownHostException(host);
    };

    @Test
    void refusesLoopbackPrivateLinkLocalAndSharedAddresses() {
        Destinations closed = new Destinations(false, TABLE);
        for (String host : new String[] {"127.0.0.1", "localhost", "[::1]", "10.0.0.5", "172.16.1.1", "192.168.1.20", "169.254.169.254",
                "100.64.0.1", "0.0.0.0", "[fd00::1]", "[::ffff:127.0.0.1]", "rebound.example.com", "metadata.example.com", "224.0.0.1"}) {
            assertThat(closed.refusal(host)).as(host).isPresent();
        }
    }

    @Test
    void letsPublicAddressesAndUnknownNamesThrough() {
        Destinations closed = new Destinations(false, TABLE);
        assertThat(closed.refusal("hooks.example.com")).isEmpty();
        assertThat(closed.refusal("8.8.8.8")).isEmpty();
        assertThat(closed.refusal("[2606:4700::1111]")).isEmpty();
        assertThat(closed.refusal("no-such-host.example")).as("fails at send time and is retried, like a receiver that is down").isEmpty();
    }

    @Test
    void theSettingOpensEverything() {
        assertThat(new Destinations(true, TABLE).refusal("127.0.0.1")).isEmpty();
    }

    @Test
    void theDispatcherRefusesALoopbackReceiverWithoutCallingIt() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            calls.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            DeliverySettings closed = new DeliverySettings(4, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5),
                    Duration.ofSeconds(10), false, 10, Duration.ofDays(30));
            WebhookDispatcher dispatcher = new WebhookDispatcher(null, null, closed, Clock.systemUTC(), new WebhookOutbox(null, null, Clock.systemUTC()));
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";

            WebhookDispatcher.Outcome outcome = dispatcher.send(new WebhookDispatcher.Claimed(UUID.randomUUID(), UUID.randomUUID(),
                    WebhookEvents.TEST, "{}", 1, url, "0123456789abcdef"));

            assertThat(outcome.errorCode()).isEqualTo("refused-address");
            assertThat(outcome.permanent()).as("no retry helps; the log offers retry now").isTrue();
            assertThat(calls).hasValue(0);

            DeliverySettings open = new DeliverySettings(4, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5),
                    Duration.ofSeconds(10), true, 10, Duration.ofDays(30));
            WebhookDispatcher.Outcome allowed = new WebhookDispatcher(null, null, open, Clock.systemUTC(),
                    new WebhookOutbox(null, null, Clock.systemUTC())).send(new WebhookDispatcher.Claimed(UUID.randomUUID(), UUID.randomUUID(),
                    WebhookEvents.TEST, "{}", 1, url, "0123456789abcdef"));
            assertThat(allowed.delivered()).isTrue();
            assertThat(allowed.status()).isEqualTo(204);
            assertThat(calls).hasValue(1);
        } finally {
            server.stop(0);
        }
    }
}
