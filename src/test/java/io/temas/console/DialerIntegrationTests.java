package io.temas.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.temas.calls.Extensions;
import io.temas.campaigns.CallLists;
import io.temas.customers.CustomerId;
import io.temas.customers.Customers;
import io.temas.customers.IdentityResolver;
import io.temas.routing.Agents;
import io.temas.shared.Identifier;
import io.temas.shared.Language;
import io.temas.support.Api;
import io.temas.support.Console;
import io.temas.support.Consenting;
import io.temas.support.TemasIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The dialer screen over HTTP as an agent's browser uses it: the lists, the previewed contact held
 * for its agent, every outcome, call back at a time, "not now", two agents at once, a removal
 * pushed to the screen that shows it, the call button's refusals, and bad input.
 */
@TemasIntegrationTest
class DialerIntegrationTests {

    private static final AtomicLong PHONES = new AtomicLong(7_000_000);
    private static final Pattern ENTRY = Pattern.compile("data-entry=\"([0-9a-f-]{36})\"");

    @LocalServerPort
    int port;

    @Autowired
    io.temas.campaigns.Consents consents;

    @Autowired
    IdentityResolver identities;

    @Autowired
    Customers customers;

    @Autowired
    CallLists callLists;

    @Autowired
    Extensions extensions;

    @Autowired
    Agents agents;

    @Autowired
    JdbcClient jdbc;

    Api api;

    record Callee(UUID id, String name, String phone) {
    }

    @BeforeEach
    void setUp() {
        api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        // Tests must not depend on the hour they run at: no quiet hours, no caps.
        for (String channel : List.of("sms", "voice")) {
            assertThat(api.put("/api/v1/contact-rules/" + channel, "{\"quietFrom\":null,\"quietTo\":null,\"cap\":null}").status()).isEqualTo(200);
        }
    }

    @Test
    void theListPageShowsTheCallListsOfRunningCampaignsWithWhatIsLeftToCall() {
        String keyword = keyword();
        String campaignId = campaign(keyword);
        String listId = callList(campaignId, List.of(callee("Liste Bir"), callee("Liste İki")));

        String page = agent("ayse").get("/console/dialer").body();

        assertThat(page).contains("Arama listeleri", "Yılbaşı " + keyword, keyword, "/console/dialer/" + listId);
        assertThat(page).containsPattern("<span class=\"big\">2</span>\\s*<span class=\"muted\">aranacak</span>");
        assertThat(agent("ayse").get("/console/inbox").body()).contains("href=\"/console/dialer\"");
    }

    @Test
    void theScreensSpeakTheAgentsLanguage() {
        String campaignId = campaign(keyword());
        String listId = callList(campaignId, List.of(callee("Dil Testi")));
        Console selin = Console.signIn(port, "selin", TemasIntegrationTest.DEMO_PASSWORD);

        String english = selin.get("/console/dialer?lang=en").body();
        assertThat(english).contains("Call lists", "to call", "Start calling", ">Dialer<").doesNotContain("??");
        String preview = selin.get("/console/dialer/" + listId).body();
        assertThat(preview).contains("The offer", "Accepted", "No answer", "Wrong number", "Call back at (Europe/Istanbul time)", "Not now",
                "data-removed-responded=\"{0} answered the campaign").doesNotContain("??");
        String azerbaijani = selin.get("/console/dialer/" + listId + "?lang=az").body();
        assertThat(azerbaijani).contains("Kampaniya təklifi", "Qəbul etdi", "İndi yox", "Zəng et").doesNotContain("??");
        assertThat(selin.get("/console/dialer?lang=tr").body()).contains("Arama listeleri", "Aramaya başla").doesNotContain("??");
    }

