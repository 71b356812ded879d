package io.temas.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.customers.CustomerId;
import io.temas.customers.TimelineEntry;
import io.temas.routing.RoutingEngine;
import io.temas.routing.RoutingInput;
import io.temas.shared.ChannelType;
import io.temas.shared.Language;
import io.temas.shared.ReasonCode;
import io.temas.support.TemasIntegrationTest;
import jakarta.servlet.http.Cookie;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The engine's sentences as the console says them: a code's {@code #key} arguments in the reader's
 * language, {@code @instant} ones in the reader's language and zone, numbers as the language writes
 * them, nested codes and lists; routing reasons from the real engine; and the timeline's older
 * entries that have only an English summary.
 */
@TemasIntegrationTest
class EngineSentencesIntegrationTests {

    private static final Instant AT = Instant.parse("2026-12-02T14:45:00Z");

    @Autowired
    ConsoleFormat format;

    @Autowired
    TimelineTexts timeline;

    @Autowired
    RoutingEngine routing;

    @Autowired
    RefusalDetails refusals;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Autowired
    io.temas.conversations.Conversations conversations;

    @Autowired
    javax.sql.DataSource dataSource;

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    @AfterEach
    void forget() {
        LocaleContextHolder.resetLocaleContext();
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void aCodeWithKeyAndInstantArgumentsIsSaidInEachLanguageAndTheViewersZone() {
        ReasonCode booked = ReasonCode.of("timeline.callback.booked.detail", ReasonCode.key("callbacks.source.portal"), ReasonCode.at(AT),
                "+905421112233");

        viewer("tr", "Europe/Istanbul");
        assertThat(format.reason(booked, "english")).isEqualTo("Geri arama ayarlandı (yardım merkezi): 2 Ara 2026 17:45, +905421112233");
        viewer("az", "Asia/Baku");
        assertThat(format.reason(booked, "english")).startsWith("Geri zəng təyin edildi (yardım mərkəzi): ")
                .contains("18:45").endsWith(", +905421112233");
        viewer("en", "Europe/London");
        assertThat(format.reason(booked, "english")).startsWith("Callback booked (help centre) for ").contains("2:45")
                .endsWith(" on +905421112233");
    }

    @Test
    void textSomeoneSentIsShownAsWrittenEvenWhenItLooksLikeAKeyANumberOrANestedCode() {
        viewer("en", "Europe/Istanbul");
        for (String sent : List.of("%1e999999999", "#events.panel.title", "&events.refused.nul", "@2026-12-02T14:45:00Z", "\\x")) {
            assertThat(format.reason(ReasonCode.of("events.refused.field", ReasonCode.text(sent)), "english"))
                    .isEqualTo("Unknown field \"" + sent + "\" (known: type, at, sourceId, identifiers, attributes)");
        }
        // A number no sentence writes, however it got into a code, is shown as written rather than printed in full.
        assertThat(format.reason(ReasonCode.of("events.refused.line.long", "%1e999999999"), "english"))
                .isEqualTo("The line is longer than %1e999999999 characters");
    }

    @Test
    void aBrowserZoneNoJdkKnowsFallsBackToTheConsolesZone() {
        viewer("tr", "Mars/Olympus_Mons");
        assertThat(format.zone().getId()).isEqualTo("Europe/Istanbul");
        viewer("tr", "America/Argentina/Buenos_Aires");
        assertThat(format.zone().getId()).isEqualTo("America/Argentina/Buenos_Aires");
        assertThat(format.date(AT)).contains("11:45");
        viewer("tr", "Etc/GMT+3");
        assertThat(format.zone().getId()).isEqualTo("Etc/GMT+3");
        viewer("tr", "Asia%2FBaku");
        assertThat(format.zone().getId()).isEqualTo("Asia/Baku");
    }

    @Test
    void aPromiseIsOneSentenceInTheReadersLanguageWithNumbersAsItWritesThem() {
        ReasonCode promise = ReasonCode.of("timeline.ack.queued.detail", ReasonCode.key("kb.language.tr"), ReasonCode.at(AT))
                .then(List.of(ReasonCode.of("eta.basis.waiting", 0, 0, 2, ReasonCode.number(8.0), ReasonCode.key("eta.rate.nominal")),
                        ReasonCode.of("eta.quantile", ReasonCode.number(80)), ReasonCode.of("eta.openNow")));

        viewer("tr", "Europe/Istanbul");
        assertThat(format.reason(promise, "english")).isEqualTo("Türkçe onay gönderildi, yanıt sözü: 2 Ara 2026 17:45; bekliyor: önünde 0 konuşma, "
                + "çevrim içi 2 yetkin temsilcide yanıt bekleyen 0 konuşma, saatte 8,0 yanıt (varsayılan); "
                + "modellenen beklemenin yüzde 80 dilimi; şu an mesai saatinde");
        viewer("az", "Asia/Baku");
        assertThat(format.reason(promise, "english")).contains("saatda 8,0 cavab (nəzərdə tutulan)").contains("hazırda iş vaxtıdır")
                .doesNotContain("ahead").doesNotContain("responses");
        viewer("en", "Europe/Istanbul");
        assertThat(format.reason(promise, "english")).contains("2 qualified agents online, 8.0 responses an hour (nominal)")
                .endsWith("; open now");
    }

    @Test
    void routingSaysWhyInTheReadersLanguageAndKeepsItsEnglish() {
        var byEntryPoint = routing.decide(new RoutingInput(ChannelType.EMAIL, "fatura@ornek.com.tr", Language.TR, "Merhaba", "Bir sorum var",
                List.of(), false));
        var unknown = routing.decide(new RoutingInput(ChannelType.EMAIL, "nereye@example.com", Language.TR, "Merhaba", "Bir sorum var",
                List.of(), false));

        assertThat(byEntryPoint.reason()).startsWith("no rule matched; entry point fatura@ornek.com.tr belongs to queue ");
        viewer("tr", "Europe/Istanbul");
        assertThat(format.rule(byEntryPoint.rule())).isEqualTo("giriş noktası");
        assertThat(format.reason(byEntryPoint.why(), byEntryPoint.reason()))
                .startsWith("hiçbir kural uymadı; fatura@ornek.com.tr giriş noktası ").endsWith(" kuyruğuna bağlı");
        assertThat(format.reason(unknown.why(), unknown.reason())).startsWith("hiçbir kural uymadı ve nereye@example.com bir giriş noktası değil");
        viewer("az", "Asia/Baku");
        assertThat(format.reason(byEntryPoint.why(), byEntryPoint.reason())).startsWith("heç bir qayda uyğun gəlmədi; ");
        assertThat(format.rule(unknown.rule())).isEqualTo("ehtiyat növbə");
    }

    @Test
    void aConversationRoutedBeforeCodesGetsItsReasonReadBackFromItsEnglish() throws Exception {
        io.temas.support.Api api = new io.temas.support.Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        String conversationId = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"fatura@ornek.com.tr","externalId":"<old-%s@example.com>",
                 "from":{"email":"eski-%s@example.com"},"subject":"Eski fatura","text":"Eski bir konuşma"}"""
                .formatted(UUID.randomUUID(), UUID.randomUUID())).text("/conversationId");
        UUID id = UUID.fromString(conversationId);
        String english = conversations.get(id).routingReason();
        jdbc.sql("update conversations set routing_reason_key = null, routing_reason_args = null where id = ?").param(id).update();
        assertThat(conversations.get(id).routingWhy()).isNull();

        String migration = new String(new org.springframework.core.io.ClassPathResource("db/migration/V26__routing_reason_code.sql")
                .getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        try (var connection = dataSource.getConnection(); var sql = connection.createStatement()) {
            for (String statement : migration.replaceAll("(?m)^--.*$", "").split(";\\s*\\n")) {
                if (statement.strip().startsWith("update")) {
                    sql.executeUpdate(statement);
                }
            }
        }

        ReasonCode why = conversations.get(id).routingWhy();
        assertThat(why).isNotNull();
        viewer("tr", "Europe/Istanbul");
        assertThat(format.reason(why, english)).startsWith("hiçbir kural uymadı; fatura@ornek.com.tr giriş noktası ");
        viewer("en", "Europe/Istanbul");
        assertThat(format.reason(why, english)).isEqualTo(english);
    }

    @Test
    void aRulesConditionsAreSaidOneByOne() {
        ReasonCode why = ReasonCode.list(List.of(ReasonCode.of("routing.why.channel", ReasonCode.key("channel.email")),
                ReasonCode.of("routing.why.keyword", "fatura"), ReasonCode.of("routing.why.vip")));

        viewer("tr", "Europe/Istanbul");
        assertThat(format.reason(why, "english")).isEqualTo("kanal: E-posta; “fatura” geçiyor; müşteri VIP");
        viewer("en", "Europe/Istanbul");
        assertThat(format.reason(why, "english")).isEqualTo("channel is E-mail; mentions “fatura”; customer is VIP");
    }

    @Test
    void anArgumentThatOnlyLooksLikeAKeyOrAnInstantIsShownAsWritten() {
        viewer("tr", "Europe/Istanbul");
        assertThat(format.reason(ReasonCode.of("timeline.message.received.detail", "#kampanya"), "x")).isEqualTo("#kampanya");
        assertThat(format.reason(ReasonCode.of("timeline.message.received.detail", "@temas_destek"), "x")).isEqualTo("@temas_destek");
        assertThat(format.reason(ReasonCode.of("timeline.message.received.detail", "%50 indirim"), "x")).isEqualTo("%50 indirim");
        assertThat(format.reason(ReasonCode.of("no.such.key", "a"), "as it came")).isEqualTo("as it came");
    }

    @Test
    void anOlderEntryWithOnlyEnglishShowsItsTitleAloneToOtherLanguages() {
        TimelineEntry routed = entry("conversation.routed", "Routed to Fatura by entry point: no rule matched", null);
        TimelineEntry received = entry("message.received", "Faturam hatalı (joined T-1042: reply headers)", null);
        TimelineEntry coded = entry("conversation.waiting", "Waiting in queue: no qualified agent with spare capacity",
                ReasonCode.of("timeline.conversation.waiting.detail"));

        viewer("tr", "Europe/Istanbul");
        assertThat(timeline.summary(routed)).isEmpty();
        assertThat(timeline.summary(received)).isEqualTo("Faturam hatalı");
        assertThat(timeline.summary(coded)).isEqualTo("Kuyrukta bekliyor: boş kapasitesi olan yetkin temsilci yok");
        viewer("az", "Asia/Baku");
        assertThat(timeline.summary(routed)).isEmpty();
        assertThat(timeline.summary(coded)).startsWith("Növbədə gözləyir");
        viewer("en", "Europe/Istanbul");
        assertThat(timeline.summary(routed)).isEqualTo("Routed to Fatura by entry point: no rule matched");
        assertThat(timeline.summary(received)).isEqualTo("Faturam hatalı (joined T-1042: reply headers)");
    }

    @Test
    void aRefusalsDetailIsSaidFromItsCodeAndAnEnglishOnlyOneIsKeptFromAgentsReadingAnotherLanguage() {
        var pbx = new io.temas.calls.PbxUnavailable("Twilio refused the call: HTTP 503")
                .saying(ReasonCode.of("calls.pbx.refused", "Twilio", 503));
        var plain = new io.temas.shared.RefusedByRule("the agent does not serve this callback's queue");

        viewer("tr", "Europe/Istanbul");
        assertThat(detail(pbx, "/console/conversations/x")).isEqualTo("Twilio aramayı reddetti (HTTP 503)");
        assertThat(detail(plain, "/console/conversations/x")).isNull();
        assertThat(detail(plain, "/console/admin/telephony")).as("an administrator still sees what was wrong")
                .isEqualTo("the agent does not serve this callback's queue");
        viewer("az", "Asia/Baku");
        assertThat(detail(pbx, "/console/callbacks")).isEqualTo("Twilio zəngi rədd etdi (HTTP 503)");
        viewer("en", "Europe/Istanbul");
        assertThat(detail(plain, "/console/conversations/x")).isEqualTo("the agent does not serve this callback's queue");
    }

    /** The detail a page shows after the refusal was put on its model. */
    private String detail(RuntimeException refusal, String path) {
        org.springframework.ui.ExtendedModelMap model = new org.springframework.ui.ExtendedModelMap();
        RefusalDetails.show(model, refusal);
        org.springframework.web.servlet.ModelAndView page = new org.springframework.web.servlet.ModelAndView("console/conversation", model);
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        refusals.postHandle(request, new org.springframework.mock.web.MockHttpServletResponse(), null, page);
        return (String) page.getModel().get(RefusalDetails.DETAIL);
    }

    private static TimelineEntry entry(String kind, String summary, ReasonCode detail) {
        return new TimelineEntry(UUID.randomUUID(), new CustomerId(UUID.randomUUID()), AT, kind, "email", summary, null, null, detail);
    }

    /** A request from a browser in this language and zone. */
    private static void viewer(String language, String zone) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setCookies(new Cookie(ViewerZone.COOKIE, zone));
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
        LocaleContextHolder.setLocale(Locale.forLanguageTag(language));
    }
}
