package io.temas.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.support.Console;
import io.temas.support.TemasIntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Open console sessions of a user whom an admin disables or gives a new password, each a real HTTP session. */
@TemasIntegrationTest
class ConsoleSessionsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    ConsoleUsers users;

    Console admin;

    @BeforeEach
    void signIn() {
        admin = Console.signIn(port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);
    }

    @Test
    void disablingAUserEndsBothOfTheirOpenSessionsAtOnce() {
        users.save("sessions-a", "Sessions A", Role.AGENT, "first-password");
        Console desk = Console.signIn(port, "sessions-a", "first-password");
        Console laptop = Console.signIn(port, "sessions-a", "first-password");
        Console colleague = Console.signIn(port, "ayse", TemasIntegrationTest.DEMO_PASSWORD);
        assertThat(desk.get("/console/inbox").status()).isEqualTo(200);
        assertThat(laptop.get("/console/inbox").status()).isEqualTo(200);

        assertThat(admin.submit("/console/admin/users", "/console/admin/users/sessions-a/enabled", Map.of("enabled", "false")).status())
                .isEqualTo(302);

        for (Console session : new Console[] {desk, laptop}) {
            Console.Page next = session.get("/console/inbox");
            assertThat(next.status()).isEqualTo(302);
            assertThat(next.location()).endsWith("/login?expired");
            assertThat(session.get("/console/inbox").location()).as("and stays signed out").endsWith("/login");
        }
        assertThat(desk.get("/login?expired").body()).contains("Oturumunuz sona erdi");
        assertThat(colleague.get("/console/inbox").status()).as("nobody else's").isEqualTo(200);
        assertThat(admin.get("/console/admin/users").status()).isEqualTo(200);
    }

    @Test
    void aNewPasswordEndsTheUsersSessionsAndTheNewOneSignsIn() {
        users.save("sessions-b", "Sessions B", Role.AGENT, "first-password");
        Console desk = Console.signIn(port, "sessions-b", "first-password");
        Console laptop = Console.signIn(port, "sessions-b", "first-password");

        assertThat(admin.submit("/console/admin/users", "/console/admin/users/sessions-b/password",
                Map.of("password", "second-password-long")).status()).isEqualTo(302);

        assertThat(desk.get("/console/inbox").location()).endsWith("/login?expired");
        assertThat(laptop.get("/console/inbox").location()).endsWith("/login?expired");
        assertThat(Console.signIn(port, "sessions-b", "second-password-long").get("/console/inbox").status()).isEqualTo(200);
    }

    @Test
    void anHtmxRefreshOfAnEndedSessionLoadsTheSignInPageWholeInsteadOfIntoTheFragment() {
        users.save("sessions-c", "Sessions C", Role.AGENT, "first-password");
        Console desk = Console.signIn(port, "sessions-c", "first-password");
        assertThat(desk.getHtmx("/console/inbox").status()).isEqualTo(200);

        users.setEnabled("sessions-c", false);

        Console.Page ended = desk.getHtmx("/console/inbox");
        assertThat(ended.status()).isEqualTo(401);
        assertThat(ended.location()).endsWith("/login?expired");
        Console.Page signedOut = desk.getHtmx("/console/inbox");
        assertThat(signedOut.status()).isEqualTo(401);
        assertThat(signedOut.location()).endsWith("/login");
    }

    @Test
    void disablingAUserClosesTheirLiveUpdateStream() throws Exception {
        users.save("sessions-d", "Sessions D", Role.AGENT, "first-password");
        Console desk = Console.signIn(port, "sessions-d", "first-password");
        java.util.Iterator<String> stream = desk.stream("/console/live").iterator();
        assertThat(stream.next()).isEqualTo("event:hello");

        users.setEnabled("sessions-d", false);

        // The server ends the stream: reading to its end returns instead of waiting for the next event.
        java.util.concurrent.CompletableFuture<Void> ended = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                stream.forEachRemaining(line -> {
                });
            } catch (java.io.UncheckedIOException closed) {
                // the server closed the connection rather than finishing the chunked body: ended all the same
            }
        });
        ended.get(1, java.util.concurrent.TimeUnit.MINUTES);
        assertThat(ended).isDone();
    }
}
