package io.temas.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.campaigns.Audience;
import io.temas.campaigns.CampaignMessages;
import io.temas.campaigns.Campaigns;
import io.temas.channels.Outbox;
import io.temas.customers.CustomerId;
import io.temas.customers.IdentityResolver;
import io.temas.shared.ChannelType;
import io.temas.shared.Identifier;
import io.temas.shared.Language;
import io.temas.support.Api;
import io.temas.support.Console;
import io.temas.support.Consenting;
import io.temas.support.TemasIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The campaign screens as a supervisor and an agent use them through the console's forms: create
 * and edit, entry points, the audience with its preview, the dry run, the confirmation (pressed
 * twice at once, it sends once) and the report; and every refusal as a message in the page.
 */
@TemasIntegrationTest
class CampaignScreensIntegrationTests {

    private static final AtomicLong PHONES = new AtomicLong(2_400_000);
    private static final Pattern CAMPAIGN = Pattern.compile("/console/campaigns/([0-9a-f-]{36})$");
    private static final Pattern SEND = Pattern.compile("/console/campaigns/[0-9a-f-]{36}/sends/([0-9a-f-]{36})$");

    @LocalServerPort
    int port;

    @Autowired
    io.temas.campaigns.Consents consents;

    @Autowired
    IdentityResolver identities;

    @Autowired
    Campaigns campaigns;

    @Autowired
    io.temas.customers.Customers customers;

    @Autowired
    CampaignMessages messages;

    @Autowired
    Outbox outbox;

    @Autowired
    io.temas.campaigns.Suppression suppression;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    Api api;
    Console selin;

    @BeforeEach
    void setUp() {
        api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        // Tests must not depend on the hour they run at: no quiet hours, no caps.
        for (String channel : List.of("sms", "email", "voice")) {
            assertThat(api.put("/api/v1/contact-rules/" + channel, "{\"quietFrom\":null,\"quietTo\":null,\"cap\":null}").status()).isEqualTo(200);
        }
        selin = Console.signIn(port, "selin", TemasIntegrationTest.DEMO_PASSWORD);
    }

    @Test
    void aSupervisorCreatesACampaignWithItsMessagesAndAudience() {
        CustomerId a = customer("Ekran Bir");
        CustomerId b = customer("Ekran İki");
        String code = code();
        Console.Page created = selin.submit("/console/campaigns/new", "/console/campaigns", campaignFields("Bahar " + code, code, "running",
                Map.of("customers", a.value() + "\n" + b.value(), "vip", "no")));
        assertThat(created.status()).as(created.body()).isEqualTo(302);
        UUID id = id(CAMPAIGN, created.location());

        assertThat(campaigns.get(id).name()).isEqualTo("Bahar " + code);
        assertThat(campaigns.get(id).channels()).containsExactly(ChannelType.SMS);
        Audience target = campaigns.target(id).orElseThrow();
        assertThat(target.customerIds()).containsExactlyInAnyOrder(a.value(), b.value());
        assertThat(target.vip()).isFalse();
        assertThat(messages.of(id, ChannelType.SMS).orElseThrow().text()).isEqualTo("Bahar fırsatı " + code);

        Console.Page page = selin.get(path(created.location()));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Kampanya oluşturuldu.", "Bahar " + code, "Bahar fırsatı " + code, "Ekran Bir", "Ekran İki");
    }

    @Test
    void anotherScreenHandsCustomerIdsToTheNewCampaignFormByLinkOrByPost() {
        CustomerId a = customer("Geri Kazan Bir");
        CustomerId b = customer("Geri Kazan İki");

        Console.Page linked = selin.get("/console/campaigns/new?customers=" + a.value() + "," + b.value());
        assertThat(linked.status()).isEqualTo(200);
        assertThat(linked.body()).contains(a.value().toString(), b.value().toString(), "Geri Kazan Bir", "Geri Kazan İki");
        assertThat(previewCount(linked.body())).isEqualTo(2);

        Console.Page posted = selin.submit("/console/campaigns", "/console/campaigns/new",
                List.of(Map.entry("customerId", a.value().toString()), Map.entry("customerId", b.value().toString())));
        assertThat(posted.status()).isEqualTo(200);
        assertThat(posted.body()).contains(a.value().toString(), b.value().toString());
        assertThat(previewCount(posted.body())).isEqualTo(2);

        Console.Page bad = selin.get("/console/campaigns/new?customers=not-an-id");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("Listedeki bir müşteri kimliği geçerli değil.");
    }

