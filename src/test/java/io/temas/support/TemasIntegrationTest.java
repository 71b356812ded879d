package io.temas.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The whole application on a fresh embedded PostgreSQL with the demo organisation, served on a
 * random port. Every test class using it shares one context (and one database), so tests use
 * their own senders and external ids.
 */
@Import({ScriptedTransport.class, HoldingGuard.class})
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "temas.ephemeral=true",
        "temas.demo-data=true",
        "temas.demo-conversations=false",
        "temas.bootstrap.api-token=" + TemasIntegrationTest.ADMIN_TOKEN,
        "temas.bootstrap.admin-password=" + TemasIntegrationTest.ADMIN_PASSWORD,
        "temas.outbox.poll-interval=1h",
        "temas.sla.check-interval=1h",
        // Waiting work is offered when room frees up; a test that wants every staffed queue offered at once does so itself.
        "temas.routing.offer-interval=1h",
        "temas.cti.webhook-secret=" + TemasIntegrationTest.CTI_SECRET,
        "temas.calls.wrap-up-sweep=1h",
        // No telephone system places calls unless a test chooses one (the demo would choose the simulated one).
        "temas.calls.pbx=none",
        // Webhook receivers in tests listen on the loopback, which deliveries refuse by default; retries come quickly.
        "temas.webhooks.delivery.allow-private-addresses=true",
        "temas.webhooks.delivery.first-backoff=300ms",
        "temas.webhooks.delivery.max-backoff=1s",
        "temas.webhooks.delivery.max-attempts=4",
        "temas.webhooks.delivery.poll-interval=200ms",
        // As behind a proxy: tests act as different clients with X-Forwarded-For (trusted from 127.0.0.1 only).
        "server.forward-headers-strategy=native"
})
public @interface TemasIntegrationTest {

    String ADMIN_TOKEN = "test-admin-token";

    /** The key generic CTI events are signed with. */
    String CTI_SECRET = "test-cti-secret";

    /** The console user {@code admin} signs in with this. */
    String ADMIN_PASSWORD = "test-admin-password";

    /** Every demo agent's console password. */
    String DEMO_PASSWORD = "temas-demo";
}
