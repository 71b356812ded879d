package io.temas.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.temas.channels.Outbox;
import io.temas.shared.ChannelType;
import io.temas.support.Api;
import io.temas.support.ChatVisitor;
import io.temas.support.Console;
import io.temas.support.TemasIntegrationTest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Surveys after resolution and reply ratings, end to end over HTTP on the real database: the
 * survey queued in the outbox by the resolution, links that record nothing when opened, one
 * answer per survey however often (and however simultaneously) the button is pressed, the quiet
 * period, opt-outs, the SMS digit, forged links, hostile comments, and the figures.
 */
@TemasIntegrationTest
class SurveyIntegrationTests {

    private static final Pattern SURVEY_LINK = Pattern.compile("https?://[^/\\s]+(/survey/s/[A-Za-z0-9_.-]+)\\?score=(\\d)");
    private static final Pattern RATING_LINK = Pattern.compile("https?://[^/\\s]+(/survey/r/[A-Za-z0-9_.-]+)/(yes|no)");

    @LocalServerPort
    int port;

    @Autowired
    Outbox outbox;

    @Autowired
    Surveys surveys;

    @Autowired
    SurveyPolicy policy;

    @Autowired
    JdbcClient jdbc;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
    }

    @Test
    void resolvingAnEmailConversationQueuesASurveyAndOnlyThePagesButtonRecordsIt() {
        String customer = unique("anket") + "@example.com";
        String conversation = emailConversation(customer);
        resolve(conversation);

        Outbox.Entry mail = survey(conversation);
        assertThat(mail.recipient()).isEqualTo(customer);
        assertThat(mail.sender()).isEqualTo("fatura@ornek.com.tr");
        assertThat(mail.headers()).containsEntry("Auto-Submitted", "auto-generated");
        JsonNode listed = api.get("/api/v1/outbox?limit=1000").json().at("/items");
        assertThat(listed.valueStream().anyMatch(e -> e.at("/id").asString().equals(mail.id().toString())
                && "survey".equals(e.at("/headers/X-Temas-Kind").asString()))).as("the survey is visible in the outbox").isTrue();
        Map<Integer, String> links = surveyLinks(mail.body());
        assertThat(links).containsOnlyKeys(1, 2, 3, 4, 5);
        Surveys.Survey row = surveys.ofConversation(UUID.fromString(conversation)).orElseThrow();
        assertThat(row.queueId()).as("the queue at resolution").isNotNull();
        assertThat(row.outboxId()).isEqualTo(mail.id());

        // A mail scanner follows every link: pages, nothing recorded.
        Console scanner = Console.anonymous(port);
        for (var link : links.entrySet()) {
            Console.Page page = scanner.get(link.getValue() + "?score=" + link.getKey());
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).contains("name=\"csat\"").contains("name=\"ces\"").contains("name=\"comment\"");
        }
        assertThat(surveys.find(row.id()).orElseThrow().answered()).as("opening links records nothing").isFalse();
        assertThat(scanner.get(links.get(4) + "?score=4").body()).containsPattern("value=\"4\"[^>]*checked");

        Console.Page answered = Console.anonymous(port).post(links.get(4), "",
                Map.of("csat", "4", "ces", "2", "comment", "Hızlı ve net bir yanıttı."));
        assertThat(answered.status()).isEqualTo(200);
        assertThat(answered.body()).contains("Yanıtınız kaydedildi");
        Surveys.Survey recorded = surveys.find(row.id()).orElseThrow();
        assertThat(recorded.csat()).isEqualTo(4);
        assertThat(recorded.ces()).isEqualTo(2);
        assertThat(recorded.comment()).isEqualTo("Hızlı ve net bir yanıttı.");
        assertThat(Console.signIn(port, "admin", TemasIntegrationTest.ADMIN_PASSWORD).get("/console/conversations/" + conversation).body())
                .as("the answer shows on the conversation").contains("id=\"survey-line\"").contains("Memnuniyet 4/5, kolaylık 2/7")
                .contains("Hızlı ve net bir yanıttı.");

        Console.Page again = Console.anonymous(port).post(links.get(1), "", Map.of("csat", "1", "ces", "7", "comment", "değiştir"));
        assertThat(again.body()).contains("zaten yanıtladınız");
        assertThat(surveys.find(row.id()).orElseThrow()).isEqualTo(recorded);
        assertThat(scanner.get(links.get(5) + "?score=5").body()).as("the link now says it was answered")
                .contains("zaten yanıtladınız").doesNotContain("name=\"csat\"");
    }

    @Test
    void twoPressesAtOnceRecordOneAnswer() throws Exception {
        String conversation = emailConversation(unique("yaris") + "@example.com");
        resolve(conversation);
        String link = surveyLinks(survey(conversation).body()).get(3);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Console.Page>> presses = List.of("5", "1").stream().map(score -> CompletableFuture.supplyAsync(() -> {
            try {
                start.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return Console.anonymous(port).post(link, "", Map.of("csat", score));
        })).toList();
        start.countDown();
        List<Console.Page> pages = presses.stream().map(CompletableFuture::join).toList();

        assertThat(pages).extracting(Console.Page::status).containsOnly(200);
        assertThat(pages).filteredOn(p -> p.body().contains("Yanıtınız kaydedildi")).hasSize(1);
        assertThat(pages).filteredOn(p -> p.body().contains("zaten yanıtladınız")).hasSize(1);
        int winner = pages.get(0).body().contains("Yanıtınız kaydedildi") ? 5 : 1;
        assertThat(surveys.ofConversation(UUID.fromString(conversation)).orElseThrow().csat()).isEqualTo(winner);
    }

    @Test
    void forgedAndMalformedLinksAreAPageSayingSoNeverAnError() {
        String conversation = emailConversation(unique("sahte") + "@example.com");
        resolve(conversation);
        String link = surveyLinks(survey(conversation).body()).get(5);
        String token = link.substring(link.lastIndexOf('/') + 1);
        String id = token.substring(0, token.indexOf('.'));
        String forged = id + "." + "A".repeat(22);
        Console customer = Console.anonymous(port);

        for (String path : List.of("/survey/s/" + forged, "/survey/s/nothing-here", "/survey/s/" + "x".repeat(500),
                "/survey/s/" + id + ".%00%FF", "/survey/r/" + token + "/yes")) {
            Console.Page page = customer.get(path);
            assertThat(page.status()).as(path).isIn(400, 404);
            assertThat(page.status()).as(path).isNotEqualTo(500);
        }
        Console.Page page = customer.get("/survey/s/" + forged);
        assertThat(page.body()).contains("Bu bağlantı geçerli değil");
        assertThat(customer.post("/survey/s/" + forged, "", Map.of("csat", "1")).status()).isEqualTo(404);
        assertThat(surveys.ofConversation(UUID.fromString(conversation)).orElseThrow().answered()).isFalse();
    }

    @Test
    void aCustomerIsAskedOnceWithinTheQuietPeriod() {
        String customer = unique("sessiz") + "@example.com";
        String first = emailConversation(customer);
        resolve(first);
        survey(first);
        String second = emailConversation(customer);
        assertThat(second).isNotEqualTo(first);
        resolve(second);

        assertThat(surveys.ofConversation(UUID.fromString(second))).isEmpty();
        assertThat(surveyEntries(second)).isEmpty();
    }

    @Test
    void doNotContactAndDoNotAskMeAgainAreRespectedAndTheAdminSetsTheQuietPeriod() {
        String blocked = unique("dnc") + "@example.com";
        String conversation = emailConversation(blocked);
        String customerId = api.get("/api/v1/conversations/" + conversation).text("/customerId");
        assertThat(api.post("/api/v1/customers/" + customerId + "/do-not-contact", "{\"channel\":\"email\",\"reason\":\"Müşteri istedi\"}")
                .status()).isEqualTo(201);
        resolve(conversation);
        assertThat(surveyEntries(conversation)).as("do-not-contact on e-mail").isEmpty();
        assertThat(surveys.ofConversation(UUID.fromString(conversation))).isEmpty();

        String withdrawn = emailConversation(unique("izin") + "@example.com");
        String withdrawnCustomer = api.get("/api/v1/conversations/" + withdrawn).text("/customerId");
        assertThat(api.post("/api/v1/customers/" + withdrawnCustomer + "/consents",
                "{\"channel\":\"email\",\"purpose\":\"service\",\"granted\":false,\"source\":\"çağrı merkezi\"}").status()).isEqualTo(201);
        resolve(withdrawn);
        assertThat(surveyEntries(withdrawn)).as("service messages refused on e-mail").isEmpty();

        Console admin = Console.signIn(port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);
        assertThat(admin.get("/console/admin/surveys").body()).contains("Sessiz dönem");
        try {
            Console.Page saved = admin.submit("/console/admin/surveys", "/console/admin/surveys",
                    Map.of("enabled", "on", "email", "on", "sms", "on", "chat", "on", "quietDays", "0", "smsWindowHours", "24"));
            assertThat(saved.status()).isEqualTo(302);
            assertThat(admin.get("/console/admin/surveys").body()).contains("value=\"0\"");

            String asker = unique("sorma") + "@example.com";
            String first = emailConversation(asker);
            resolve(first);
            String link = surveyLinks(survey(first).body()).get(2);
            assertThat(Console.anonymous(port).post(link, "", Map.of("csat", "2", "doNotAsk", "yes")).body())
                    .contains("Yanıtınız kaydedildi");
            String second = emailConversation(asker);
            resolve(second);
            assertThat(surveyEntries(second)).as("do not ask me again").isEmpty();

            String other = unique("tekrar") + "@example.com";
            String one = emailConversation(other);
            resolve(one);
            survey(one);
            String two = emailConversation(other);
            resolve(two);
            assertThat(surveyEntries(two)).as("with no quiet period, the same customer is asked again").hasSize(1);
        } finally {
            jdbc.sql("delete from survey_settings").update();
        }
    }

    @Test
    void aLoneDigitBySmsWithinTheWindowAnswersTheSmsSurveyAndIsStillStored() {
        String phone = "+90555" + String.format("%07d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 10_000_000));
        String conversation = api.post("/api/v1/inbound", """
                {"channel":"sms","entryPoint":"+908502220000","externalId":"%s","from":{"phone":"%s"},"text":"Faturam gelmedi"}"""
                .formatted(unique("sms"), phone)).text("/conversationId");
        resolve(conversation);
        Outbox.Entry text = survey(conversation);
        assertThat(text.channel().code()).isEqualTo("sms");
        assertThat(text.body()).contains("1").contains("5").contains(api.get("/api/v1/conversations/" + conversation).text("/reference"));

        api.post("/api/v1/inbound", """
                {"channel":"sms","entryPoint":"+908502220000","externalId":"%s","from":{"phone":"%s"},"text":"puanım 5"}"""
                .formatted(unique("sms"), phone));
        String digit = unique("sms");
        assertThat(api.post("/api/v1/inbound", """
                {"channel":"sms","entryPoint":"+908502220000","externalId":"%s","from":{"phone":"%s"},"text":" 4 "}"""
                .formatted(digit, phone)).status()).isLessThan(300);

        await().atMost(Duration.ofSeconds(20)).until(() -> surveys.ofConversation(UUID.fromString(conversation)).orElseThrow().answered());
        UUID customerId = surveys.ofConversation(UUID.fromString(conversation)).orElseThrow().customerId();
        assertThat(surveys.ofConversation(UUID.fromString(conversation)).orElseThrow().csat()).as("the lone digit, not the sentence").isEqualTo(4);
        assertThat(jdbc.sql("select count(*) from messages where external_id = ?").param(digit).query(Integer.class).single())
                .as("the digit is stored like any message").isEqualTo(1);

        String late = api.post("/api/v1/inbound", """
                {"channel":"sms","entryPoint":"+908502220000","externalId":"%s","from":{"phone":"%s"},"text":"Yeni bir sorum var"}"""
                .formatted(unique("sms"), phone)).text("/conversationId");
        jdbc.sql("update surveys set sent_at = now() - interval '60 days' where customer_id = ?").param(customerId).update();
        resolve(late);
        UUID lateSurvey = surveys.ofConversation(UUID.fromString(late)).orElseThrow().id();
        jdbc.sql("update surveys set sent_at = now() - interval '25 hours' where id = ?").param(lateSurvey).update();
        assertThat(surveys.smsReply(customerId, "5")).as("a digit after the 24-hour window is no answer").isFalse();
        assertThat(surveys.find(lateSurvey).orElseThrow().answered()).isFalse();
        jdbc.sql("update surveys set sent_at = now() - interval '23 hours' where id = ?").param(lateSurvey).update();
        assertThat(surveys.smsReply(customerId, "5")).as("within the window it is").isTrue();
        assertThat(surveys.find(lateSurvey).orElseThrow().csat()).isEqualTo(5);
    }

    @Test
    void controlCharactersAndOverlongCommentsAreRefusedClearlyAndRecordNothing() {
        String conversation = emailConversation(unique("nul") + "@example.com");
        resolve(conversation);
        String link = surveyLinks(survey(conversation).body()).get(4);
        Console customer = Console.anonymous(port);

        Console.Page nul = customer.post(link, "", Map.of("csat", "4", "comment", "iyi\u0000ama"));
        assertThat(nul.status()).isEqualTo(400);
        assertThat(nul.body()).contains("denetim karakteri").contains("name=\"csat\"");
        Console.Page longer = customer.post(link, "", Map.of("csat", "4", "comment", "ç".repeat(Surveys.COMMENT_LIMIT + 1)));
        assertThat(longer.status()).isEqualTo(400);
        assertThat(longer.body()).contains("en fazla 2000 karakter");
        Console.Page noScore = customer.post(link, "", Map.of("csat", "9"));
        assertThat(noScore.status()).isEqualTo(400);
        assertThat(noScore.body()).contains("1 ile 5 arasında");
        assertThat(surveys.ofConversation(UUID.fromString(conversation)).orElseThrow().answered()).isFalse();

        assertThat(customer.post(link, "", Map.of("csat", "4", "comment", "ç".repeat(Surveys.COMMENT_LIMIT))).status()).isEqualTo(200);
    }

    @Test
    void everyAgentMailCarriesRatingLinksThatRecordOnlyWhenPressedAndTheLatestPressCounts() {
        String customer = unique("oy") + "@example.com";
        String conversation = emailConversation(customer);
        Console ayse = Console.signIn(port, "ayse", TemasIntegrationTest.DEMO_PASSWORD);
        String answer = "Faturanız düzeltildi, " + UUID.randomUUID();
        assertThat(ayse.submit("/console/conversations/" + conversation, "/console/conversations/" + conversation + "/reply",
                Map.of("channel", "email", "text", answer)).status()).isEqualTo(302);
        Outbox.Entry reply = outbox.forConversation(UUID.fromString(conversation)).stream()
                .filter(e -> "reply".equals(e.headers().get("X-Temas-Kind"))).findFirst().orElseThrow();
        assertThat(reply.body()).startsWith(answer).contains("Bu yanıt işinize yaradı mı?");
        JsonNode stored = api.get("/api/v1/conversations/" + conversation).json().at("/messages").valueStream()
                .filter(m -> m.at("/id").asString().equals(reply.messageId().toString())).findFirst().orElseThrow();
        assertThat(stored.at("/text").asString()).as("agents see the reply as written").isEqualTo(answer);

        Matcher links = RATING_LINK.matcher(reply.body());
        Map<String, String> byChoice = new java.util.HashMap<>();
        while (links.find()) {
            byChoice.put(links.group(2), links.group(1));
        }
        assertThat(byChoice).containsOnlyKeys("yes", "no");
        Console reader = Console.anonymous(port);
        Console.Page yesPage = reader.get(byChoice.get("yes") + "/yes");
        assertThat(yesPage.status()).isEqualTo(200);
        assertThat(yesPage.body()).contains("Evet, işime yaradı").contains("value=\"yes\"");
        assertThat(reader.get(byChoice.get("no") + "/no").body()).contains("Hayır, işime yaramadı");
        assertThat(rating(reply.messageId())).as("opening the links records nothing").isNull();

        assertThat(reader.post(byChoice.get("yes"), "", Map.of("helpful", "yes")).body()).contains("Değerlendirmeniz kaydedildi");
        assertThat(rating(reply.messageId())).isTrue();
        reader.post(byChoice.get("no"), "", Map.of("helpful", "no"));
        assertThat(rating(reply.messageId())).as("the latest press counts").isFalse();
        assertThat(jdbc.sql("select count(*) from reply_ratings where message_id = ?").param(reply.messageId()).query(Integer.class).single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select agent_id is not null from reply_ratings where message_id = ?").param(reply.messageId())
                .query(Boolean.class).single()).as("counted for the agent who wrote it").isTrue();

        String page = ayse.get("/console/conversations/" + conversation).body();
        assertThat(page).containsPattern("class=\"badge reply-rating[^\"]*\" data-helpful=\"false\"").contains("İşine yaramadı");
        String board = Console.signIn(port, "admin", TemasIntegrationTest.ADMIN_PASSWORD).get("/console/supervisor").body();
        assertThat(board).contains("helpful-share").containsPattern("Ayşe Yılmaz</span>[\\s\\S]*?%\\d+ işe yaradı");
    }

    @Test
    void theSatisfactionReportCountsAnswersAndRefusesBadInput() {
        String today = LocalDate.now().toString();
        String range = "/api/v1/reports/satisfaction?from=" + LocalDate.now().minusDays(1) + "&to=" + LocalDate.now().plusDays(1);
        JsonNode before = api.get(range).json();
        String conversation = emailConversation(unique("rapor") + "@example.com");
        resolve(conversation);
        String link = surveyLinks(survey(conversation).body()).get(5);
        Console.anonymous(port).post(link, "", Map.of("csat", "5", "ces", "1"));

        Api.Response after = api.get(range);
        assertThat(after.status()).isEqualTo(200);
        JsonNode figures = after.json();
        assertThat(figures.at("/responses").asLong()).isEqualTo(before.at("/responses").asLong() + 1);
        assertThat(figures.at("/sent").asLong()).isGreaterThanOrEqualTo(before.at("/sent").asLong() + 1);
        assertThat(figures.at("/csat").asDouble()).isBetween(0.0, 100.0);
        assertThat(figures.at("/csatAverage").asDouble()).isBetween(1.0, 5.0);
        assertThat(figures.at("/ces").asDouble()).isBetween(1.0, 7.0);
        assertThat(figures.has("helpfulShare")).isTrue();
        String queue = surveys.ofConversation(UUID.fromString(conversation)).orElseThrow().queueId().toString();
        assertThat(api.get(range + "&queue=" + queue).json().at("/responses").asLong()).isPositive();
        assertThat(api.get(range + "&queue=" + UUID.randomUUID()).json().at("/responses").asLong()).isZero();

        for (String bad : List.of("?from=2026-13-01&to=" + today, "?from=" + today + "&to=2020-01-01", "?from=2020-01-01&to=2026-01-01",
                "?from=" + today + "&to=" + today + "&queue=fatura", "?to=" + today)) {
            Api.Response refused = api.get("/api/v1/reports/satisfaction" + bad);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.contentType()).as(bad).startsWith("application/problem+json");
        }
        assertThat(api.get("/v3/api-docs").body()).contains("/api/v1/reports/satisfaction").contains("share of answers scoring 4 or 5");
    }

    @Test
    void theSurveySpeaksTheCustomersLanguage() {
        for (var language : Map.of("en", List.of("How did we do?", "How satisfied are you with the service you got?"),
                "az", List.of("Sizə necə kömək etdik?", "Aldığınız xidmətdən nə dərəcədə razı qaldınız?")).entrySet()) {
            Api.Response inbound = api.post("/api/v1/inbound", """
                    {"channel":"email","entryPoint":"fatura@ornek.com.tr","externalId":"<%s@example.com>","from":{"email":"%s@example.com"},
                     "subject":"Invoice","text":"My invoice is wrong","language":"%s"}""".formatted(unique("hdr"), unique("dil"), language.getKey()));
            String conversation = inbound.text("/conversationId");
            resolve(conversation);
            Outbox.Entry mail = survey(conversation);
            assertThat(mail.subject()).contains(language.getValue().get(0));
            Console.Page page = Console.anonymous(port).get(surveyLinks(mail.body()).get(3) + "?score=3");
            assertThat(page.body()).contains("lang=\"" + language.getKey() + "\"").contains(language.getValue().get(1));
        }
    }

    @Test
    void aChatsInlineRatingIsTheSurveyOfTheChat() {
        try (ChatVisitor visitor = new ChatVisitor(port, null)) {
            visitor.start("{\"entryPoint\":\"web-sohbet\",\"name\":\"Can Sohbet\",\"email\":\"" + unique("sohbet") + "@example.com\"}");
            visitor.listen(0);
            visitor.say("Merhaba");
            visitor.await(e -> "bot".equals(e.path("from").asString()) && e.path("id").asLong() == 3);
            visitor.say("Para iadesi istiyorum");
            String conversation = visitor.await(ChatVisitor.type("handoff", null)).path("conversationId").asString();
            resolve(conversation);
            Surveys.Survey row = surveys.ofConversation(UUID.fromString(conversation)).orElseThrow();
            assertThat(row.channel().code()).isEqualTo("chat");
            assertThat(row.outboxId()).as("the widget's own rating asks; nothing is sent").isNull();
            assertThat(surveyEntries(conversation)).isEmpty();

            assertThat(visitor.post("/chat/v1/sessions/" + visitor.sessionId + "/end", "{}", visitor.token).status()).isIn(200, 202, 204, 409);
            assertThat(visitor.post("/chat/v1/sessions/" + visitor.sessionId + "/rating", "{\"score\":5,\"comment\":\"Çok yardımcı oldunuz\"}",
                    visitor.token).status()).isEqualTo(204);
            Surveys.Survey answered = surveys.find(row.id()).orElseThrow();
            assertThat(answered.csat()).isEqualTo(5);
            assertThat(answered.comment()).isEqualTo("Çok yardımcı oldunuz");
        }
    }

    @Test
    void aWebFormConversationIsSurveyedByMailToTheAddressTheFormLeftUnlessTheAdminTurnedWebFormsOff() {
        String customer = unique("form") + "@example.com";
        String conversation = webformConversation(customer);
        resolve(conversation);

        Outbox.Entry mail = survey(conversation);
        assertThat(mail.channel()).isEqualTo(ChannelType.EMAIL);
        assertThat(mail.recipient()).isEqualTo(customer);
        assertThat(mail.sender()).as("one of our mailboxes").contains("@");
        assertThat(surveyLinks(mail.body())).containsOnlyKeys(1, 2, 3, 4, 5);
        assertThat(surveys.ofConversation(UUID.fromString(conversation)).orElseThrow().channel()).isEqualTo(ChannelType.EMAIL);

        try {
            policy.save(true, true, true, true, false, 30, 24, "test");
            String off = webformConversation(unique("kapali") + "@example.com");
            resolve(off);
            assertThat(surveyEntries(off)).as("web forms turned off").isEmpty();
        } finally {
            jdbc.sql("delete from survey_settings").update();
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private String webformConversation(String customer) {
        Api.Response inbound = api.post("/api/v1/inbound", """
                {"channel":"webform","entryPoint":"web-iletisim","externalId":"%s","from":{"email":"%s"},"subject":"Kargo","text":"Kargom nerede?"}"""
                .formatted(unique("form"), customer));
        assertThat(inbound.status()).as(inbound.body()).isLessThan(300);
        return inbound.text("/conversationId");
    }

    private String emailConversation(String customer) {
        Api.Response inbound = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"fatura@ornek.com.tr","externalId":"<%s@example.com>","from":{"email":"%s"},
                 "subject":"Fatura sorusu %s","text":"Faturamda bir hata var"}""".formatted(unique("hdr"), customer, unique("k")));
        assertThat(inbound.status()).as(inbound.body()).isLessThan(300);
        return inbound.text("/conversationId");
    }

    private void resolve(String conversation) {
        Api.Response resolved = api.post("/api/v1/conversations/" + conversation + "/status", "{\"status\":\"resolved\"}");
        assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
    }

    private List<Outbox.Entry> surveyEntries(String conversation) {
        return outbox.forConversation(UUID.fromString(conversation)).stream().filter(e -> "survey".equals(e.headers().get("X-Temas-Kind")))
                .toList();
    }

    private Outbox.Entry survey(String conversation) {
        List<Outbox.Entry> entries = surveyEntries(conversation);
        assertThat(entries).as("one survey queued with the resolution").hasSize(1);
        return entries.getFirst();
    }

    private static Map<Integer, String> surveyLinks(String body) {
        Map<Integer, String> links = new java.util.TreeMap<>();
        Matcher m = SURVEY_LINK.matcher(body);
        while (m.find()) {
            links.put(Integer.parseInt(m.group(2)), m.group(1));
        }
        return links;
    }

    private Boolean rating(UUID messageId) {
        return jdbc.sql("select helpful from reply_ratings where message_id = ?").param(messageId).query(Boolean.class).optional().orElse(null);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
