package io.temas.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.support.Console;
import io.temas.support.TemasIntegrationTest;
import io.temas.support.Visitor;
import jakarta.servlet.Filter;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/** What every request meets at the door: session cookie attributes, privacy headers and the body size cap, over real HTTP. */
@TemasIntegrationTest
class WebDoorsIntegrationTests {

    private static final String TOKEN = "Bearer " + TemasIntegrationTest.ADMIN_TOKEN;

    @LocalServerPort
    int port;

    @Test
    void theSessionCookieIsSameSiteLaxAndSecureWhenTheProxySaysHttps() {
        String plain = sessionCookie(new Visitor(port, "203.0.113.30").get("/login"));
        assertThat(plain).contains("SameSite=Lax").contains("HttpOnly").doesNotContain("Secure");

        String https = sessionCookie(new Visitor(port, "203.0.113.30").get("/login", "X-Forwarded-Proto", "https"));
        assertThat(https).contains("SameSite=Lax").contains("Secure");
    }

    @Test
    void everyResponseCarriesTheReferrerAndPermissionsPolicies() {
        Visitor visitor = new Visitor(port, "203.0.113.31");
        for (String path : List.of("/login", "/console", "/portal", "/portal/articles/yok", "/api/v1/agents", "/actuator/health",
                "/docs/api", "/nowhere")) {
            HttpResponse<String> response = visitor.get(path);
            assertThat(response.headers().firstValue("Referrer-Policy")).as(path).contains("same-origin");
            assertThat(response.headers().firstValue("Permissions-Policy")).as(path)
                    .hasValueSatisfying(p -> assertThat(p).contains("camera=()", "microphone=()", "geolocation=()"));
        }
    }

    @Test
    void theWebjarLinksFilterIsTheOnlyLinkRewriterSoNoOtherAsksAboutEveryLink(@Autowired ApplicationContext context) {
        List<Filter> rewriters = Stream.<Filter>concat(context.getBeansOfType(FilterRegistrationBean.class).values().stream()
                .map(FilterRegistrationBean::getFilter), context.getBeansOfType(ResourceUrlEncodingFilter.class).values().stream())
                .filter(f -> f instanceof ResourceUrlEncodingFilter).toList();
        assertThat(rewriters).singleElement().isInstanceOf(WebjarLinks.Filter.class);
    }

    @Test
    void pagesLinkWebjarsByTheirVersionAndTheLinkServesTheLibrary() {
        Console admin = Console.signIn(port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);
        Pattern versioned = Pattern.compile("src=\"(/webjars/htmx\\.org/\\d[^/\"]*/dist/htmx\\.min\\.js)\"");
        for (String page : List.of("/console/inbox", "/console/customers")) {
            String body = admin.get(page).body();
            assertThat(body).as(page).containsPattern(versioned).doesNotContain("/webjars/htmx.org/dist/");
            assertThat(body).as(page + ": other links as written").contains("href=\"/console/inbox\"");
        }
        Matcher link = versioned.matcher(admin.get("/console/inbox").body());
        assertThat(link.find()).isTrue();
        HttpResponse<String> library = new Visitor(port, "203.0.113.33").get(link.group(1));
        assertThat(library.statusCode()).isEqualTo(200);
        assertThat(library.body()).contains("htmx");
    }

