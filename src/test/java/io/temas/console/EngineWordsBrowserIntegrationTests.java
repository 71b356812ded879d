package io.temas.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.temas.support.Api;
import io.temas.support.Browser;
import io.temas.support.ChatVisitor;
import io.temas.support.Cti;
import io.temas.support.TemasIntegrationTest;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * No English sentence from the engine on a Turkish or Azerbaijani page. A customer is given a
 * history with many kinds of entries (messages, an acknowledgement with its promise, routing,
 * assignment, a reply, a merge, a callback, a call, a campaign answer); then Chromium, speaking
 * Turkish in Istanbul, Azerbaijani in Baku and English in London, reads the inbox, the
 * conversation, the customer, the board, search and the callbacks, and every line it sees is
 * checked against the English bundles (a line carrying a text only English has) and against the
 * engine's known English fragments.
 */
@TemasIntegrationTest
class EngineWordsBrowserIntegrationTests {

    private static final ZoneId ISTANBUL = ZoneId.of("Europe/Istanbul");

    /** What the engine used to write into pages in English. */
    private static final List<String> ENGINE_ENGLISH = List.of("no rule matched", " ahead", "agents online", "responses/h", "responses an hour",
            "promised by", "belongs to queue", "Routed to", "Acknowledged in", "Waiting in queue", "Assigned to ", "Reply by ",
            "Callback booked", "Missed call", "Call with", "Merged with customer", "opened via", "fallback queue", "open now",
            "quantile", "(nominal)", "(measured)", "new customer", "known customer", "merged by hand", "entry point");

    private static Browser chromium;

    @LocalServerPort
    int port;

    private Api api;

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void startBrowser() {
        chromium = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        chromium.close();
    }

    @BeforeEach
    void setUp() {
        api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
    }

    @Test
    void turkishAndAzerbaijaniPagesCarryNoEnglishFromTheEngine() {
        History history = history();
        Held held = held();
        List<String> pages = List.of("/console/inbox?view=all", "/console/conversations/" + history.conversationId(),
                "/console/customers/" + history.customerId(), "/console/supervisor", "/console/search?q=" + history.reference(),
                "/console/callbacks", "/console/campaigns", "/console/inbox?view=queue&queue=" + held.queueId(),
                "/console/supervisor?queue=" + held.queueId());

        List<String> english = new ArrayList<>();
        for (String[] viewer : new String[][] {{"tr", "tr-TR", "Europe/Istanbul"}, {"az", "az-AZ", "Asia/Baku"}}) {
            Set<String> englishOnly = englishOnly(viewer[0]);
            List<String> lines = read(viewer, pages, history);
            for (String line : lines) {
                ENGINE_ENGLISH.stream().filter(line::contains).findFirst()
                        .ifPresent(f -> english.add(viewer[0] + ": \"" + line + "\" (engine: " + f + ")"));
                englishOnly.stream().filter(line::contains).findFirst()
                        .ifPresent(f -> english.add(viewer[0] + ": \"" + line + "\" (bundle: " + f + ")"));
            }
            String all = String.join("\n", lines);
            String heldUntil = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(Locale.forLanguageTag(viewer[0]))
                    .withZone(ZoneId.of(viewer[2])).format(held.until());
            assertThat(all).as("a campaign's medium that is a channel is named as the reader names the channel")
                    .doesNotContainPattern("(?m)^(email|sms|voice|chat|webform): \\d+$");
            if (viewer[0].equals("tr")) {
                assertThat(all).as("the hold after an unassign, on the inbox and the board, in Istanbul's time")
                        .contains("diğer temsilcilere ayrıldı, bitiş " + heldUntil).containsPattern("E-posta: \\d+");
                assertThat(all).as("the routing reason, the promise and the history in Turkish")
                        .contains("fatura@ornek.com.tr giriş noktası").contains("kuyruğuna bağlı").contains("yanıt sözü")
                        .contains("saatte").contains("Geri arama ayarlandı").contains("müşterisiyle birleştirildi")
                        .contains("yanıtladı, alıcı:").contains("Cevapsız arama");
            } else {
                assertThat(all).as("the hold after an unassign, in Baku's time").contains("digər əməkdaşlara saxlanılıb, bitmə " + heldUntil);
                assertThat(all).as("the routing reason, the promise and the history in Azerbaijani")
                        .contains("fatura@ornek.com.tr giriş nöqtəsi").contains("cavab vədi").contains("Geri zəng təyin edildi")
                        .contains("müştərisi ilə birləşdirildi");
            }
        }
        assertThat(english).isEmpty();

        // English readers get English, from the same codes.
        String all = String.join("\n", read(new String[] {"en", "en-GB", "Europe/London"}, pages, history));
        assertThat(all).contains("no rule matched; entry point fatura@ornek.com.tr belongs to queue").contains("answer promised by")
                .contains("Callback booked").contains("held for others until ").containsPattern("E-mail: \\d+");
    }

