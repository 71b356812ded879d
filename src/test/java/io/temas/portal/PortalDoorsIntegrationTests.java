package io.temas.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.support.TemasIntegrationTest;
import io.temas.support.Visitor;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The help centre's doors over real HTTP: no session for readers, and per-client limits keyed on the address a proxy reports. */
@TemasIntegrationTest
class PortalDoorsIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void readingTheHelpCentreStartsNoServerSession() {
        Visitor reader = new Visitor(port, "203.0.113.40");
        for (String page : List.of("/portal", "/portal/categories/iade-degisim", "/portal/articles/iade-suresi", "/portal/search?q=kargo",
                "/portal/articles/yok", "/portal/contact")) {
            HttpResponse<String> response = reader.get(page);
            assertThat(response.statusCode()).as(page).isIn(200, 404);
            assertThat(Visitor.setCookies(response)).as(page).noneMatch(c -> c.startsWith("JSESSIONID"));
        }
    }

    @Test
    void theFormsCsrfTokenLivesInACookieOfItsOwnOnlyWhereThereIsAForm() {
        Visitor reader = new Visitor(port, "203.0.113.41");
        assertThat(Visitor.setCookies(reader.get("/portal/categories/iade-degisim"))).as("no form, no token").isEmpty();

        HttpResponse<String> contact = reader.get("/portal/contact");
        assertThat(Visitor.setCookies(contact)).singleElement().satisfies(cookie -> assertThat(cookie)
                .startsWith("temas-portal-csrf=").contains("Path=/portal", "HttpOnly", "SameSite=Lax"));

        HttpResponse<String> sent = reader.post("/portal/contact", Map.of("_csrf", Visitor.csrf(contact.body()), "email", "not-an-address",
                "message", "Merhaba"));
        assertThat(sent.statusCode()).as("the token from the page and the cookie match").isEqualTo(200);
        assertThat(new Visitor(port, "203.0.113.41").post("/portal/contact", Map.of("_csrf", Visitor.csrf(contact.body()),
                "email", "not-an-address", "message", "Merhaba")).statusCode()).as("the token without its cookie").isEqualTo(403);
    }

    @Test
    void aClientsVotesBeyondTheLimitAre429AndAnotherClientStillVotes() {
        Visitor voter = new Visitor(port, "203.0.113.42");
        String page = "/portal/articles/yurt-disi-gonderim";
        for (int i = 0; i < 20; i++) {
            // Alternating, so the article's helpfulness (and with it search ranking elsewhere) stays where it was.
            HttpResponse<String> vote = voter.submit(page, page + "/vote", Map.of("helpful", i % 2 == 0 ? "yes" : "no"));
            assertThat(vote.statusCode()).as("vote " + i).isEqualTo(302);
        }
        HttpResponse<String> refused = voter.submit(page, page + "/vote", Map.of("helpful", "yes"));
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).contains("Kısa sürede çok fazla istek geldi.");
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).as("seconds, within the hour's window")
                .isBetween(1L, 3600L);

        assertThat(new Visitor(port, "203.0.113.43").submit(page, page + "/vote", Map.of("helpful", "no")).statusCode()).isEqualTo(302);
    }

    @Test
    void aClientsSearchesBeyondTheLimitAre429WithAReadablePage() {
        Visitor searcher = new Visitor(port, "203.0.113.44");
        for (int i = 0; i < 60; i++) {
            assertThat(searcher.get("/portal/search?q=kargo").statusCode()).as("search " + i).isEqualTo(200);
        }
        HttpResponse<String> refused = searcher.get("/portal/search?q=kargo&lang=en");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).contains("Too many requests in a short time.");
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).as("seconds, within the minute's window")
                .isBetween(1L, 60L);

        assertThat(new Visitor(port, "203.0.113.45").get("/portal/search?q=kargo").statusCode()).isEqualTo(200);
    }

    @Test
    void theContactFormLimitCountsEachClientBehindTheProxyOnItsOwn() {
        Visitor writer = new Visitor(port, "203.0.113.46");
        for (int i = 0; i < ContactThrottle.LIMIT; i++) {
            assertThat(contact(writer).statusCode()).as("message " + i).isEqualTo(200);
        }
        HttpResponse<String> refused = contact(writer);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).as("seconds, within ten minutes")
                .isBetween(1L, 600L);
        assertThat(contact(new Visitor(port, "203.0.113.47")).statusCode()).as("another client behind the same proxy").isEqualTo(200);
    }

    private static HttpResponse<String> contact(Visitor visitor) {
        return visitor.submit("/portal/contact", "/portal/contact", Map.of("name", "Deniz", "email", "doors-" + UUID.randomUUID() + "@example.com",
                "subject", "Kargo", "message", "Kargom nerede?"));
    }
}