    @Test
    void theLivePreviewCountsAndNamesTheAudience() {
        String segment = "ekran-" + code().toLowerCase();
        CustomerId a = customer("Önizleme Bir");
        CustomerId b = customer("Önizleme İki");
        customer("Önizleme Dışarıda");
        for (CustomerId c : List.of(a, b)) {
            var profile = customers.get(c);
            customers.update(c, profile.displayName(), profile.language(), profile.vip(), List.of(segment));
        }

        Console.Page preview = selin.submitHtmx("/console/campaigns/new", "/console/campaigns/audience/preview", Map.of("segments", segment));
        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.body()).doesNotContain("<html").contains("id=\"audience-preview\"", "Önizleme Bir", "Önizleme İki")
                .doesNotContain("Önizleme Dışarıda");
        assertThat(previewCount(preview.body())).isEqualTo(2);

        Console.Page nobody = selin.submitHtmx("/console/campaigns/new", "/console/campaigns/audience/preview",
                Map.of("segments", segment, "excludeSegments", segment));
        assertThat(previewCount(nobody.body())).isZero();
        assertThat(nobody.body()).contains("Bu kurallara uyan kimse yok.");

        Console.Page bad = selin.submitHtmx("/console/campaigns/new", "/console/campaigns/audience/preview", Map.of("notContactedDays", "abc"));
        assertThat(bad.status()).isEqualTo(200);
        assertThat(bad.body()).contains("Gün sayısı 0 ile 3650 arasında bir tam sayı olmalı.");
    }

    @Test
    void refusalsAreMessagesInThePageNeverAServerError() {
        String code = code();
        Console.Page noName = selin.submit("/console/campaigns/new", "/console/campaigns", campaignFields(" ", code, "running", Map.of()));
        assertThat(noName.status()).isEqualTo(422);
        assertThat(noName.body()).contains("Kampanyaya bir ad verin.", "value=\"" + code + "\"");

        Map<String, String> backwards = campaignFields("Ters " + code, code, "running", Map.of());
        backwards.put("startsAt", "2026-06-01T10:00");
        backwards.put("endsAt", "2026-05-01T10:00");
        Console.Page badDates = selin.submit("/console/campaigns/new", "/console/campaigns", backwards);
        assertThat(badDates.status()).isEqualTo(422);
        assertThat(badDates.body()).contains("Kampanya başladıktan sonra bitmeli.");

        Map<String, String> unreadable = campaignFields("Okunmaz " + code, code, "running", Map.of());
        unreadable.put("startsAt", "yarın");
        assertThat(selin.submit("/console/campaigns/new", "/console/campaigns", unreadable).body()).contains("Bir tarih okunamadı.");

        UUID id = created(code, "running", Map.of());
        Console.Page taken = selin.submit("/console/campaigns/new", "/console/campaigns", campaignFields("Aynı kod", code, "running", Map.of()));
        assertThat(taken.status()).isEqualTo(422);
        assertThat(taken.body()).contains("başka bir kampanyada kullanılıyor");

        Console.Page unknown = selin.submit("/console/campaigns/" + id, "/console/campaigns/" + id + "/entry-points",
                Map.of("address", "+90 850 000 00 " + (10 + (int) (PHONES.incrementAndGet() % 89)), "kind", "", "medium", "gazete"));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.body()).contains("Bu numara ya da adres giriş noktalarımızdan biri değil");

        Console.Page nobody = selin.submit("/console/campaigns/" + id, "/console/campaigns/" + id + "/audience",
                Map.of("customers", UUID.randomUUID().toString()));
        assertThat(nobody.status()).isEqualTo(422);
        assertThat(nobody.body()).contains("Bu hedef kitle kimseyi seçmiyor");
        assertThat(campaigns.target(id)).isEmpty();

        campaigns.target(id, new Audience(null, null, null, null, null, null, null, null, List.of(UUID.randomUUID())));
        Console.Page dryNobody = selin.submit("/console/campaigns/" + id, "/console/campaigns/" + id + "/sends", Map.of("channel", "sms"));
        assertThat(dryNobody.status()).isEqualTo(422);
        assertThat(dryNobody.body()).contains("Bu hedef kitle kimseyi seçmiyor");

        Console.Page noMessage = selin.submit("/console/campaigns/" + id, "/console/campaigns/" + id + "/sends", Map.of("channel", "email"));
        assertThat(noMessage.status()).isEqualTo(422);
        assertThat(noMessage.body()).contains("Kampanyanın bu kanal için mesajı yok");
    }

    @Test
    void entryPointsOfOursAreAddedAndRemovedAndBelongToOneCampaign() {
        String address = "kampanya-" + code().toLowerCase() + "@ornek.com.tr";
        assertThat(api.post("/api/v1/entry-points", "{\"address\":\"" + address + "\",\"queue\":\"Genel\"}").status()).isEqualTo(201);
        UUID first = created(code(), "running", Map.of());
        UUID second = created(code(), "running", Map.of());

        Console.Page added = selin.submit("/console/campaigns/" + first, "/console/campaigns/" + first + "/entry-points",
                Map.of("address", address.toUpperCase(), "kind", "", "medium", "billboard"));
        assertThat(added.status()).as(added.body()).isEqualTo(302);
        assertThat(campaigns.get(first).entryPoints()).singleElement()
                .satisfies(e -> assertThat(e).extracting("address", "kind", "medium").containsExactly(address, "email", "billboard"));
        assertThat(campaigns.byEntryPoint(address)).get().extracting("id").isEqualTo(first);
        assertThat(selin.get("/console/campaigns/" + first).body()).contains("Giriş noktası eklendi.", address);

        Console.Page twice = selin.submit("/console/campaigns/" + second, "/console/campaigns/" + second + "/entry-points",
                Map.of("address", address, "kind", "", "medium", ""));
        assertThat(twice.status()).isEqualTo(422);
        assertThat(twice.body()).contains("başka bir kampanyada kullanılıyor");

        Console.Page keyword = selin.submit("/console/campaigns/" + second, "/console/campaigns/" + second + "/entry-points",
                Map.of("address", "BAHAR" + code(), "kind", "keyword", "medium", "radyo"));
        assertThat(keyword.status()).as(keyword.body()).isEqualTo(302);

        Console.Page removed = selin.submit("/console/campaigns/" + first, "/console/campaigns/" + first + "/entry-points/remove",
                Map.of("address", address));
        assertThat(removed.status()).isEqualTo(302);
        assertThat(campaigns.get(first).entryPoints()).isEmpty();
        assertThat(selin.submit("/console/campaigns/" + first, "/console/campaigns/" + first + "/entry-points/remove",
                Map.of("address", address)).status()).isEqualTo(302);
        assertThat(selin.get("/console/campaigns/" + first).body()).contains("Bu numara ya da adres giriş noktalarımızdan biri değil");
    }

    @Test
    void editingChangesTheCampaignAndItsMessagesAndTheStateButtonStartsIt() {
        String code = code();
        UUID id = created(code, "draft", Map.of());
        Console.Page form = selin.get("/console/campaigns/" + id + "/edit");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("value=\"" + code + "\"", "Bahar fırsatı " + code);

        Map<String, String> fields = campaignFields("Yaz " + code, code, "draft", Map.of());
        fields.put("emailSubject", "Yaz fırsatı");
        fields.put("emailText", "Ayrıntılar: {link}");
        fields.put("emailLink", "https://ornek.com.tr/yaz");
        fields.put("startsAt", "2026-06-01T09:00");
        Console.Page saved = selin.submit("/console/campaigns/" + id + "/edit", "/console/campaigns/" + id + "/edit", fields);
        assertThat(saved.status()).as(saved.body()).isEqualTo(302);
        assertThat(campaigns.get(id).name()).isEqualTo("Yaz " + code);
        assertThat(campaigns.get(id).startsAt()).isNotNull();
        assertThat(messages.of(id, ChannelType.EMAIL).orElseThrow().link()).isEqualTo("https://ornek.com.tr/yaz");

        fields.put("emailLink", "");
        Console.Page noLink = selin.submit("/console/campaigns/" + id + "/edit", "/console/campaigns/" + id + "/edit", fields);
        assertThat(noLink.status()).isEqualTo(422);
        assertThat(noLink.body()).contains("Bağlantı http:// ya da https:// ile başlamalı");

        assertThat(selin.submit("/console/campaigns/" + id, "/console/campaigns/" + id + "/status", Map.of("status", "running")).status())
                .isEqualTo(302);
        assertThat(campaigns.get(id).status().code()).isEqualTo("running");
    }

    @Test
    void theDryRunSaysWhoIsHeldBackAndWhyAndTwoConfirmationsAtOnceSendOnce() throws Exception {
        CustomerId reachable = customer("Gönderim Alıcı");
        CustomerId refusing = customer("Gönderim Ret");
        CustomerId mailOnly = new CustomerId(identities.resolve(List.of(Identifier.email("ekran-" + code().toLowerCase() + "@example.com")),
                "Gönderim Postacı", Language.TR).customerId().value());
        CustomerId onlyWroteToSupport = unconsented("Gönderim İzinsiz");
        assertThat(api.post("/api/v1/customers/" + refusing.value() + "/do-not-contact", "{\"reason\":\"istemiyor\"}").status()).isEqualTo(201);
        String code = code();
        UUID id = created(code, "running", Map.of("customers", reachable.value() + "," + refusing.value() + "," + mailOnly.value()
                + "," + onlyWroteToSupport.value()));

        Console.Page planned = selin.submit("/console/campaigns/" + id, "/console/campaigns/" + id + "/sends", Map.of("channel", "sms"));
        assertThat(planned.status()).as(planned.body()).isEqualTo(302);
        String sendPage = path(planned.location());
        UUID sendId = id(SEND, sendPage);
        Console.Page dryRun = selin.get(sendPage);
        assertThat(figure(dryRun.body(), "audience")).isEqualTo(4);
        assertThat(figure(dryRun.body(), "allowed")).isEqualTo(1);
        assertThat(figure(dryRun.body(), "held")).isEqualTo(3);
        assertThat(dryRun.body()).contains("İletişime geçilmeyecekler listesinde", "SMS gönderilebilecek telefon numarası yok",
                "Kayıtlı ticari ileti izni yok", "Bahar fırsatı " + code);
        assertThat(selin.get(sendPage + "?lang=en").body()).contains("No recorded consent to commercial messages");
        assertThat(selin.get(sendPage + "?lang=az").body()).contains("Qeydə alınmış kommersiya mesajı razılığı yoxdur");
        selin.get(sendPage + "?lang=tr");
        assertThat(outboxTo(id)).isEmpty();

        Console.Page confirmation = selin.get(sendPage + "/confirm");
        assertThat(confirmation.status()).isEqualTo(200);
        assertThat(confirmation.body()).contains("1 SMS mesajı şimdi gönderilsin mi? 3 müşteri dışarıda kalıyor", "Evet, 1 mesajı gönder");

        String csrf = confirmation.csrf();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Console.Page>> presses = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                Callable<Console.Page> press = () -> {
                    start.await();
                    return selin.post(sendPage + "/confirm", csrf, Map.of());
                };
                presses.add(pool.submit(press));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            List<String> bodies = new ArrayList<>();
            for (Future<Console.Page> press : presses) {
                Console.Page answer = press.get();
                statuses.add(answer.status());
                bodies.add(answer.body());
            }
            assertThat(statuses).containsExactlyInAnyOrder(302, 409);
            assertThat(bodies.get(statuses.indexOf(409))).contains("Bu gönderim zaten yapıldı; yeniden gönderilmedi.");
        } finally {
            pool.shutdownNow();
        }
        assertThat(outboxTo(id)).singleElement().satisfies(e -> assertThat(e.body()).isEqualTo("Bahar fırsatı " + code));

        Console.Page sent = selin.get(sendPage);
        assertThat(sent.body()).contains("1 mesaj gönderim sırasına alındı.", "selin");
        Console.Page again = selin.post(sendPage + "/confirm", sent.csrf(), Map.of());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()).contains("Bu gönderim zaten yapıldı");
        assertThat(selin.get(sendPage + "/confirm").location()).endsWith("/sends/" + sendId);
        assertThat(outboxTo(id)).hasSize(1);

        Console.Page report = selin.get("/console/campaigns/" + id + "/report");
        assertThat(report.status()).isEqualTo(200);
        assertThat(report.body()).contains("id=\"campaign-funnel\"", "echarts.common.min.js",
                "data-labels=\"Gönderilen|Teslim edilen|Tıklanan|Yanıt veren|Kabul eden\"");
        assertThat(report.body()).containsPattern("data-channel=\"sms\">\\s*<th[^>]*>SMS</th>\\s*<td class=\"num\">1</td>");
    }

    @Test
    void theReportCountsEachStageAndWhatWentFurtherPerChannel() {
        UUID id = created(code(), "running", Map.of());
        CustomerId clicked = customer("Rapor Tıklayan");
        CustomerId delivered = customer("Rapor Teslim");
        CustomerId sent = customer("Rapor Gönderilen");
        CustomerId failed = customer("Rapor Başarısız");
        contact(id, clicked, "email", "clicked");
        contact(id, delivered, "sms", "delivered");
        contact(id, sent, "sms", "sent");
        contact(id, failed, "sms", "failed");
        respond(id, clicked, "accepted");
        respond(id, delivered, "interested");

        Console.Page report = selin.get("/console/campaigns/" + id + "/report");
        assertThat(report.status()).isEqualTo(200);
        // All: 4 queued; sent 3 (sent, delivered, clicked), delivered 2, clicked 1, responded 2, accepted 1.
        assertThat(report.body()).contains("data-values=\"3|2|1|2|1\"");
        assertThat(stages(report.body(), "all")).containsExactly(3, 2, 1, 2, 1);
        assertThat(stages(report.body(), "sms")).containsExactly(2, 1, 0, 1, 0);
        assertThat(stages(report.body(), "email")).containsExactly(1, 1, 1, 1, 1);
    }

    @Test
    void aCampaignThatIsNotRunningIsNotSentAndSaysSo() {
        CustomerId reachable = customer("Taslak Alıcı");
        UUID id = created(code(), "draft", Map.of("customers", reachable.value().toString()));
        Console.Page planned = selin.submit("/console/campaigns/" + id, "/console/campaigns/" + id + "/sends", Map.of("channel", "sms"));
        assertThat(planned.status()).isEqualTo(302);
        Console.Page confirmation = selin.get(path(planned.location()) + "/confirm");
        Console.Page refused = selin.post(path(planned.location()) + "/confirm", confirmation.csrf(), Map.of());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("Kampanya yürürlükte değil");
        assertThat(outboxTo(id)).isEmpty();
    }

    @Test
    void everyScreenSpeaksTurkishAzerbaijaniAndEnglish() {
        CustomerId reachable = customer("Dil Alıcı");
        UUID id = created(code(), "running", Map.of("customers", reachable.value().toString()));
        String sendPage = path(selin.submit("/console/campaigns/" + id, "/console/campaigns/" + id + "/sends", Map.of("channel", "sms"))
                .location());
        List<String> pages = List.of("/console/campaigns", "/console/campaigns/new", "/console/campaigns/" + id,
                "/console/campaigns/" + id + "/edit", sendPage, sendPage + "/confirm", "/console/campaigns/" + id + "/report");
        Map<String, List<String>> words = Map.of(
                "tr", List.of("Yeni kampanya", "Hedef kitle", "Deneme yap", "Gönderimi onayla", "Gönderimden kabule"),
                "az", List.of("Yeni kampaniya", "Hədəf auditoriya", "Sınaq et", "Göndərişi təsdiq et", "Göndərişdən qəbula"),
                "en", List.of("New campaign", "Audience", "Dry run", "Confirm the send", "From sent to accepted"));
        try {
            for (Map.Entry<String, List<String>> language : words.entrySet()) {
                StringBuilder all = new StringBuilder();
                for (String page : pages) {
                    Console.Page answer = selin.get(page + (page.contains("?") ? "&" : "?") + "lang=" + language.getKey());
                    assertThat(answer.status()).as(page + " in " + language.getKey()).isEqualTo(200);
                    assertThat(answer.body()).as(page + " in " + language.getKey()).doesNotContain("??");
                    all.append(answer.body());
                }
                assertThat(all.toString()).as(language.getKey()).contains(language.getValue());
            }
        } finally {
            selin.get("/console/campaigns?lang=tr");
        }
    }

    @Test
    void editingACampaignKeepsChannelsTheFormDoesNotSendOn() {
        String code = code();
        Api.Response created = api.post("/api/v1/campaigns", """
                {"name":"Sesli %s","code":"%s","channels":["sms","voice","chat"],"status":"running"}""".formatted(code, code));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        UUID id = UUID.fromString(created.text("/id"));
        Console.Page form = selin.get("/console/campaigns/" + id + "/edit");
        assertThat(form.body()).containsPattern("value=\"voice\"\\s+checked").containsPattern("value=\"chat\"\\s+checked");
        Console.Page saved = selin.submit("/console/campaigns/" + id + "/edit", "/console/campaigns/" + id + "/edit",
                List.of(Map.entry("name", "Sesli " + code), Map.entry("code", code), Map.entry("status", "running"),
                        Map.entry("channels", "sms"), Map.entry("channels", "voice"), Map.entry("channels", "chat")));
        assertThat(saved.status()).as(saved.body()).isEqualTo(302);
        assertThat(campaigns.get(id).channels()).extracting(ChannelType::code).containsExactly("sms", "voice", "chat");
    }

    @Test
    void agentsSeeACampaignButCannotChangeOrSendIt() {
        CustomerId reachable = customer("Temsilci Görür");
        UUID id = created(code(), "running", Map.of("customers", reachable.value().toString()));
        Console.Page planned = selin.submit("/console/campaigns/" + id, "/console/campaigns/" + id + "/sends", Map.of("channel", "sms"));
        Console ayse = Console.signIn(port, "ayse", TemasIntegrationTest.DEMO_PASSWORD);

        Console.Page page = ayse.get("/console/campaigns/" + id);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("/edit\"", "/entry-points\"", "/sends\"");
        assertThat(ayse.get("/console/campaigns/" + id + "/report").status()).isEqualTo(200);
        assertThat(ayse.get("/console/campaigns/new").status()).isEqualTo(403);
        assertThat(ayse.get("/console/campaigns/" + id + "/edit").status()).isEqualTo(403);
        assertThat(ayse.get(path(planned.location())).status()).isEqualTo(403);
        String csrf = page.csrf();
        assertThat(ayse.post("/console/campaigns", csrf, campaignFields("Ajan", code(), "running", Map.of())).status()).isEqualTo(403);
        assertThat(ayse.post(path(planned.location()) + "/confirm", csrf, Map.of()).status()).isEqualTo(403);
        assertThat(ayse.post("/console/campaigns/" + id + "/status", csrf, Map.of("status", "ended")).status()).isEqualTo(403);
        assertThat(outboxTo(id)).isEmpty();
        assertThat(campaigns.get(id).status().code()).isEqualTo("running");
    }

    @Test
    void aSupervisorBuildsACallListFromTheAudienceAndEveryoneSeesWhoIsOffItAndWhy() {
        CustomerId reachable = customer("Arama Ulaşılır");
        CustomerId refusing = customer("Arama Ret");
        CustomerId answered = customer("Arama Yanıtladı");
        CustomerId mailOnly = new CustomerId(identities.resolve(List.of(Identifier.email("arama-" + code().toLowerCase() + "@example.com")),
                "Arama Postacı", Language.TR).customerId().value());
        CustomerId onlyWroteToSupport = unconsented("Arama İzinsiz");
        assertThat(api.post("/api/v1/customers/" + refusing.value() + "/do-not-contact", "{\"reason\":\"istemiyor\"}").status()).isEqualTo(201);
        UUID id = created(code(), "running", Map.of("customers", String.join(",", reachable.value().toString(), refusing.value().toString(),
                answered.value().toString(), mailOnly.value().toString(), onlyWroteToSupport.value().toString())));
        suppression.suppress(id, answered.value(), "responded accepted by sms", java.time.Instant.now());

        Console.Page built = selin.submit("/console/campaigns/" + id, "/console/campaigns/" + id + "/call-lists", Map.of("name", "Bahar aramaları"));
        assertThat(built.status()).as(built.body()).isEqualTo(302);
        Console.Page page = selin.get("/console/campaigns/" + id);
        assertThat(page.body()).contains("Arama listesi oluşturuldu: aranacak 1 kişi.", "Bahar aramaları", "Telefon numarası yok",
                "İletişime geçilmeyecekler listesinde", "Kayıtlı ticari ileti izni yok", "Kampanyaya zaten yanıt vermiş");
        assertThat(callListFigure(page.body(), "data-pending")).isEqualTo("1");
        for (String code : List.of("no-phone", "do-not-contact", "consent-missing", "campaign-answered")) {
            assertThat(page.body()).contains("data-removed=\"" + code + "\"");
        }
        assertThat(selin.get("/console/campaigns/" + id + "?lang=en").body()).contains("Call lists", "No phone number", "On the do-not-contact list");
        assertThat(selin.get("/console/campaigns/" + id + "?lang=az").body()).contains("Zəng siyahıları", "Telefon nömrəsi yoxdur");
        selin.get("/console/campaigns/" + id + "?lang=tr");

        // The dialer hands out the one customer left, and the list is among the dialer's lists.
        UUID list = jdbc.sql("select id from call_lists where campaign_id = ?").param(id).query(UUID.class).single();
        assertThat(selin.get("/console/dialer").body()).contains("/console/dialer/" + list);
        assertThat(api.post("/api/v1/call-lists/" + list + "/next", "").body()).contains(reachable.value().toString());

        Console ayse = Console.signIn(port, "ayse", TemasIntegrationTest.DEMO_PASSWORD);
        Console.Page seen = ayse.get("/console/campaigns/" + id);
        assertThat(seen.body()).contains("Bahar aramaları", "Telefon numarası yok").doesNotContain("/call-lists\"");
        assertThat(ayse.post("/console/campaigns/" + id + "/call-lists", seen.csrf(), Map.of("name", "Temsilci listesi")).status())
                .isEqualTo(403);
        assertThat(jdbc.sql("select count(*) from call_lists where campaign_id = ?").param(id).query(Integer.class).single()).isOne();
    }

    @Test
    void theCallListFormPressedTwiceAtOnceBuildsOneListAndSaysSo() throws Exception {
        UUID id = created(code(), "running", Map.of("customers", customer("Arama Çift").value().toString()));
        Console.Page page = selin.get("/console/campaigns/" + id);
        Matcher token = Pattern.compile("name=\"token\" value=\"([0-9a-f-]{36})\"").matcher(page.body());
        assertThat(token.find()).as("the form's token").isTrue();
        Map<String, String> fields = Map.of("name", "Çift basış", "token", token.group(1));
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Console.Page>> presses = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                presses.add(pool.submit(() -> {
                    start.await();
                    return selin.post("/console/campaigns/" + id + "/call-lists", page.csrf(), fields);
                }));
            }
            start.countDown();
            for (Future<Console.Page> press : presses) {
                assertThat(press.get().status()).isEqualTo(302);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("select count(*) from call_lists where campaign_id = ?").param(id).query(Integer.class).single()).isOne();
        assertThat(jdbc.sql("select count(*) from call_list_entries where campaign_id = ?").param(id).query(Integer.class).single()).isOne();

        // Each press's redirect shows its notice (both presses' pages are read here), one of them that nothing more was built.
        String notices = selin.get("/console/campaigns/" + id).body() + selin.get("/console/campaigns/" + id).body();
        assertThat(notices).contains("Arama listesi oluşturuldu: aranacak 1 kişi.", "Bu arama listesi bu formdan zaten oluşturuldu");

        // Pressed again later, the same form still builds nothing; the page says so and offers a new form.
        assertThat(selin.post("/console/campaigns/" + id + "/call-lists", page.csrf(), fields).status()).isEqualTo(302);
        Console.Page after = selin.get("/console/campaigns/" + id);
        assertThat(after.body()).contains("Bu arama listesi bu formdan zaten oluşturuldu").doesNotContain(token.group(1));
        assertThat(jdbc.sql("select count(*) from call_lists where campaign_id = ?").param(id).query(Integer.class).single()).isOne();
    }

    @Test
    void aCallListWithoutAUsableNameOrForNobodyIsRefusedInThePage() {
        UUID id = created(code(), "running", Map.of("customers", customer("Arama Adsız").value().toString()));
        for (String name : List.of(" ", "a".repeat(501), "Liste\nadı")) {
            Console.Page refused = selin.submit("/console/campaigns/" + id, "/console/campaigns/" + id + "/call-lists", Map.of("name", name));
            assertThat(refused.status()).as(name).isEqualTo(422);
            assertThat(refused.body()).contains("Arama listesine bir ad verin");
        }
        campaigns.target(id, new Audience(null, null, null, null, null, null, null, null, List.of(UUID.randomUUID())));
        Console.Page nobody = selin.submit("/console/campaigns/" + id, "/console/campaigns/" + id + "/call-lists", Map.of("name", "Boş"));
        assertThat(nobody.status()).isEqualTo(422);
        assertThat(nobody.body()).contains("Bu hedef kitle kimseyi seçmiyor", "value=\"Boş\"");
        assertThat(jdbc.sql("select count(*) from call_lists where campaign_id = ?").param(id).query(Integer.class).single()).isZero();

        assertThat(api.post("/api/v1/campaigns/" + id + "/call-list", "{\"name\":\"" + "a".repeat(501) + "\",\"customerIds\":[\""
                + customer("Arama API").value() + "\"]}").status()).isEqualTo(400);
    }

    /** Creates a campaign through the form with an SMS message "Bahar fırsatı CODE". */
    private UUID created(String code, String status, Map<String, String> audience) {
        Console.Page created = selin.submit("/console/campaigns/new", "/console/campaigns", campaignFields("Bahar " + code, code, status, audience));
        assertThat(created.status()).as(created.body()).isEqualTo(302);
        return id(CAMPAIGN, created.location());
    }

    private static Map<String, String> campaignFields(String name, String code, String status, Map<String, String> audience) {
        Map<String, String> fields = new java.util.LinkedHashMap<>(Map.of("name", name, "code", code, "offer", "Bahar indirimi",
                "channels", "sms", "status", status, "smsText", "Bahar fırsatı " + code, "consentPurpose", "commercial"));
        fields.putAll(audience);
        return fields;
    }

    private void contact(UUID campaign, CustomerId customer, String channel, String status) {
        jdbc.sql("""
                        insert into campaign_contacts (id, campaign_id, customer_id, channel, recipient, status, created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, now(), now())""")
                .params(UUID.randomUUID(), campaign, customer.value(), channel, "r-" + customer.value(), status).update();
    }

    private void respond(UUID campaign, CustomerId customer, String kind) {
        jdbc.sql("insert into campaign_responses (id, campaign_id, customer_id, kind, channel, occurred_at) values (?, ?, ?, ?, 'sms', now())")
                .params(UUID.randomUUID(), campaign, customer.value(), kind).update();
    }

    private static List<Integer> stages(String body, String channel) {
        Matcher row = Pattern.compile("data-channel=\"" + channel + "\">([\\s\\S]*?)</tr>").matcher(body);
        assertThat(row.find()).as("a row for " + channel).isTrue();
        Matcher cells = Pattern.compile("data-stage=\"[a-z]+\">(\\d+)<").matcher(row.group(1));
        List<Integer> counts = new ArrayList<>();
        while (cells.find()) {
            counts.add(Integer.parseInt(cells.group(1)));
        }
        return counts;
    }

    private List<Outbox.Entry> outboxTo(UUID campaign) {
        return outbox.recent(null, 500).stream().filter(e -> campaign.toString().equals(e.headers().get("X-Temas-Campaign"))).toList();
    }

    /** A customer campaigns may reach: with a recorded consent to commercial contact. */
    private CustomerId customer(String name) {
        return Consenting.everywhere(consents, unconsented(name));
    }

    /** A customer who only wrote to support: no consent recorded. */
    private CustomerId unconsented(String name) {
        return identities.resolve(List.of(Identifier.phone("+90536" + PHONES.incrementAndGet())), name, Language.TR).customerId();
    }

    private static String code() {
        return "E" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    private static UUID id(Pattern pattern, String location) {
        Matcher m = pattern.matcher(location == null ? "" : location);
        assertThat(m.find()).as(location).isTrue();
        return UUID.fromString(m.group(1));
    }

    /** A redirect's location as a path on this server. */
    private static String path(String location) {
        return java.net.URI.create(location).getRawPath();
    }

    private static int previewCount(String body) {
        Matcher m = Pattern.compile("data-preview-count>(\\d+)<").matcher(body);
        assertThat(m.find()).as("a preview count in the page").isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static String callListFigure(String body, String attribute) {
        Matcher m = Pattern.compile(attribute + ">(\\d+)<").matcher(body);
        assertThat(m.find()).as(attribute + " in the page").isTrue();
        return m.group(1);
    }

    private static int figure(String body, String name) {
        Matcher m = Pattern.compile("data-figure=\"" + name + "\">(\\d+)<").matcher(body);
        assertThat(m.find()).as("figure " + name).isTrue();
        return Integer.parseInt(m.group(1));
    }
}
