package io.temas.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.support.Api;
import io.temas.support.TemasIntegrationTest;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The help centre as a visitor's browser uses it: plain HTTP, a cookie jar, forms with their CSRF token. */
@TemasIntegrationTest
class PortalIntegrationTests {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern FIRST_RESULT = Pattern.compile("<ol class=\"portal-results\">\\s*<li[^>]*>\\s*<h2><a href=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    HttpClient browser;
    Api api;

    @BeforeEach
    void setUp() {
        browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
    }

    private HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET());
    }

    private HttpResponse<String> post(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return browser.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String csrf(String page) {
        Matcher m = CSRF.matcher(page);
        assertThat(m.find()).as("CSRF token in the page").isTrue();
        return m.group(1);
    }

    private static String search(String q) {
        return "/portal/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8);
    }

    @Test
    void homeShowsTopicsInTurkishByDefaultAndInTheChosenLanguage() {
        HttpResponse<String> home = get("/portal");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("lang=\"tr\"").contains("Fatura ve ödeme").contains("Mobil uygulama").contains("Hâlâ yardıma mı ihtiyacınız var?");
        assertThat(home.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v).contains("script-src 'self'"));

        HttpResponse<String> english = get("/portal?lang=en");
        assertThat(english.body()).contains("Billing and payment").contains("Still need help?");
        // the choice sticks (cookie)
        assertThat(get("/portal").body()).contains("Billing and payment");
        assertThat(get("/portal?lang=az").body()).contains("Hesab-faktura və ödəniş");
    }

    @Test
    void aCustomerTypingOnAnEnglishKeyboardFindsTheBillPaymentArticleFirst() {
        HttpResponse<String> results = get(search("faturami nasil odeyebilirim"));
        assertThat(results.statusCode()).isEqualTo(200);
        Matcher first = FIRST_RESULT.matcher(results.body());
        assertThat(first.find()).isTrue();
        assertThat(first.group(1)).startsWith("/portal/articles/faturami-nasil-oderim?s=");
        assertThat(results.body()).contains("<mark>");

        HttpResponse<String> article = get(first.group(1).replace("&amp;", "&"));
        assertThat(article.statusCode()).isEqualTo(200);
        assertThat(article.body()).contains("Faturamı nasıl öderim?").contains("Hesab-fakturamı necə ödəyə bilərəm?");
    }

    @Test
    void aSearchThatFindsNothingShowsUpInTheFailedSearchReport() {
        String query = "ejderha yumurtası " + Long.toString(System.nanoTime(), 36).replaceAll("[0-9]", "q");
        HttpResponse<String> results = get(search(query));
        assertThat(results.statusCode()).isEqualTo(200);
        assertThat(results.body()).contains("bir makale bulamadık").contains("/portal/contact");

        Api.Response report = api.get("/api/v1/kb/reports/failed-searches");
        assertThat(report.body()).contains("ejderha yumurtasi " + query.substring(query.lastIndexOf(' ') + 1));
    }

    @Test
    void aVisitorVotesNotHelpfulWithACommentThroughTheFormAndItsCsrfToken() {
        HttpResponse<String> article = get("/portal/articles/kargo-ucreti");
        assertThat(article.statusCode()).isEqualTo(200);
        String comment = "Adalara gönderim ücreti yazmıyor " + System.nanoTime();

        HttpResponse<String> voted = post("/portal/articles/kargo-ucreti/vote",
                Map.of("_csrf", csrf(article.body()), "helpful", "no", "comment", comment));
        assertThat(voted.statusCode()).isEqualTo(302);
        assertThat(voted.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("voted=no"));
        assertThat(get("/portal/articles/kargo-ucreti?voted=no").body()).contains("Geri bildiriminiz için teşekkürler");

        Api.Response report = api.get("/api/v1/kb/reports/helpfulness");
        assertThat(report.body()).contains(comment);
    }

    @Test
    void aVoteWithoutItsCsrfTokenIsRefused() {
        get("/portal/articles/kargo-ucreti");
        assertThat(post("/portal/articles/kargo-ucreti/vote", Map.of("helpful", "yes")).statusCode()).isEqualTo(403);
    }

    @Test
    void stillNeedHelpSendsAWebFormMessageIntoThePipeline() {
        HttpResponse<String> form = get("/portal/contact?about=" + URLEncoder.encode("Kargo ücreti", StandardCharsets.UTF_8));
        assertThat(form.statusCode()).isEqualTo(200);
        String email = "portal-" + System.nanoTime() + "@example.com";
        HttpResponse<String> sent = post("/portal/contact", Map.of("_csrf", csrf(form.body()), "name", "Deniz Aydın", "email", email,
                "subject", "Kargo ücreti", "message", "Adalara gönderim ücreti ne kadar?", "about", "Kargo ücreti"));
        assertThat(sent.statusCode()).isEqualTo(200);
        assertThat(sent.body()).contains("Mesajınız bize ulaştı").contains("Başvuru numaranız");

        Api.Response customer = api.get("/api/v1/customers?identifier=" + URLEncoder.encode(email, StandardCharsets.UTF_8));
        assertThat(customer.status()).isEqualTo(200);
        assertThat(customer.text("/items/0/displayName")).isEqualTo("Deniz Aydın");
        Api.Response conversations = api.get("/api/v1/conversations?customerId=" + customer.text("/items/0/id"));
        assertThat(conversations.body()).contains("webform").contains("Kargo ücreti");
    }

    @Test
    void aContactFormWithoutAValidAddressIsShownAgain() {
        HttpResponse<String> form = get("/portal/contact");
        HttpResponse<String> sent = post("/portal/contact", Map.of("_csrf", csrf(form.body()), "email", "not-an-address", "message", "Merhaba"));
        assertThat(sent.statusCode()).isEqualTo(200);
        assertThat(sent.body()).contains("Bu e-posta adresi geçerli görünmüyor").contains("not-an-address");

        HttpResponse<String> nowhere = post("/portal/contact", Map.of("_csrf", csrf(form.body()), "name", "Deniz", "message", "Merhaba"));
        assertThat(nowhere.body()).contains("bir e-posta adresi ya da telefon numarası yazın").contains("Deniz");
        HttpResponse<String> badPhone = post("/portal/contact", Map.of("_csrf", csrf(form.body()), "phone", "12", "message", "Merhaba"));
        assertThat(badPhone.body()).contains("Bu telefon numarası geçerli görünmüyor");
    }

    @Test
    void topicsListTheirArticlesAndUnknownPagesAreNotFound() {
        HttpResponse<String> topic = get("/portal/categories/iade-degisim");
        assertThat(topic.statusCode()).isEqualTo(200);
        assertThat(topic.body()).contains("Ürünü nasıl iade ederim?").doesNotContain("İç:");
        assertThat(get("/portal/articles/ic-iade-suresi-istisnasi").statusCode()).isEqualTo(404);
        assertThat(get("/portal/articles/yok-boyle-bir-makale").statusCode()).isEqualTo(404);
        assertThat(get("/portal/categories/yok").statusCode()).isEqualTo(404);
    }

    @Test
    void aNulInTheSearchIsRemovedAndTheSearchStillAnswers() {
        HttpResponse<String> page = get("/portal/search?q=fatura%00m");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("faturam").doesNotContain("\u0000");
    }

    @Test
    void anOverlongSearchIsCutToAShortValue() {
        java.util.Random random = new java.util.Random(7);
        StringBuilder q = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            q.append((char) ('a' + random.nextInt(26)));
        }

        HttpResponse<String> page = get("/portal/search?q=" + q);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(q.substring(0, 500)).doesNotContain(q.substring(0, 501));
    }

    @Test
    void aMalformedLanguageCookieDoesNotBreakThePortal() {
        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/portal"))
                .header("Cookie", "temas-lang=x@y").GET());

        assertThat(page.statusCode()).isEqualTo(200);
    }
}