    /** A conversation a supervisor took from its agent and left unassigned: held for the queue's others for a while. */
    private record Held(UUID queueId, Instant until) {
    }

    private Held held() {
        // In a queue of its own, so the inbox and the board show it first whatever else the database holds.
        String suffix = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000, 9_999_999));
        String queue = "Bekletme " + suffix;
        assertThat(api.post("/api/v1/queues", "{\"name\":\"" + queue + "\"}").status()).isEqualTo(201);
        String entryPoint = "bekletme-" + suffix + "@ornek.com.tr";
        assertThat(api.post("/api/v1/entry-points", "{\"address\":\"" + entryPoint + "\",\"channel\":\"email\",\"queue\":\"" + queue + "\"}")
                .status()).isEqualTo(201);
        Api.Response inbound = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"%s","externalId":"<w5-%s@example.com>",
                 "from":{"email":"tutulan-%s@example.com","name":"Tutulan %s"},"subject":"Bekletilen konu","text":"Merhaba."}"""
                .formatted(entryPoint, suffix, suffix, suffix));
        assertThat(inbound.status()).as(inbound.body()).isIn(200, 201);
        String id = inbound.text("/conversationId");
        UUID agent = jdbc.sql("select id from agents order by id limit 1").query(UUID.class).single();
        assertThat(api.post("/api/v1/conversations/" + id + "/assign", "{\"agentId\":\"" + agent + "\"}").status()).isEqualTo(200);
        Api.Response unassigned = api.post("/api/v1/conversations/" + id + "/assign", "{}");
        assertThat(unassigned.status()).as(unassigned.body()).isEqualTo(200);
        var row = jdbc.sql("select queue_id, held_until from conversations where id = ?::uuid")
                .param(id).query((rs, n) -> new Held(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant())).single();
        assertThat(row.until()).as("the unassigned conversation is held for others").isAfter(Instant.now());
        return row;
    }

    @Test
    void aChatHandedToAnAgentIsLabelledAndTimedInTheAgentsLanguage() {
        String queue = "Sözcük sohbet " + UUID.randomUUID();
        String entryPoint = "sozcuk-sohbet-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.post("/api/v1/queues", "{\"name\":\"" + queue + "\"}").status()).isEqualTo(201);
        assertThat(api.post("/api/v1/entry-points", "{\"address\":\"" + entryPoint + "\",\"channel\":\"chat\",\"queue\":\"" + queue + "\"}")
                .status()).isEqualTo(201);
        String conversationId;
        try (ChatVisitor visitor = new ChatVisitor(port, null)) {
            // The visitor's widget speaks English; the money matter sends the chat to a person.
            visitor.start("{\"entryPoint\":\"" + entryPoint + "\",\"language\":\"en\",\"name\":\"Chat Okur\"}");
            visitor.listen(0);
            visitor.say("Merhaba");
            visitor.await(e -> "bot".equals(e.path("from").asString()) && e.path("id").asLong() == 3);
            visitor.say("Para iadesi istiyorum");
            conversationId = visitor.await(ChatVisitor.type("handoff", null)).path("conversationId").asString();
        }
        assertThat(api.get("/api/v1/conversations/" + conversationId).json().at("/messages/0/text").asString())
                .as("the stored transcript stays as the visitor's language wrote it").contains("You: Merhaba");

        for (String[] viewer : new String[][] {{"tr", "tr-TR", "Europe/Istanbul", "Müşteri: ", "Asistan: "},
                {"az", "az-AZ", "Asia/Baku", "Müştəri: ", "Köməkçi: "}}) {
            BrowserContext context = chromium.context(viewer[1], viewer[2]);
            try {
                Page page = Browser.signIn(context, port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);
                page.navigate("http://localhost:" + port + "/console/inbox?lang=" + viewer[0]);
                page.navigate("http://localhost:" + port + "/console/conversations/" + conversationId);
                List<String> lines = page.locator(".chat-log > li").allInnerTexts();
                assertThat(lines).as(viewer[0]).anySatisfy(l -> assertThat(l).contains(viewer[3] + "Merhaba"))
                        .anySatisfy(l -> assertThat(l).contains(viewer[4]))
                        .anySatisfy(l -> assertThat(l).contains(viewer[3] + "Para iadesi istiyorum"))
                        .noneSatisfy(l -> assertThat(l).containsAnyOf("You: ", "Assistant: "));
                String first = page.locator(".chat-log > li time").first().getAttribute("datetime");
                String time = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(Locale.forLanguageTag(viewer[0]))
                        .withZone(ZoneId.of(viewer[2])).format(Instant.parse(first));
                assertThat(lines.getFirst()).as("the time in the reader's zone").startsWith(time);
            } finally {
                context.close();
            }
        }
    }

    /** Every visible line of the pages, read by a browser in this language and zone; dates checked to be in that zone. */
    private List<String> read(String[] viewer, List<String> pages, History history) {
        List<String> lines = new ArrayList<>();
        BrowserContext context = chromium.context(viewer[1], viewer[2]);
        try {
            Page page = Browser.signIn(context, port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);
            page.navigate("http://localhost:" + port + "/console/inbox?lang=" + viewer[0]);
            for (String path : pages) {
                page.navigate("http://localhost:" + port + path);
                assertThat(page.url()).as("still signed in").contains(path.replaceAll("\\?.*", ""));
                String text = (String) page.evaluate("document.body.innerText");
                Arrays.stream(text.split("\\R")).map(String::strip).filter(l -> !l.isEmpty()).forEach(lines::add);
                Browser.screenshot(page, "words-" + viewer[0] + "-" + path.replaceAll("^/console/|[/?].*$", ""));
            }
            // The promise on the conversation is shown in the reader's language and the zone their browser runs in.
            page.navigate("http://localhost:" + port + "/console/conversations/" + history.conversationId());
            String promised = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                    .withLocale(Locale.forLanguageTag(viewer[0])).withZone(ZoneId.of(viewer[2])).format(history.promisedBy());
            assertThat(page.locator("[data-promised-by]").innerText()).contains(promised);
        } finally {
            context.close();
        }
        return lines;
    }

    private record History(String customerId, String conversationId, String reference, Instant promisedBy) {
    }

    /** One customer with many kinds of timeline entries, made through the API and the CTI webhook. */
    private History history() {
        String suffix = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000, 9_999_999));
        String email = "sozcuk-" + suffix + "@example.com";
        String phone = Cti.phone();
        Api.Response first = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"fatura@ornek.com.tr","externalId":"<w1-%s@example.com>",
                 "from":{"email":"%s","phone":"%s","name":"Deniz Sözcük %s"},
                 "subject":"Faturamda fazla ücret var","text":"Merhaba, bu ay faturam yüksek geldi."}""".formatted(suffix, email, phone, suffix));
        assertThat(first.status()).as(first.body()).isIn(200, 201);
        String conversationId = first.text("/conversationId");
        String customerId = first.text("/customerId");
        Api.Response conversation = api.get("/api/v1/conversations/" + conversationId);
        String reference = conversation.text("/reference");
        Instant promisedBy = Instant.parse(conversation.text("/promisedBy"));

        Api.Response again = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"fatura@ornek.com.tr","externalId":"<w2-%s@example.com>",
                 "from":{"email":"%s","name":"Deniz Sözcük %s"},
                 "subject":"Ynt: Faturamda fazla ücret var [#%s]","text":"Ekte faturam var."}""".formatted(suffix, email, suffix, reference));
        assertThat(again.text("/conversationId")).isEqualTo(conversationId);

        Api.Response reply = api.post("/api/v1/conversations/" + conversationId + "/messages", """
                {"text":"Merhaba, faturanızı inceliyoruz."}""");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);

        Api.Response other = api.post("/api/v1/inbound", """
                {"channel":"sms","entryPoint":"+908502220000","externalId":"w3-%s","from":{"phone":"%s","name":"Deniz S."},
                 "text":"Faturam hakkında aradım"}""".formatted(suffix, Cti.phone()));
        Api.Response merged = api.post("/api/v1/customers/" + customerId + "/merge", """
                {"otherCustomerId":"%s"}""".formatted(other.text("/customerId")));
        assertThat(merged.status()).as(merged.body()).isEqualTo(201);

        Api.Response campaign = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"kampanya@ornek.com.tr","externalId":"<w4-%s@example.com>",
                 "from":{"email":"%s","name":"Deniz Sözcük %s"},"subject":"Kış kampanyası","text":"Kampanyayla ilgileniyorum."}"""
                .formatted(suffix, email, suffix));
        assertThat(campaign.status()).as(campaign.body()).isIn(200, 201);

        LocalDate day = LocalDate.now(ISTANBUL).plusDays(1);
        while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            day = day.plusDays(1);
        }
        Api.Response slots = api.get("/api/v1/callbacks/slots?date=" + day + "&entryPoint=%2B908502220000");
        var free = slots.json().get("slots");
        String slot = free.get(ThreadLocalRandom.current().nextInt(free.size())).get("start").asString();
        Api.Response booked = api.post("/api/v1/callbacks", """
                {"phone":"%s","slot":"%s","entryPoint":"+908502220000","note":"Fatura itirazı"}""".formatted(phone, slot));
        assertThat(booked.status()).as(booked.body()).isEqualTo(201);

        Cti cti = new Cti(port);
        String callId = "w-" + UUID.randomUUID();
        assertThat(cti.ringing(callId, phone, "9" + suffix.substring(0, 3)).status()).isEqualTo(201);
        assertThat(cti.ended(callId, 0, "NO_ANSWER", null).status()).isIn(200, 201, 204);
        return new History(customerId, conversationId, reference, promisedBy);
    }

    /**
     * The texts of the English bundles that the reader's language says otherwise, cut at their arguments: each piece of
     * two words or more and ten letters or more, which no page in that language should carry.
     */
    private static Set<String> englishOnly(String language) {
        Set<String> pieces = new LinkedHashSet<>();
        try {
            for (Resource english : new PathMatchingResourcePatternResolver().getResources("classpath*:i18n/*_en.properties")) {
                Properties en = load(english);
                Properties other = load(english.createRelative(english.getFilename().replace("_en.", "_" + language + ".")));
                for (String key : en.stringPropertyNames()) {
                    String value = en.getProperty(key);
                    if (value.equals(other.getProperty(key)) || value.contains("choice,")) {
                        continue;
                    }
                    for (String piece : value.replace("''", "'").split("\\{[^}]*}")) {
                        String p = piece.strip();
                        if (p.length() >= 10 && p.contains(" ") && !p.equals(other.getProperty(key))) {
                            pieces.add(p);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pieces;
    }

    private static Properties load(Resource resource) throws IOException {
        Properties properties = new Properties();
        if (resource.exists()) {
            try (var reader = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
        }
        return properties;
    }
}