    @Test
    void theNextContactIsPreviewedWithTheEssentialsAndStaysWithItsAgent() {
        String keyword = keyword();
        String campaignId = campaign(keyword);
        Callee vip = callee("Vip Müşteri");
        customers.update(new CustomerId(vip.id()), vip.name(), Language.AZ, true, List.of("altın"));
        assertThat(api.post("/api/v1/customers/" + vip.id() + "/consents", """
                {"channel":"sms","purpose":"commercial","granted":false,"source":"RET","recordedAt":"2026-11-02T09:30:00Z"}""").status())
                .isEqualTo(201);
        Callee second = callee("İkinci Müşteri");
        String listId = callList(campaignId, List.of(vip, second));
        Console ayse = agent("ayse");

        String page = ayse.get("/console/dialer/" + listId).body();

        assertThat(page).contains("Vip Müşteri", vip.phone(), "VIP", "altın", "Azerbaycan Türkçesi", "Yeni yıla özel %20 indirim",
                "Kampanya teklifi", "İzinler", "İzin geri alındı", "ticari", "2 Kas 2026 12:30", "Ara", "Kabul etti", "Şimdi değil");
        String entry = entry(page);
        assertThat(ayse.get("/console/dialer/" + listId).body()).as("a reload shows the same contact").contains("data-entry=\"" + entry + "\"");
        String elifs = agent("elif").get("/console/dialer/" + listId).body();
        assertThat(elifs).contains("İkinci Müşteri").doesNotContain("data-entry=\"" + entry + "\"");
        assertThat(agent("zeynep").get("/console/dialer/" + listId).body()).contains("Bu listede aranacak kimse kalmadı").doesNotContain("data-entry=\"");
    }