    @Test
    void aJsonBodyOverTheLimitIsRefusedWith413BeforeAnythingReadsIt() {
        Visitor client = new Visitor(port, "203.0.113.32");
        byte[] large = inbound("x".repeat(1024 * 1024 + 1));

        HttpResponse<String> declared = client.send(client.request("/api/v1/inbound", "Authorization", TOKEN, "Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(large)));
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(declared.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("application/problem+json"));
        assertThat(declared.body()).contains("\"status\":413", "1048576 bytes");

        HttpResponse<String> chunked = client.send(client.request("/api/v1/inbound", "Authorization", TOKEN, "Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(large))));
        assertThat(chunked.statusCode()).as("sent in chunks, without a length").isEqualTo(413);

        HttpResponse<String> form = client.post("/login", java.util.Map.of("username", "x".repeat(1024 * 1024 + 1)));
        assertThat(form.statusCode()).as("a console form too").isEqualTo(413);
    }

    @Test
    void aLargeChunkedBodyIsStreamedAndReadWhole() {
        Visitor client = new Visitor(port, "203.0.113.34");
        String who = "buyuk-" + UUID.randomUUID() + "@example.com";
        String padding = "x".repeat(480);
        StringBuilder ndjson = new StringBuilder();
        int lines = 900;
        for (int i = 0; i < lines; i++) {
            ndjson.append("{\"type\":\"order\",\"at\":\"2026-12-03T08:00:00Z\",\"sourceId\":\"").append(who).append('-').append(i)
                    .append("\",\"identifiers\":{\"email\":\"").append(who).append("\"},\"attributes\":{\"a\":\"").append(padding)
                    .append("\",\"b\":\"").append(padding).append("\",\"c\":\"").append(padding).append("\"}}\n");
        }
        byte[] body = ndjson.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(body.length).as("more than a body read into memory").isGreaterThan(1 << 20);
        HttpResponse<String> chunked = client.send(client.request("/api/v1/customer-events", "Authorization", TOKEN,
                        "Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
        assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(200);
        assertThat(chunked.body()).contains("\"taken\":" + lines);
    }

    @Test
    void aLargeChunkedBodyPassingItsLimitAsItIsReadIsRefusedWith413AndAStrangersIsNeverRead() {
        Visitor client = new Visitor(port, "203.0.113.35");
        // The events API takes 16 MB: one more byte, sent in chunks, fails while the batch is read.
        byte[] line = ("{\"type\":\"order\",\"at\":\"2026-12-03T08:00:00Z\",\"sourceId\":\"big\",\"identifiers\":{\"email\":\"big@example.com\"},"
                + "\"attributes\":{\"a\":\"" + "x".repeat(400) + "\"}}\n").getBytes(StandardCharsets.UTF_8);
        long size = 16L * 1024 * 1024 + 1;
        java.util.function.Supplier<java.io.InputStream> stream = () -> new java.io.InputStream() {
            private long sent;

            @Override
            public int read() {
                return sent < size ? line[(int) (sent++ % line.length)] & 0xff : -1;
            }
        };
        HttpResponse<String> over = client.send(client.request("/api/v1/customer-events", "Authorization", TOKEN,
                "Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofInputStream(stream)));
        assertThat(over.statusCode()).as(over.body()).isEqualTo(413);
        assertThat(over.body()).contains("\"status\":413", "16777216 bytes");

        // Without a token the security chain answers before any of the body is read.
        HttpResponse<String> stranger = client.send(client.request("/api/v1/customer-events/imports", "Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofInputStream(stream)));
        assertThat(stranger.statusCode()).isEqualTo(401);
    }

    @Test
    void aChunkedBodyUnderTheLimitIsReadAsUsual() {
        Visitor client = new Visitor(port, "203.0.113.33");
        byte[] body = inbound("Merhaba, siparişim nerede?");
        HttpResponse<String> chunked = client.send(client.request("/api/v1/inbound", "Authorization", TOKEN, "Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
        assertThat(chunked.statusCode()).isEqualTo(201);
    }

    @Test
    void rawMailMayBeLargerThanJson() {
        Visitor mailServer = new Visitor(port, "203.0.113.34");
        String attachment = java.util.Base64.getMimeEncoder().encodeToString(new byte[900 * 1024]);
        String mail = "From: Deniz <deniz-" + UUID.randomUUID() + "@example.com>\r\nTo: destek@ornek.com.tr\r\nSubject: Ekstre\r\n"
                + "Message-ID: <" + UUID.randomUUID() + "@example.com>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=b1\r\n\r\n--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                + "Merhaba, ekstrem ektedir.\r\n--b1\r\nContent-Type: application/pdf; name=ekstre.pdf\r\n"
                + "Content-Disposition: attachment; filename=ekstre.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + attachment + "\r\n--b1--\r\n";
        assertThat(mail.length()).isGreaterThan(1024 * 1024);
        HttpResponse<String> response = mailServer.send(mailServer.request("/api/v1/inbound/email?entryPoint=destek@ornek.com.tr",
                "Authorization", TOKEN, "Content-Type", "message/rfc822").POST(HttpRequest.BodyPublishers.ofString(mail)));
        assertThat(response.statusCode()).isEqualTo(201);
    }

    private static byte[] inbound(String text) {
        return ("{\"channel\":\"email\",\"entryPoint\":\"destek@ornek.com.tr\",\"externalId\":\"doors-" + UUID.randomUUID()
                + "\",\"from\":{\"email\":\"doors-" + UUID.randomUUID() + "@example.com\"},\"text\":\"" + text + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String sessionCookie(HttpResponse<String> response) {
        return Visitor.setCookies(response).stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElseThrow();
    }
}
