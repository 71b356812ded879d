package io.temas.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.support.TemasIntegrationTest;
import io.temas.support.Visitor;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Password guessing over real HTTP, each test from its own client addresses as a proxy reports them. */
@TemasIntegrationTest
class SignInThrottleIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    ConsoleUsers users;

    @Test
    void fiveWrongPasswordsMakeTheUserNameWaitEvenWithTheRightOne() {
        users.save("throttled-a", "Throttled A", Role.AGENT, "the-right-password");
        Visitor guesser = new Visitor(port, "203.0.113.11");
        for (int i = 0; i < 5; i++) {
            assertThat(signIn(guesser, "throttled-a", "guess-" + i).headers().firstValue("Location")).hasValueSatisfying(
                    l -> assertThat(l).endsWith("/login?error"));
        }

        HttpResponse<String> refused = signIn(guesser, "throttled-a", "the-right-password");
        String location = refused.headers().firstValue("Location").orElseThrow();
        assertThat(location).contains("/login?locked=");
        assertThat(guesser.get(location.substring(location.indexOf("/login"))).body())
                .contains("Çok fazla hatalı giriş denemesi oldu.", "dakika bekleyip yeniden deneyin.");
        assertThat(guesser.get("/login?locked=15&lang=en").body()).contains("Too many failed sign-ins. Wait 15 minutes and try again.");
        assertThat(guesser.get("/login?locked=1&lang=az").body()).contains("1 dəqiqə gözləyib yenidən cəhd edin.");

        Visitor owner = new Visitor(port, "198.51.100.11");
        assertThat(signIn(owner, "throttled-a", "the-right-password").headers().firstValue("Location"))
                .as("the count belongs to the user name, wherever the next try comes from").hasValueSatisfying(l -> assertThat(l).contains("locked="));
        assertThat(signIn(guesser, "ayse", TemasIntegrationTest.DEMO_PASSWORD).headers().firstValue("Location"))
                .as("six failures from the address are below its limit").hasValueSatisfying(l -> assertThat(l).endsWith("/console"));
    }

    @Test
    void twentyFailuresFromOneAddressMakeEveryNameFromItWait() {
        Visitor sprayer = new Visitor(port, "203.0.113.12");
        for (int i = 0; i < 20; i++) {
            assertThat(signIn(sprayer, "nobody-" + i, "guess").headers().firstValue("Location"))
                    .hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
        }
        assertThat(signIn(sprayer, "mehmet", TemasIntegrationTest.DEMO_PASSWORD).headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).contains("/login?locked="));
        assertThat(signIn(new Visitor(port, "203.0.113.13"), "mehmet", TemasIntegrationTest.DEMO_PASSWORD).headers().firstValue("Location"))
                .as("another address").hasValueSatisfying(l -> assertThat(l).endsWith("/console"));
    }

    @Test
    void aCorrectPasswordClearsTheFailuresOfTheUserName() {
        users.save("throttled-b", "Throttled B", Role.AGENT, "the-right-password");
        for (int round = 0; round < 2; round++) {
            Visitor visitor = new Visitor(port, "203.0.113.14");
            for (int i = 0; i < 4; i++) {
                signIn(visitor, "throttled-b", "guess-" + i);
            }
            assertThat(signIn(visitor, "throttled-b", "the-right-password").headers().firstValue("Location")).as("round " + round)
                    .hasValueSatisfying(l -> assertThat(l).endsWith("/console"));
        }
    }

    private static HttpResponse<String> signIn(Visitor visitor, String username, String password) {
        HttpResponse<String> response = visitor.submit("/login", "/login", Map.of("username", username, "password", password));
        assertThat(response.statusCode()).isEqualTo(302);
        return response;
    }
}