    @Test
    void eachOutcomeIsRecordedAndTheNextContactLoads() {
        String campaignId = campaign(keyword());
        List<Callee> callees = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            callees.add(callee("Sonuç " + i));
        }
        String listId = callList(campaignId, callees);
        Console mehmet = agent("mehmet");
        Map<String, String> expected = Map.of("accepted", "done", "interested", "done", "declined", "done", "no-answer", "pending",
                "wrong-number", "removed");
        Set<String> seen = new HashSet<>();
        for (String outcome : List.of("accepted", "interested", "declined", "no-answer", "wrong-number")) {
            Console.Page page = mehmet.get("/console/dialer/" + listId);
            String entry = entry(page.body());
            assertThat(seen.add(entry)).as("a new contact after each outcome").isTrue();
            Console.Page done = mehmet.post("/console/dialer/" + listId + "/entries/" + entry + "/outcome", page.csrf(), Map.of("outcome", outcome));
            assertThat(done.status()).isEqualTo(302);
            assertThat(done.location()).endsWith("/console/dialer/" + listId);
            assertThat(status(entry)).as(outcome).isEqualTo(expected.get(outcome));
            assertThat(jdbc.sql("select outcome from call_list_entries where id = ?").param(UUID.fromString(entry)).query(String.class).single())
                    .isEqualTo(outcome.replace('-', '_'));
        }
        // The one with no answer is back at the end of the list and comes round again.
        Console.Page again = mehmet.get("/console/dialer/" + listId);
        assertThat(again.body()).contains("Kaydedildi: Yanlış numara");
        assertThat(entry(again.body())).isIn(seen);
        assertThat(api.get("/api/v1/campaigns/" + campaignId + "/report").json().at("/responses/accepted").asInt()).isEqualTo(1);
    }

    @Test
    void aCallBackAtATimeReturnsTheEntryAtThatTimeFirst() {
        String campaignId = campaign(keyword());
        Callee later = callee("Geri Aranacak");
        Callee other = callee("Diğer");
        String listId = callList(campaignId, List.of(later, other));
        Console ayse = agent("ayse");
        Console.Page page = ayse.get("/console/dialer/" + listId);
        String entry = entry(page.body());
        assertThat(page.body()).contains("Geri Aranacak");
        LocalDateTime local = LocalDateTime.now(java.time.ZoneId.of("Europe/Istanbul")).plusHours(3).truncatedTo(ChronoUnit.MINUTES);
        Instant at = local.atZone(java.time.ZoneId.of("Europe/Istanbul")).toInstant();

        Console.Page done = ayse.post("/console/dialer/" + listId + "/entries/" + entry + "/outcome", page.csrf(),
                Map.of("outcome", "callback", "callbackAt", local.toString()));
        assertThat(done.status()).isEqualTo(302);
        assertThat(jdbc.sql("select callback_at from call_list_entries where id = ?").param(UUID.fromString(entry))
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).single()).isEqualTo(at);

        // Before its time it is nobody's: the other customer comes, then nobody.
        assertThat(callLists.preview(UUID.fromString(listId), "dialer-test-1", at.minusSeconds(60)).callable().map(CallLists.Callable::customerId))
                .contains(other.id());
        assertThat(callLists.preview(UUID.fromString(listId), "dialer-test-2", at.minusSeconds(60)).callable()).isEmpty();
        assertThat(callLists.next(UUID.fromString(listId))).isEmpty();
        // At its time it comes back, ahead of the rest.
        callLists.skip(UUID.fromString(listId), callLists.preview(UUID.fromString(listId), "dialer-test-1", at.minusSeconds(60)).callable()
                .orElseThrow().entryId(), "dialer-test-1");
        assertThat(callLists.preview(UUID.fromString(listId), "dialer-test-3", at.plusSeconds(1)).callable().map(CallLists.Callable::customerId))
                .contains(later.id());
        assertThat(ayse.get("/console/dialer/" + listId).body()).doesNotContain("data-entry=\"" + entry + "\"");
    }

    @Test
    void aPreviewLeftAloneGoesBackToTheListAfterTheHoldLimit() {
        String campaignId = campaign(keyword());
        Callee only = callee("Bırakılan");
        UUID listId = UUID.fromString(callList(campaignId, List.of(only)));
        Instant opened = Instant.now();

        UUID entry = callLists.preview(listId, "kapanan-tarayici", opened).callable().orElseThrow().entryId();
        assertThat(callLists.preview(listId, "baska-temsilci", opened.plus(CallLists.HOLD_LIMIT).minusSeconds(1)).callable()).isEmpty();
        assertThat(callLists.preview(listId, "baska-temsilci", opened.plus(CallLists.HOLD_LIMIT).plusSeconds(1)).callable())
                .map(CallLists.Callable::entryId).contains(entry);
        assertThat(callLists.hold(listId, entry).orElseThrow().heldBy()).isEqualTo("baska-temsilci");
    }

    @Test
    void notNowReturnsTheContactToTheEndOfTheList() {
        String campaignId = campaign(keyword());
        Callee first = callee("Şimdi Değil");
        Callee second = callee("Sonraki");
        String listId = callList(campaignId, List.of(first, second));
        Console ayse = agent("ayse");
        Console.Page page = ayse.get("/console/dialer/" + listId);
        String entry = entry(page.body());
        assertThat(page.body()).contains("Şimdi Değil");

        Console.Page skipped = ayse.post("/console/dialer/" + listId + "/entries/" + entry + "/skip", page.csrf(), Map.of());

        assertThat(skipped.status()).isEqualTo(302);
        assertThat(status(entry)).isEqualTo("pending");
        Console.Page next = ayse.get("/console/dialer/" + listId);
        assertThat(next.body()).contains("Sonraki", "Müşteri listeye geri döndü.").doesNotContain("data-entry=\"" + entry + "\"");
        assertThat(api.get("/api/v1/call-lists/" + listId).json().at("/items/0/customerId").asString()).isEqualTo(first.id().toString());
    }

    @Test
    void twoAgentsNeverPreviewTheSameContact() throws Exception {
        String campaignId = campaign(keyword());
        int rounds = 12;
        List<Callee> callees = new ArrayList<>();
        for (int i = 0; i < rounds * 2; i++) {
            callees.add(callee("Eşzamanlı " + i));
        }
        UUID listId = UUID.fromString(callList(campaignId, callees));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<UUID> handed = new CopyOnWriteArrayList<>();
            for (int round = 0; round < rounds; round++) {
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<UUID>> both = new ArrayList<>();
                for (String holder : List.of("esz-a-" + round, "esz-b-" + round)) {
                    both.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        return callLists.preview(listId, holder).callable().orElseThrow().entryId();
                    }));
                }
                UUID a = both.get(0).get(20, TimeUnit.SECONDS);
                UUID b = both.get(1).get(20, TimeUnit.SECONDS);
                assertThat(a).as("round %d", round).isNotEqualTo(b);
                handed.add(a);
                handed.add(b);
            }
            assertThat(new HashSet<>(handed)).hasSize(rounds * 2);
        } finally {
            pool.shutdownNow();
        }
        // Through the console too: two agents opening the list at once see two different customers.
        String second = callList(campaignId, List.of(callee("Konsol A"), callee("Konsol B")));
        Console ayse = agent("ayse");
        Console elif = agent("elif");
        ExecutorService browsers = Executors.newFixedThreadPool(2);
        try {
            Future<String> one = browsers.submit(() -> entry(ayse.get("/console/dialer/" + second).body()));
            Future<String> two = browsers.submit(() -> entry(elif.get("/console/dialer/" + second).body()));
            assertThat(one.get(20, TimeUnit.SECONDS)).isNotEqualTo(two.get(20, TimeUnit.SECONDS));
        } finally {
            browsers.shutdownNow();
        }
    }

    @Test
    void aCustomerWhoAnswersElsewhereVanishesFromTheScreenThatPreviewsThem() throws Exception {
        String keyword = keyword();
        String campaignId = campaign(keyword);
        Callee leaving = callee("Ayrılan");
        Callee staying = callee("Kalan");
        String listId = callList(campaignId, List.of(leaving, staying));
        Console kenan = agent("kenan");
        Console.Page page = kenan.get("/console/dialer/" + listId);
        String entry = entry(page.body());
        assertThat(page.body()).contains("Ayrılan");

        List<String> lines = new CopyOnWriteArrayList<>();
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            reader.submit(() -> kenan.stream("/console/live").forEach(lines::add));
            await().atMost(Duration.ofSeconds(20)).until(() -> lines.stream().anyMatch(l -> l.startsWith("event:hello")));

            assertThat(sms(leaving.phone(), keyword + " EVET").status()).isEqualTo(201);

            await().atMost(Duration.ofSeconds(20)).until(() -> lines.stream().anyMatch(l -> l.startsWith("event:dialer-removed")));
            String data = lines.get(lines.indexOf(lines.stream().filter(l -> l.startsWith("event:dialer-removed")).findFirst().orElseThrow()) + 1);
            assertThat(data).contains("\"entryId\":\"" + entry + "\"", "\"customerId\":\"" + leaving.id() + "\"", "\"reason\":\"responded\"");
        } finally {
            reader.shutdownNow();
        }
        assertThat(status(entry)).isEqualTo("removed");
        // The stale page's buttons answer that the contact is gone, and the next one is shown.
        Console.Page call = kenan.post("/console/dialer/" + listId + "/entries/" + entry + "/call", page.csrf(), Map.of());
        assertThat(call.status()).isEqualTo(302);
        Console.Page after = kenan.get("/console/dialer/" + listId);
        assertThat(after.body()).contains("kampanyaya başka bir kanaldan yanıt verdi", "Kalan").doesNotContain("Ayrılan");
        Console.Page outcome = kenan.post("/console/dialer/" + listId + "/entries/" + entry + "/outcome", after.csrf(),
                Map.of("outcome", "accepted"));
        assertThat(outcome.status()).isEqualTo(302);
        assertThat(status(entry)).isEqualTo("removed");
    }

    @Test
    void theCallButtonsRefusalsAreSaidInTheAgentsLanguageWithWhatToDo() {
        String campaignId = campaign(keyword());
        String listId = callList(campaignId, List.of(callee("Aranamayan")));
        Console zeynep = agent("zeynep");
        UUID agentId = agents.findByUsername("zeynep").orElseThrow().id();
        List<String> before = extensions.of(agentId);
        try {
            extensions.set(agentId, List.of());
            Console.Page page = zeynep.get("/console/dialer/" + listId);
            String entry = entry(page.body());
            zeynep.post("/console/dialer/" + listId + "/entries/" + entry + "/call", page.csrf(), Map.of());
            Console.Page refused = zeynep.get("/console/dialer/" + listId);
            assertThat(refused.body()).contains("size atanmış bir dahili hat yok", "dahili hat tanımlamasını isteyin")
                    .doesNotContain("aranıyor").contains("data-entry=\"" + entry + "\"");
            assertThat(status(entry)).isEqualTo("previewing");

            extensions.set(agentId, List.of("2" + (PHONES.incrementAndGet() % 100_000)));
            zeynep.post("/console/dialer/" + listId + "/entries/" + entry + "/call", refused.csrf(), Map.of());
            Console.Page noPbx = zeynep.get("/console/dialer/" + listId);
            assertThat(noPbx.body()).contains("telefon santrali seçilmemiş", "telefon ayarlarını kontrol etmesini isteyin")
                    .doesNotContain("aranıyor").contains("data-entry=\"" + entry + "\"");
            assertThat(status(entry)).isEqualTo("previewing");
            assertThat(jdbc.sql("select handed_out_at from call_list_entries where id = ?").param(UUID.fromString(entry))
                    .query((rs, n) -> Optional.ofNullable(rs.getTimestamp(1))).single()).as("not counted as called").isEmpty();

            Console admin = Console.signIn(port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);
            String adminsPage = admin.get("/console/dialer/" + listId).body();
            assertThat(adminsPage).doesNotContain("data-entry=\"" + entry + "\"");
        } finally {
            extensions.set(agentId, before);
        }
    }

    @Test
    void badInputIsAnsweredReadablyNeverWithA500() {
        String campaignId = campaign(keyword());
        String listId = callList(campaignId, List.of(callee("Hatalı Girdi")));
        Console ayse = agent("ayse");
        Console.Page page = ayse.get("/console/dialer/" + listId);
        String entry = entry(page.body());
        String action = "/console/dialer/" + listId + "/entries/" + entry + "/outcome";

        assertThat(ayse.post(action, page.csrf(), Map.of("outcome", "bogus")).status()).isEqualTo(302);
        assertThat(ayse.get("/console/dialer/" + listId).body()).contains("Bu sonuç bilinmiyor");
        assertThat(ayse.post(action, page.csrf(), Map.of("outcome", "opted-out")).status()).isEqualTo(302);
        assertThat(ayse.get("/console/dialer/" + listId).body()).contains("Bu sonuç bilinmiyor");
        for (String when : List.of("yarın", "", "2020-01-01T10:00", "2099-13-45T99:00")) {
            assertThat(ayse.post(action, page.csrf(), Map.of("outcome", "callback", "callbackAt", when)).status()).isEqualTo(302);
            assertThat(ayse.get("/console/dialer/" + listId).body()).as(when).contains("Geri arama için ileri bir tarih ve saat seçin");
        }
        assertThat(ayse.post(action, page.csrf(), Map.of()).status()).isEqualTo(302);
        assertThat(status(entry)).isEqualTo("previewing");

        assertThat(ayse.get("/console/dialer/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(ayse.get("/console/dialer/kein-uuid").status()).isEqualTo(404);
        assertThat(ayse.get("/console/dialer/" + UUID.randomUUID() + "/contact").status()).isEqualTo(404);
        assertThat(ayse.post("/console/dialer/" + listId + "/entries/" + UUID.randomUUID() + "/call", page.csrf(), Map.of()).status())
                .isEqualTo(404);
        assertThat(ayse.post("/console/dialer/" + listId + "/entries/" + UUID.randomUUID() + "/skip", page.csrf(), Map.of()).status())
                .isEqualTo(404);
        assertThat(ayse.post("/console/dialer/" + listId + "/entries/nope/outcome", page.csrf(), Map.of("outcome", "accepted")).status())
                .isEqualTo(404);
        // Another agent's contact is not theirs to act on.
        Console elif = agent("elif");
        Console.Page elifPage = elif.get("/console/dialer/" + listId);
        assertThat(elif.post("/console/dialer/" + listId + "/entries/" + entry + "/skip", elifPage.csrf(), Map.of()).status()).isEqualTo(302);
        assertThat(status(entry)).isEqualTo("previewing");
    }

    @Test
    void anAgentIsToldHowManyLeftTheListWhenTheirRequestTookRefusedOnesOffAndLooksAgainToGoOn() {
        List<Callee> entries = new java.util.ArrayList<>();
        for (int i = 0; i <= CallLists.REFUSALS_PER_REQUEST; i++) {
            entries.add(callee("Vazgeçen " + i));
        }
        Callee willing = callee("İzinli");
        entries.add(willing);
        String listId = callList(campaign(keyword()), entries);
        // They withdraw after the list was built: only the dialer finds out.
        entries.subList(0, CallLists.REFUSALS_PER_REQUEST + 1).forEach(c -> Consenting.withdrawCalls(consents, new CustomerId(c.id())));
        Console ayse = agent("ayse");

        String first = ayse.get("/console/dialer/" + listId).body();
        assertThat(first).contains(CallLists.REFUSALS_PER_REQUEST + " kişi, bir iletişim kuralı onları kalıcı olarak reddettiği için")
                .doesNotContain("data-entry=\"", "Şu an aranabilecek kimse yok");
        String again = ayse.get("/console/dialer/" + listId).body();
        assertThat(again).contains(willing.name());
        assertThat(jdbc.sql("select customer_id from call_list_entries where id = ?").param(UUID.fromString(entry(again)))
                .query(UUID.class).single()).isEqualTo(willing.id());
    }

    private Console agent(String username) {
        return Console.signIn(port, username, TemasIntegrationTest.DEMO_PASSWORD);
    }

    private static String entry(String page) {
        Matcher m = ENTRY.matcher(page);
        assertThat(m.find()).as("a contact on the page").isTrue();
        return m.group(1);
    }

    private String status(String entry) {
        return jdbc.sql("select status from call_list_entries where id = ?").param(UUID.fromString(entry)).query(String.class).single();
    }

    private Callee callee(String name) {
        String phone = "+90536" + PHONES.incrementAndGet();
        IdentityResolver.Resolution resolution = identities.resolve(List.of(Identifier.phone(phone)), name, Language.TR);
        // The dialer calls for a campaign: commercial contact, which needs a recorded consent.
        Consenting.everywhere(consents, resolution.customerId());
        return new Callee(resolution.customerId().value(), name, phone);
    }

    private String campaign(String keyword) {
        Api.Response created = api.post("/api/v1/campaigns", """
                {"name":"Yılbaşı %s","code":"%s","offer":"Yeni yıla özel %%20 indirim","channels":["sms","voice"],
                 "startsAt":"2026-01-01T00:00:00Z","endsAt":"2099-01-01T00:00:00Z","entryPoints":[],"smsKeyword":"%s"}"""
                .formatted(keyword, keyword, keyword));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.text("/id");
    }

    private String callList(String campaignId, List<Callee> callees) {
        String ids = callees.stream().map(c -> "\"" + c.id() + "\"").collect(Collectors.joining(","));
        Api.Response created = api.post("/api/v1/campaigns/" + campaignId + "/call-list", "{\"customerIds\":[" + ids + "]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.text("/callListId");
    }

    private Api.Response sms(String from, String text) {
        return api.post("/api/v1/inbound", """
                {"channel":"sms","entryPoint":"+908502220000","externalId":"%s","from":{"phone":"%s"},"text":%s}"""
                .formatted(UUID.randomUUID(), from, Api.quote(text)));
    }

    private static String keyword() {
        return "D" + UUID.randomUUID().toString().substring(0, 7).toUpperCase();
    }
}
