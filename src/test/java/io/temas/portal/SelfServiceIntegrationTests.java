package io.temas.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.support.Api;
import io.temas.support.TemasIntegrationTest;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The sign-in to "My requests" attacked as a stranger would: codes that expire, die after wrong
 * guesses and work once; floods of code requests per address and per client; an unknown address
 * answered exactly like a known one; NUL bytes and over-long values; a planted session cookie;
 * another customer's request in the URL. The codes are read from the outbox, where the mail waits.
 */
@TemasIntegrationTest
class SelfServiceIntegrationTests {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
    private static final Pattern CHALLENGE = Pattern.compile("name=\"challenge\"\\s+value=\"([^\"]+)\"");
    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SignInPersonalData personalData;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
    }

    @Test
    void theCodeMailedToAKnownAddressSignsInOnceAndShowsOnlyTheirRequestsWithoutNotes() {
        String email = unique("self") + "@example.com";
        String conversation = mailFrom(email, "Kargo nerede?", "Siparişim hâlâ gelmedi.");
        String reference = api.get("/api/v1/conversations/" + conversation).text("/reference");
        api.post("/api/v1/conversations/" + conversation + "/messages", "{\"text\":\"Kargonuz yarın teslim edilecek.\"}");
        api.post("/api/v1/conversations/" + conversation + "/messages", "{\"kind\":\"note\",\"text\":\"GIZLI-NOT müşteri iki kez aradı\"}");
        String stranger = mailFrom(unique("other") + "@example.com", "Başka birinin talebi", "Benim talebim.");

        Customer customer = new Customer(clientAddress());
        HttpResponse<String> codePage = customer.askCode(email.toUpperCase());
        assertThat(codePage.statusCode()).isEqualTo(200);
        assertThat(codePage.body()).contains(email);
        Map<String, Object> mail = jdbc.sql("""
                        select sender, subject, body from outbox where recipient = ? and headers ->> 'X-Temas-Kind' = 'portal-code'""")
                .param(email).query().singleRow();
        assertThat(mail.get("sender")).isEqualTo("bilgi@ornek.com.tr");
        assertThat((String) mail.get("body")).contains("10 dakika");
        String code = code((String) mail.get("body"));
        assertThat(jdbc.sql("select count(*) from portal_codes where address = ? and encode(code_hash, 'escape') like ?")
                .params(email, "%" + code + "%").query(Integer.class).single()).as("the code is kept only hashed").isZero();

        HttpResponse<String> signedIn = customer.signIn(challenge(codePage), code);
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElseThrow()).endsWith("/portal/my");
        String cookie = signedIn.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(PortalSessions.COOKIE + "="))
                .findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax").contains("Path=/portal");

        HttpResponse<String> mine = customer.get("/portal/my");
        assertThat(mine.body()).contains(reference).contains("Kargo nerede?").doesNotContain("Başka birinin talebi");
        HttpResponse<String> thread = customer.get("/portal/my/requests/" + conversation);
        assertThat(thread.statusCode()).isEqualTo(200);
        assertThat(thread.body()).contains("Siparişim hâlâ gelmedi.").contains("Kargonuz yarın teslim edilecek.").doesNotContain("GIZLI-NOT");
        assertThat(customer.get("/portal/my/requests/" + stranger).statusCode()).as("someone else's request").isEqualTo(404);
        assertThat(customer.get("/portal/my/requests/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
        assertThat(customer.get("/portal/my/requests/not-an-id").statusCode()).isEqualTo(404);

        HttpResponse<String> again = new Customer(clientAddress()).signIn(challenge(codePage), code);
        assertThat(again.statusCode()).as("a code works once").isEqualTo(400);
        assertThat(again.body()).contains("süresi doldu ya da kod kullanıldı");
        assertThat(again.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith(PortalSessions.COOKIE + "=") && !c.contains("Max-Age=0"));

        HttpResponse<String> out = customer.post("/portal/my/sign-out", Map.of(), "/portal/my");
        assertThat(out.statusCode()).isEqualTo(302);
        assertThat(customer.get(out.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "")).body()).contains("Çıkış yaptınız")
                .doesNotContain(reference);
        assertThat(customer.get("/portal/my/requests/" + conversation).statusCode()).as("signed out").isEqualTo(302);
    }

    @Test
    void aCustomerWithManyRequestsPagesThroughAllOfThemNewestFirstEachOnce() {
        String email = unique("many") + "@example.com";
        int count = 2 * SelfService.REQUESTS_PAGE + 5;
        for (int i = 1; i <= count; i++) {
            mailFrom(email, "Talep %02d".formatted(i), "Soru numarası " + i + ".");
        }
        Customer customer = new Customer(clientAddress());
        HttpResponse<String> codePage = customer.askCode(email);
        assertThat(customer.signIn(challenge(codePage), latestCode(email)).statusCode()).isEqualTo(302);

        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String path = "/portal/my";
        Document page = null;
        while (path != null) {
            HttpResponse<String> response = customer.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            page = Jsoup.parse(response.body());
            List<String> subjects = page.select("#requests a.self-request strong").eachText();
            pageSizes.add(subjects.size());
            seen.addAll(subjects);
            Element older = page.selectFirst("#requests a[rel=next]");
            if (older != null) {
                assertThat(older.text()).isEqualTo("Daha eski talepler");
            }
            path = older == null ? null : older.attr("href").replaceFirst("#.*", "");
            assertThat(pageSizes).as("a page past the first links back to the latest").hasSizeLessThan(5);
        }
        List<String> expected = new ArrayList<>();
        for (int i = count; i >= 1; i--) {
            expected.add("Talep %02d".formatted(i));
        }
        assertThat(seen).as("every request once, latest activity first").isEqualTo(expected);
        assertThat(pageSizes).containsExactly(SelfService.REQUESTS_PAGE, SelfService.REQUESTS_PAGE, 5);
        assertThat(page.select("#requests a[href='/portal/my#requests']").text()).isEqualTo("En son talepler");

        HttpResponse<String> forged = customer.get("/portal/my?older=bm90LWEtY3Vyc29y");
        assertThat(forged.statusCode()).as("a cursor that is none").isEqualTo(400);
        assertThat(forged.body()).doesNotContain("Talep 01");
    }

    @Test
    void anUnknownAddressGetsTheSameAnswerAndNothingIsSent() {
        String known = unique("known") + "@example.com";
        mailFrom(known, "Merhaba", "Bir sorum var.");
        String unknown = unique("nobody") + "@example.com";

        HttpResponse<String> knownPage = new Customer(clientAddress()).askCode(known);
        HttpResponse<String> unknownPage = new Customer(clientAddress()).askCode(unknown);

        assertThat(unknownPage.statusCode()).isEqualTo(knownPage.statusCode()).isEqualTo(200);
        assertThat(normalise(unknownPage.body(), unknown)).isEqualTo(normalise(knownPage.body(), known));
        assertThat(codesMailedTo(unknown)).isZero();
        assertThat(codesMailedTo(known)).isOne();
        // Every code a stranger could type is wrong, exactly as for a known address.
        HttpResponse<String> guess = new Customer(clientAddress()).signIn(challenge(unknownPage), "123456");
        assertThat(guess.statusCode()).isEqualTo(400);
        assertThat(guess.body()).contains("Kod yanlış. 4 deneme hakkınız kaldı.");
    }

    @Test
    void aCodeDiesAfterItsLifetimeAndAfterFiveWrongGuesses() {
        String email = unique("expiry") + "@example.com";
        mailFrom(email, "Fatura", "Faturam yanlış.");

        Customer late = new Customer(clientAddress());
        HttpResponse<String> first = late.askCode(email);
        String firstCode = latestCode(email);
        // Eleven minutes later, as far as the code is concerned.
        jdbc.sql("update portal_codes set expires_at = now() - interval '1 minute' where id = ?::uuid").param(challenge(first)).update();
        HttpResponse<String> expired = late.signIn(challenge(first), firstCode);
        assertThat(expired.statusCode()).isEqualTo(400);
        assertThat(expired.body()).contains("süresi doldu");

        Customer guesser = new Customer(clientAddress());
        HttpResponse<String> second = guesser.askCode(email);
        String secondCode = latestCode(email);
        String wrong = secondCode.equals("000000") ? "111111" : "000000";
        for (int left = 4; left >= 1; left--) {
            assertThat(guesser.signIn(challenge(second), wrong).body()).contains("Kod yanlış. " + left + " deneme hakkınız kaldı.");
        }
        assertThat(guesser.signIn(challenge(second), wrong).body()).contains("Çok fazla yanlış kod yazıldı");
        HttpResponse<String> right = guesser.signIn(challenge(second), secondCode);
        assertThat(right.statusCode()).as("the right code after five wrong ones").isEqualTo(400);
        assertThat(right.body()).contains("Çok fazla yanlış kod yazıldı");
    }

    @Test
    void wrongGuessesAreCountedPerAddressAcrossItsCodes() {
        String email = unique("spread") + "@example.com";
        mailFrom(email, "Kart", "Kartım kayboldu.");
        String lastChallenge = null;
        String lastCode = null;
        for (int round = 0; round < 3; round++) {
            Customer c = new Customer(clientAddress());
            HttpResponse<String> page = c.askCode(email);
            lastChallenge = challenge(page);
            lastCode = latestCode(email);
            String wrong = lastCode.equals("000000") ? "111111" : "000000";
            int guesses = round < 2 ? 4 : 2;
            for (int i = 0; i < guesses; i++) {
                c.signIn(lastChallenge, wrong);
            }
        }
        HttpResponse<String> right = new Customer(clientAddress()).signIn(lastChallenge, lastCode);
        assertThat(right.statusCode()).as("ten wrong guesses for the address, spread over three codes").isEqualTo(400);
        assertThat(right.body()).contains("Çok fazla yanlış kod yazıldı");
    }

    @Test
    void codeRequestsAreLimitedPerAddressAndPerClientAlikeForUnknownAddresses() {
        for (String address : List.of(knownAddress(), unique("ghost") + "@example.com")) {
            for (int i = 0; i < 5; i++) {
                assertThat(new Customer(clientAddress()).askCode(address).statusCode()).isEqualTo(200);
            }
            HttpResponse<String> sixth = new Customer(clientAddress()).askCode(address);
            assertThat(sixth.statusCode()).as("sixth code for %s within the hour", address).isEqualTo(429);
            assertThat(Long.parseLong(sixth.headers().firstValue("Retry-After").orElseThrow())).isPositive();
            assertThat(sixth.body()).contains("Kısa sürede çok fazla deneme yapıldı");
        }
        String client = clientAddress();
        for (int i = 0; i < 10; i++) {
            assertThat(new Customer(client).askCode(unique("flood") + "@example.com").statusCode()).isEqualTo(200);
        }
        assertThat(new Customer(client).askCode(unique("flood") + "@example.com").statusCode()).as("eleventh request from one client")
                .isEqualTo(429);
    }

    @Test
    void nulBytesAndOverLongValuesGetAReadable400Page() {
        Customer c = new Customer(clientAddress());
        HttpResponse<String> nul = c.post("/portal/my/code", Map.of("address", "ali\u0000@example.com"), "/portal/my");
        assertThat(nul.statusCode()).isEqualTo(400);
        assertThat(nul.body()).contains("<h1").contains("Yardım Merkezi").doesNotContain("Whitelabel").doesNotContain("Exception");
        HttpResponse<String> longOne = c.post("/portal/my/code", Map.of("address", "a".repeat(10_000) + "@example.com"), "/portal/my");
        assertThat(longOne.statusCode()).isEqualTo(400);
        HttpResponse<String> badCode = c.post("/portal/my/sign-in", Map.of("challenge", UUID.randomUUID().toString(), "code", "12\u000034"),
                "/portal/my");
        assertThat(badCode.statusCode()).isEqualTo(400);
        HttpResponse<String> badChallenge = c.post("/portal/my/sign-in", Map.of("challenge", "x".repeat(600), "code", "123456"), "/portal/my");
        assertThat(badChallenge.statusCode()).isEqualTo(400);
        assertThat(c.post("/portal/my/code", Map.of("address", "not an address"), "/portal/my").body())
                .contains("Bu bir e-posta adresine ya da telefon numarasına benzemiyor");
    }

    @Test
    void aSessionCookiePlantedBeforeSignInIsNeverSignedIn() {
        String email = unique("fixation") + "@example.com";
        String conversation = mailFrom(email, "Şifre", "Şifremi unuttum.");
        Customer victim = new Customer(clientAddress());
        String planted = "A".repeat(43);
        victim.cookies.put(PortalSessions.COOKIE, planted);
        HttpResponse<String> page = victim.askCode(email);
        HttpResponse<String> signedIn = victim.signIn(challenge(page), latestCode(email));
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(victim.cookies.get(PortalSessions.COOKIE)).as("a new session id after sign-in").isNotEqualTo(planted);

        Customer attacker = new Customer(clientAddress());
        attacker.cookies.put(PortalSessions.COOKIE, planted);
        assertThat(attacker.get("/portal/my/requests/" + conversation).statusCode()).isEqualTo(302);
        assertThat(victim.get("/portal/my/requests/" + conversation).statusCode()).isEqualTo(200);
    }

    @Test
    void aMergedCustomerSeesTheSurvivorsRequests() {
        String email = unique("merged") + "@example.com";
        Api.Response byMail = api.post("/api/v1/inbound", inbound(email, "İade", "İade istiyorum."));
        Api.Response other = api.post("/api/v1/inbound", inbound(unique("survivor") + "@example.com", "Adres", "Adresim değişti."));
        String survivor = other.text("/customerId");
        assertThat(api.post("/api/v1/customers/" + survivor + "/merge", "{\"otherCustomerId\":\"" + byMail.text("/customerId") + "\"}")
                .status()).isEqualTo(201);

        Customer c = new Customer(clientAddress());
        HttpResponse<String> page = c.askCode(email);
        c.signIn(challenge(page), latestCode(email));
        String mine = c.get("/portal/my").body();
        assertThat(mine).contains("İade").contains("Adres");
        assertThat(c.get("/portal/my/requests/" + other.text("/conversationId")).statusCode()).isEqualTo(200);
    }

    @Test
    void anIdleSessionEndsAndAFormWithoutItsTokenIsRefused() {
        String email = unique("idle") + "@example.com";
        String conversation = mailFrom(email, "Hat", "Hattım kesildi.");
        Customer c = new Customer(clientAddress());
        HttpResponse<String> page = c.askCode(email);
        c.signIn(challenge(page), latestCode(email));
        assertThat(c.get("/portal/my/requests/" + conversation).statusCode()).isEqualTo(200);

        HttpResponse<String> forged = c.send(c.request("/portal/my/requests/" + conversation + "/answer")
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("text=forged")));
        assertThat(forged.statusCode()).as("an answer posted without the form's token").isEqualTo(403);

        // Thirty-one minutes without a request, as far as the session is concerned.
        jdbc.sql("update portal_sessions set last_seen_at = now() - interval '31 minutes' where customer_id = (select customer_id from "
                + "identities where value = ?)").param(email).update();
        assertThat(c.get("/portal/my/requests/" + conversation).statusCode()).isEqualTo(302);
        assertThat(c.get("/portal/my").body()).contains("E-posta adresiniz ya da telefon numaranız");
    }

    @Test
    void theSignInsRecordsAreExportedWithoutCodesAndErased() {
        String email = unique("kvkk") + "@example.com";
        String customerId = api.post("/api/v1/inbound", inbound(email, "Veri", "Verilerim.")).text("/customerId");
        Customer c = new Customer(clientAddress());
        HttpResponse<String> page = c.askCode(email);
        String code = latestCode(email);
        c.signIn(challenge(page), code);
        io.temas.customers.CustomerId id = new io.temas.customers.CustomerId(UUID.fromString(customerId));

        List<Map<String, Object>> rows = personalData.export(id);
        assertThat(rows).extracting(r -> r.get("record")).containsExactly("sign-in-code", "session");
        assertThat(rows).allSatisfy(r -> assertThat(r.get("address")).isEqualTo(email));
        assertThat(rows.toString()).doesNotContain(code);

        personalData.erase(id);
        assertThat(personalData.export(id)).isEmpty();
        assertThat(jdbc.sql("select count(*) from portal_codes where address = ?").param(email).query(Integer.class).single()).isZero();
        assertThat(c.get("/portal/my").body()).as("erased: signed out").contains("E-posta adresiniz ya da telefon numaranız");
    }

    @Test
    void aCodeTypedForANumberGoesBySmsAndAnOfferIsAnsweredOnceWhileItRuns() {
        String phone = "+90532" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        Api.Response bySms = api.post("/api/v1/inbound", """
                {"channel":"sms","entryPoint":"+908502220000","externalId":"%s","from":{"phone":"%s"},"text":"Faturam gelmedi"}"""
                .formatted(UUID.randomUUID(), phone));
        String code = unique("SS").toUpperCase().replace("-", "");
        String campaign = api.post("/api/v1/campaigns", """
                {"name":"Portal teklifi %s","code":"%s","offer":"Üç ay bedava","channels":["email"],"status":"running"}"""
                .formatted(code, code)).text("/id");
        try {
            Customer c = new Customer(clientAddress());
            // Typed as people write it at home: national format, spaces.
            HttpResponse<String> page = c.askCode("0" + phone.substring(3, 6) + " " + phone.substring(6));
            assertThat(page.statusCode()).isEqualTo(200);
            Map<String, Object> sms = jdbc.sql("""
                            select channel, sender, body from outbox where recipient = ? and headers ->> 'X-Temas-Kind' = 'portal-code'""")
                    .param(phone).query().singleRow();
            assertThat(sms.get("channel")).isEqualTo("sms");
            assertThat(sms.get("sender")).isEqualTo("+908502220000");
            assertThat(c.signIn(challenge(page), code((String) sms.get("body"))).statusCode()).isEqualTo(302);
            assertThat(c.get("/portal/my").body()).contains("Portal teklifi " + code);

            HttpResponse<String> accepted = c.post("/portal/my/offers/" + campaign, Map.of("answer", "accept"), "/portal/my");
            assertThat(accepted.headers().firstValue("Location").orElseThrow()).contains("done=accepted");
            HttpResponse<String> again = c.post("/portal/my/offers/" + campaign, Map.of("answer", "decline"), "/portal/my");
            assertThat(again.headers().firstValue("Location").orElseThrow()).contains("done=answered");
            String otherCode = unique("SD").toUpperCase().replace("-", "");
            String otherCampaign = api.post("/api/v1/campaigns", """
                    {"name":"Portal teklifi %s","code":"%s","offer":"Ek hat","channels":["email"],"status":"running"}"""
                    .formatted(otherCode, otherCode)).text("/id");
            HttpResponse<String> declined = c.post("/portal/my/offers/" + otherCampaign, Map.of("answer", "decline"), "/portal/my");
            String location = declined.headers().firstValue("Location").orElseThrow();
            assertThat(location).contains("done=declined");
            assertThat(c.get(location.replaceAll("^https?://[^/]+", "").replaceAll("#.*$", "")).body())
                    .contains("Teklifi reddettiniz. Bu teklif için sizi bir daha aramayacağız.");
            api.post("/api/v1/campaigns/" + otherCampaign + "/status", "{\"status\":\"ended\"}");
            String customerId = bySms.text("/customerId");
            assertThat(jdbc.sql("select kind from campaign_responses where campaign_id = ?::uuid and customer_id = ?::uuid")
                    .params(campaign, customerId).query(String.class).list()).containsExactly("accepted");
            assertThat(jdbc.sql("select count(*) from campaign_suppressions where campaign_id = ?::uuid and customer_id = ?::uuid")
                    .params(campaign, customerId).query(Integer.class).single()).isOne();

            assertThat(c.post("/portal/my/offers/" + UUID.randomUUID(), Map.of("answer", "accept"), "/portal/my").statusCode())
                    .isEqualTo(404);
            assertThat(c.post("/portal/my/offers/" + campaign, Map.of("answer", "maybe"), "/portal/my").statusCode()).isEqualTo(400);
            api.post("/api/v1/campaigns/" + campaign + "/status", "{\"status\":\"ended\"}");
            String other = unique("late") + "@example.com";
            mailFrom(other, "Teklif", "Teklifiniz hâlâ geçerli mi?");
            Customer late = new Customer(clientAddress());
            HttpResponse<String> latePage = late.askCode(other);
            late.signIn(challenge(latePage), latestCode(other));
            assertThat(late.post("/portal/my/offers/" + campaign, Map.of("answer", "accept"), "/portal/my").statusCode())
                    .as("an offer that ended").isEqualTo(422);
        } finally {
            api.post("/api/v1/campaigns/" + campaign + "/status", "{\"status\":\"ended\"}");
        }
    }

    // --- helpers

    private String knownAddress() {
        String email = unique("limit") + "@example.com";
        mailFrom(email, "Soru", "Bir sorum var.");
        return email;
    }

    private String mailFrom(String email, String subject, String text) {
        return api.post("/api/v1/inbound", inbound(email, subject, text)).text("/conversationId");
    }

    private static String inbound(String email, String subject, String text) {
        return """
                {"channel":"email","entryPoint":"bilgi@ornek.com.tr","externalId":"<%s@example.com>","from":{"email":"%s","name":"Ayşe Test"},
                 "subject":"%s","text":"%s"}""".formatted(UUID.randomUUID(), email, subject, text);
    }

    private int codesMailedTo(String email) {
        return jdbc.sql("select count(*) from outbox where recipient = ? and headers ->> 'X-Temas-Kind' = 'portal-code'").param(email)
                .query(Integer.class).single();
    }

    private String latestCode(String email) {
        return code(jdbc.sql("""
                        select body from outbox where recipient = ? and headers ->> 'X-Temas-Kind' = 'portal-code'
                        order by created_at desc, id desc limit 1""").param(email).query(String.class).single());
    }

    private static String code(String body) {
        Matcher m = CODE.matcher(body);
        assertThat(m.find()).as(body).isTrue();
        return m.group(1);
    }

    private static String challenge(HttpResponse<String> page) {
        Matcher m = CHALLENGE.matcher(page.body());
        assertThat(m.find()).as("a code page").isTrue();
        return m.group(1);
    }

    /** The page without what differs by design: the address typed and the per-page form token. */
    private static String normalise(String page, String address) {
        return page.replace(address, "ADDRESS").replaceAll("name=\"_csrf\"\\s+value=\"[^\"]+\"", "CSRF")
                .replaceAll("name=\"challenge\"\\s+value=\"[^\"]+\"", "CHALLENGE");
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String clientAddress() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "10." + r.nextInt(1, 255) + "." + r.nextInt(1, 255) + "." + r.nextInt(1, 255);
    }

    /** A browser at one client address with a cookie jar the test can read and plant into. */
    private final class Customer {

        private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        private final String client;
        final Map<String, String> cookies = new LinkedHashMap<>();

        Customer(String client) {
            this.client = client;
        }

        HttpResponse<String> askCode(String address) {
            return post("/portal/my/code", Map.of("address", address), "/portal/my");
        }

        HttpResponse<String> signIn(String challenge, String code) {
            return post("/portal/my/sign-in", Map.of("challenge", challenge, "code", code), "/portal/my");
        }

        HttpResponse<String> get(String path) {
            return send(request(path).GET());
        }

        /** Opens {@code formPage} for a CSRF token (and its cookie), then posts the fields with it. */
        HttpResponse<String> post(String path, Map<String, String> fields, String formPage) {
            Matcher m = CSRF.matcher(get(formPage).body());
            assertThat(m.find()).as("a form on " + formPage).isTrue();
            Map<String, String> all = new LinkedHashMap<>(fields);
            all.put("_csrf", m.group(1));
            String form = all.entrySet().stream()
                    .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)));
        }

        HttpRequest.Builder request(String path) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("X-Forwarded-For", client).header("Accept-Language", "tr");
            if (!cookies.isEmpty()) {
                b.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; ")));
            }
            return b;
        }

        HttpResponse<String> send(HttpRequest.Builder request) {
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                for (String set : response.headers().allValues("Set-Cookie")) {
                    String pair = set.split(";", 2)[0];
                    int eq = pair.indexOf('=');
                    String name = pair.substring(0, eq).strip();
                    if (set.contains("Max-Age=0") || pair.substring(eq + 1).isEmpty()) {
                        cookies.remove(name);
                    } else {
                        cookies.put(name, pair.substring(eq + 1));
                    }
                }
                return response;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
