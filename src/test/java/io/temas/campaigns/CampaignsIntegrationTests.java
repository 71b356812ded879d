package io.temas.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.temas.channels.Outbox;
import io.temas.channels.OutboxDispatcher;
import io.temas.channels.RecordingTransport;
import io.temas.customers.CustomerId;
import io.temas.customers.Customers;
import io.temas.customers.IdentityResolver;
import io.temas.shared.ChannelType;
import io.temas.shared.Identifier;
import io.temas.shared.Language;
import io.temas.support.Api;
import io.temas.support.Consenting;
import io.temas.support.TemasIntegrationTest;
import java.io.InputStream;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@TemasIntegrationTest
class CampaignsIntegrationTests {

    private static final AtomicLong PHONES = new AtomicLong(1_000_000);

    @LocalServerPort
    int port;

    @Autowired
    io.temas.campaigns.Consents consents;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Autowired
    IdentityResolver identities;

    @Autowired
    Customers customers;

    @Autowired
    CustomerCampaigns customerCampaigns;

    @Autowired
    OutboxDispatcher dispatcher;

    @Autowired
    CampaignSettings campaignSettings;

    @Autowired
    Outbox outbox;

    @Autowired
    RecordingTransport recording;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        // Tests must not depend on the hour they run at: no quiet hours, no caps.
        for (String channel : List.of("sms", "email", "voice")) {
            assertThat(api.put("/api/v1/contact-rules/" + channel, "{\"quietFrom\":null,\"quietTo\":null,\"cap\":null}").status()).isEqualTo(200);
        }
    }

    @Test
    void acceptedSmsOfferLeavesCallListAndShowsOnReportAndProfile() {
        String keyword = "K" + shortId();
        String campaignId = campaign(keyword);
        List<Customer> callees = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            callees.add(customer("Aranan " + i));
        }
        String callListId = callList(campaignId, callees);
        Api.Response list = api.get("/api/v1/call-lists/" + callListId);
        assertThat(list.json().at("/pending").asInt()).isEqualTo(200);
        assertThat(list.json().at("/items/0/customerId").asString()).isEqualTo(callees.getFirst().id().toString());
        assertThat(list.json().at("/items/0/phone").asString()).isEqualTo(callees.getFirst().phone());

        Customer accepting = callees.get(0);
        Api.Response sms = sms(accepting.phone(), "+908502220000", keyword + " EVET");
        assertThat(sms.status()).as(sms.body()).isEqualTo(201);
        assertThat(sms.text("/customerId")).isEqualTo(accepting.id().toString());

        // The very next dialer call, and every one after, hands out somebody else.
        Set<String> handedOut = new HashSet<>();
        for (int i = 0; i < 199; i++) {
            Api.Response next = api.post("/api/v1/call-lists/" + callListId + "/next", "");
            assertThat(next.status()).as(next.body()).isEqualTo(200);
            assertThat(next.text("/customerId")).isNotEqualTo(accepting.id().toString());
            assertThat(handedOut.add(next.text("/customerId"))).isTrue();
        }
        assertThat(api.post("/api/v1/call-lists/" + callListId + "/next", "").status()).isEqualTo(204);
        assertThat(api.get("/api/v1/call-lists/" + callListId).json().at("/pending").asInt()).isZero();

        JsonNode report = api.get("/api/v1/campaigns/" + campaignId + "/report").json();
        assertThat(report.at("/responses/accepted").asInt()).isEqualTo(1);
        assertThat(report.at("/byChannel/sms/accepted").asInt()).isEqualTo(1);
        assertThat(report.at("/byMedium/sms/accepted").asInt()).isEqualTo(1);
        assertThat(report.at("/calls/removed").asInt()).isEqualTo(1);
        assertThat(report.at("/calls/handed-out").asInt()).isEqualTo(199);

        CustomerCampaigns.Offer offer = customerCampaigns.forCustomer(accepting.id()).stream()
                .filter(o -> o.campaign().id().toString().equals(campaignId)).findFirst().orElseThrow();
        assertThat(offer.runningNow()).isTrue();
        assertThat(offer.answered()).isTrue();
        assertThat(offer.campaign().offer()).isEqualTo("Yeni yıla özel %20 indirim");
        assertThat(offer.responses()).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(ResponseKind.ACCEPTED);
            assertThat(r.channel().code()).isEqualTo("sms");
        });
        assertThat(offer.contacts()).singleElement().satisfies(c -> assertThat(c.status()).isEqualTo("removed"));
        assertThat(api.get("/api/v1/customers/" + accepting.id() + "/campaigns").body()).contains(campaignId, "accepted");
        assertThat(api.get("/api/v1/customers/" + accepting.id()).body()).contains("campaign.responded");

        // An agent opening the customer sees the offer and the acceptance by SMS.
        io.temas.support.Console agent = io.temas.support.Console.signIn(port, "ayse", TemasIntegrationTest.DEMO_PASSWORD);
        String page = agent.get("/console/customers/" + accepting.id()).body();
        assertThat(page).contains("Yılbaşı " + keyword, "Yeni yıla özel %20 indirim", "Kabul etti: SMS (sms)");
    }

    @Test
    void aCustomerWhoTextedRetGetsNoCommercialSmsAfterwards() {
        String keyword = "R" + shortId();
        String campaignId = campaign(keyword);
        Customer queuedBefore = customer("Önceden Kuyrukta");
        Customer later = customer("Sonradan Planlanan");
        String queued = confirmedSend(campaignId, List.of(queuedBefore), "Kış fırsatı: " + keyword + " EVET yazın");

        assertThat(sms(queuedBefore.phone(), "+908502220000", "RET").status()).isEqualTo(201);
        assertThat(sms(later.phone(), "+908502220000", "İptal").status()).isEqualTo(201);

        assertThat(api.get("/api/v1/customers/" + queuedBefore.id() + "/consents").body()).contains("\"granted\":false", "RET");
        List<Outbox.Entry> confirmations = outbox.recent(null, 200).stream()
                .filter(e -> e.recipient().equals(queuedBefore.phone()) && "opt-out-confirmation".equals(e.headers().get("X-Temas-Kind")))
                .toList();
        assertThat(confirmations).singleElement().satisfies(e -> assertThat(e.body()).startsWith("Ticari SMS listemizden çıkarıldınız"));

        // Queued before the opt-out: stopped just before it would have left.
        dispatcher.dispatch();
        Outbox.Entry entry = outbox.find(UUID.fromString(queued)).orElseThrow();
        assertThat(entry.status()).isEqualTo("dropped");
        assertThat(entry.lastError()).contains("consent");
        assertThat(recording.recorded()).noneMatch(m -> m.recipient().equals(queuedBefore.phone()) && m.body().startsWith("Kış fırsatı"));

        // Planned after the opt-out: refused at planning.
        Api.Response plan = api.post("/api/v1/campaigns/" + campaignId + "/sends", """
                {"channel":"sms","text":"Son gün!","audience":{"customerIds":["%s","%s"]}}""".formatted(queuedBefore.id(), later.id()));
        assertThat(plan.status()).as(plan.body()).isEqualTo(201);
        assertThat(plan.json().at("/allowed").asInt()).isZero();
        assertThat(plan.json().at("/refused/consent").asInt()).isEqualTo(2);
    }

    @Test
    void aReplyWithdrawsQueuedMessagesOfThatCampaignAtOnce() {
        String keyword = "H" + shortId();
        String campaignId = campaign(keyword);
        Customer declining = customer("Reddeden");
        String queued = confirmedSend(campaignId, List.of(declining), "Teklifimiz hazır");
        assertThat(outbox.find(UUID.fromString(queued)).orElseThrow().status()).isEqualTo("pending");

        assertThat(sms(declining.phone(), "+908502220000", keyword.toLowerCase() + " hayır").status()).isEqualTo(201);

        assertThat(outbox.find(UUID.fromString(queued)).orElseThrow().status()).isEqualTo("dropped");
        JsonNode report = api.get("/api/v1/campaigns/" + campaignId + "/report").json();
        assertThat(report.at("/responses/declined").asInt()).isEqualTo(1);
        assertThat(report.at("/sends/dropped").asInt()).isEqualTo(1);
        assertThat(report.at("/sends/responded").asInt()).isEqualTo(1);
    }

    @Test
    void anOverLongOrControlCharacterNameIsRefusedNamingTheField() {
        Api.Response long_ = api.post("/api/v1/campaigns", """
                {"name":"%s","code":"LONG%s","channels":["sms"]}""".formatted("K".repeat(9_000), shortId()));
        assertThat(long_.status()).as(long_.body()).isEqualTo(400);
        assertThat(long_.body()).contains("name").contains("500");
        Api.Response nul = api.post("/api/v1/campaigns", """
                {"name":"Kış\\u0000","code":"NUL%s","channels":["sms"]}""".formatted(shortId()));
        assertThat(nul.status()).as(nul.body()).isEqualTo(400);
        assertThat(nul.body()).contains("name");
        Api.Response terms = api.post("/api/v1/campaigns", """
                {"name":"Kış","code":"TRM%s","terms":"%s","channels":["sms"]}""".formatted(shortId(), "ş".repeat(1_000_001)));
        assertThat(terms.status()).as(terms.body()).isIn(400, 413);
    }

    @Test
    void aResponseOnACampaignEntryPointOrQuotingItsCodeIsAttributedToItsMedium() {
        String code = "WEB" + shortId();
        Api.Response created = api.post("/api/v1/campaigns", """
                {"name":"Bahar","code":"%s","offer":"Bahar indirimi","channels":["email","webform"],
                 "entryPoints":[{"address":"bahar-%s@ornek.com.tr","medium":"gazete"},"%s"]}""".formatted(code, code.toLowerCase(), "L" + code));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String campaignId = created.text("/id");

        Api.Response mail = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"bahar-%s@ornek.com.tr","externalId":"<%s@example.com>",
                 "from":{"email":"bahar-%s@example.com"},"subject":"Kampanya","text":"Detayları gönderir misiniz?"}"""
                .formatted(code.toLowerCase(), UUID.randomUUID(), shortId()));
        assertThat(mail.status()).as(mail.body()).isEqualTo(201);
        Api.Response form = api.post("/api/v1/inbound", """
                {"channel":"webform","entryPoint":"web-iletisim","externalId":"%s","from":{"email":"form-%s@example.com"},
                 "text":"Kampanya kodu %s, evet istiyorum"}""".formatted(UUID.randomUUID(), shortId(), code));
        assertThat(form.status()).as(form.body()).isEqualTo(201);

        JsonNode report = api.get("/api/v1/campaigns/" + campaignId + "/report").json();
        assertThat(report.at("/byMedium/gazete/interested").asInt()).isEqualTo(1);
        assertThat(report.at("/byChannel/webform/accepted").asInt()).isEqualTo(1);
    }

    @Test
    void aClickInACampaignEmailIsAResponseThatEmptiesTheCallList() {
        String campaignId = campaign("E" + shortId());
        String email = "tiklayan-" + shortId().toLowerCase() + "@example.com";
        Customer clicking = new Customer(identities.resolve(List.of(Identifier.email(email), Identifier.phone("+90535" + PHONES.incrementAndGet())),
                "Tıklayan", Language.TR).customerId(), null);
        Consenting.everywhere(consents, clicking.id());
        String callListId = callList(campaignId, List.of(clicking));
        Api.Response plan = api.post("/api/v1/campaigns/" + campaignId + "/sends", """
                {"channel":"email","subject":"Kış fırsatı","text":"Ayrıntılar: {link}","link":"https://ornek.com.tr/kis",
                 "audience":{"customerIds":["%s"]}}""".formatted(clicking.id()));
        assertThat(plan.json().at("/allowed").asInt()).as(plan.body()).isEqualTo(1);
        assertThat(api.post("/api/v1/campaigns/" + campaignId + "/sends/" + plan.text("/sendId") + "/confirm", "{}").status()).isEqualTo(200);
        String body = outbox.recent("pending", 500).stream().filter(e -> e.recipient().equals(email)).findFirst().orElseThrow().body();
        String path = body.substring(body.indexOf("/api/v1/campaign-links/"));

        Api.Response click = api.withToken(null).get(path);

        assertThat(click.status()).isEqualTo(302);
        assertThat(api.get("/api/v1/call-lists/" + callListId).json().at("/pending").asInt()).isZero();
        JsonNode report = api.get("/api/v1/campaigns/" + campaignId + "/report").json();
        assertThat(report.at("/byMedium/email-link/interested").asInt()).isEqualTo(1);
        assertThat(report.at("/sends/clicked").asInt()).isEqualTo(1);
        assertThat(api.withToken(null).get("/api/v1/campaign-links/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void anAgentsCallOutcomeSuppressesTheCustomerOnTheCampaignsOtherLists() {
        String campaignId = campaign("C" + shortId());
        Customer called = customer("Aranan Kişi");
        Customer other = customer("Diğer Kişi");
        String first = callList(campaignId, List.of(called));
        String second = callList(campaignId, List.of(called, other));

        Api.Response next = api.post("/api/v1/call-lists/" + first + "/next", "");
        assertThat(next.text("/customerId")).isEqualTo(called.id().toString());
        assertThat(api.post("/api/v1/call-lists/" + first + "/outcomes", """
                {"customerId":"%s","outcome":"accepted","agent":"zeynep"}""".formatted(called.id())).status()).isEqualTo(204);

        JsonNode list = api.get("/api/v1/call-lists/" + second).json();
        assertThat(list.at("/pending").asInt()).isEqualTo(1);
        assertThat(list.at("/items/0/customerId").asString()).isEqualTo(other.id().toString());
        assertThat(api.get("/api/v1/campaigns/" + campaignId + "/report").json().at("/byChannel/voice/accepted").asInt()).isEqualTo(1);
    }

    @Test
    void higherPrioritiesAreCalledFirst() {
        String campaignId = campaign("P" + shortId());
        Customer ordinary = customer("Sıradan");
        Customer valued = customer("Değerli");
        Api.Response created = api.post("/api/v1/campaigns/" + campaignId + "/call-list", """
                {"entries":[{"customerId":"%s","priority":0},{"customerId":"%s","priority":10}]}""".formatted(ordinary.id(), valued.id()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String callListId = created.text("/callListId");

        assertThat(api.get("/api/v1/call-lists/" + callListId).json().at("/items/0/customerId").asString()).isEqualTo(valued.id().toString());
        assertThat(api.post("/api/v1/call-lists/" + callListId + "/next", "").text("/customerId")).isEqualTo(valued.id().toString());
        assertThat(api.post("/api/v1/call-lists/" + callListId + "/next", "").text("/customerId")).isEqualTo(ordinary.id().toString());
    }

    @Test
    void theDialerSkipsCustomersOnDoNotContactAndRespectsQuietHours() {
        String campaignId = campaign("D" + shortId());
        Customer blocked = customer("Aranmasın");
        Customer callable = customer("Aranabilir");
        String callListId = callList(campaignId, List.of(blocked, callable));
        assertThat(api.post("/api/v1/customers/" + blocked.id() + "/do-not-contact", """
                {"channel":"voice","reason":"asked not to be called"}""").status()).isEqualTo(201);

        // Quiet for two hours around now, at any hour the test runs (a window may wrap past midnight): the customer on
        // do-not-contact leaves the list for good, the other waits.
        LocalTime now = LocalTime.now(campaignSettings.zone()).withNano(0);
        assertThat(api.put("/api/v1/contact-rules/voice", "{\"quietFrom\":\"" + now.minusHours(1) + "\",\"quietTo\":\""
                + now.plusHours(1) + "\"}").status()).isEqualTo(200);
        assertThat(api.post("/api/v1/call-lists/" + callListId + "/next", "").status()).isEqualTo(204);
        JsonNode waiting = api.get("/api/v1/call-lists/" + callListId).json();
        assertThat(waiting.at("/pending").asInt()).isEqualTo(1);
        assertThat(waiting.at("/items/0/customerId").asString()).isEqualTo(callable.id().toString());
        assertThat(api.put("/api/v1/contact-rules/voice", "{\"quietFrom\":null,\"quietTo\":null}").status()).isEqualTo(200);

        Api.Response next = api.post("/api/v1/call-lists/" + callListId + "/next", "");
        assertThat(next.text("/customerId")).isEqualTo(callable.id().toString());
        assertThat(api.get("/api/v1/campaigns/" + campaignId + "/report").json().at("/calls/removed").asInt()).isEqualTo(1);
    }

    @Test
    void oneRequestTakesAtMostAHundredRefusedEntriesOffTheListAndTheNextGoesOnPastThem() {
        List<Customer> entries = new java.util.ArrayList<>();
        for (int i = 0; i < CallLists.REFUSALS_PER_REQUEST + 20; i++) {
            entries.add(customer("Vazgeçen " + i));
        }
        Customer willing = customer("Onaylı");
        entries.add(willing);
        String callListId = callList(campaign("R" + shortId()), entries);
        // They withdraw after the list was built: only a dialer's request finds out.
        entries.subList(0, CallLists.REFUSALS_PER_REQUEST + 20).forEach(c -> Consenting.withdrawCalls(consents, c.id()));

        assertThat(api.post("/api/v1/call-lists/" + callListId + "/next", "").status()).isEqualTo(204);
        assertThat(api.get("/api/v1/call-lists/" + callListId).json().at("/pending").asInt())
                .as("the first hundred refused left, the rest wait").isEqualTo(21);
        Api.Response next = api.post("/api/v1/call-lists/" + callListId + "/next", "");
        assertThat(next.text("/customerId")).isEqualTo(willing.id().toString());
        assertThat(api.get("/api/v1/call-lists/" + callListId).json().at("/pending").asInt()).isZero();
        assertThat(jdbc.sql("select count(*) from call_list_entries where call_list_id = ? and status = 'removed' and reason like 'consent:%'")
                .param(java.util.UUID.fromString(callListId)).query(Integer.class).single()).isEqualTo(CallLists.REFUSALS_PER_REQUEST + 20);
    }

    @Test
    void aNewCallListCountsOnlyThoseALastingRuleLetsBeCalledAndSaysWhyTheOthersAreOff() {
        Customer willing = customer("İzinli");
        Customer neverAsked = unconsented("Yalnızca Destek");
        Customer withdrew = customer("Vazgeçti");
        Consenting.withdrawCalls(consents, withdrew.id());
        Customer barred = customer("Aranmasın");
        consents.doNotContact(barred.id(), ChannelType.VOICE, "şikâyet etti", null, Instant.now());
        Customer mailBarred = customer("E-posta Yok");
        consents.doNotContact(mailBarred.id(), ChannelType.EMAIL, "e-posta istemiyor", null, Instant.now());
        Customer kept = customer("Kalan");
        Customer absorbed = customer("Birleşen");
        Api.Response merge = api.post("/api/v1/customers/" + kept.id() + "/merge", "{\"otherCustomerId\":\"" + absorbed.id() + "\"}");
        assertThat(merge.status()).as(merge.body()).isEqualTo(201);

        String callListId = callList(campaign("L" + shortId()), List.of(willing, neverAsked, withdrew, barred, mailBarred, absorbed, kept));

        JsonNode list = api.get("/api/v1/call-lists/" + callListId).json();
        assertThat(list.at("/pending").asInt()).as("the willing, the one barred only from e-mail, and the merged pair once").isEqualTo(3);
        assertThat(jdbc.sql("select customer_id, reason from call_list_entries where call_list_id = ? and status = 'removed'")
                .param(UUID.fromString(callListId)).query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), rs.getString(2))).list())
                .containsExactlyInAnyOrder(
                        Map.entry(neverAsked.id().value(), "consent-missing: no consent to commercial voice is recorded"),
                        Map.entry(withdrew.id().value(), "consent: consent to commercial voice was withdrawn"),
                        Map.entry(barred.id().value(), "do-not-contact: do not contact on voice: şikâyet etti"));
        assertThat(jdbc.sql("select count(*) from call_list_entries where call_list_id = ? and customer_id = ?")
                .params(UUID.fromString(callListId), absorbed.id().value()).query(Integer.class).single())
                .as("a merged profile is called as the profile it lives on").isZero();
        assertThat(api.post("/api/v1/call-lists/" + callListId + "/next", "").text("/customerId"))
                .as("nothing left for the dialer to take off first").isEqualTo(willing.id().toString());
    }

    @Test
    void aCallListOfSomeoneWhoIsNoCustomerIsRefusedWithAProblem() {
        String missing = UUID.randomUUID().toString();
        Api.Response refused = api.post("/api/v1/campaigns/" + campaign("N" + shortId()) + "/call-list",
                "{\"customerIds\":[\"" + customer("Var").id() + "\",\"" + missing + "\"]}");
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.text("/detail")).contains(missing);
    }

    @Test
    void aCustomerAtTheCallCapIsPassedOverButStaysOnTheList() {
        Customer calledRecently = customer("Yakında Arandı");
        Customer notCalled = customer("Hiç Aranmadı");
        String earlier = callList(campaign("F" + shortId()), List.of(calledRecently));
        assertThat(api.post("/api/v1/call-lists/" + earlier + "/next", "").text("/customerId")).isEqualTo(calledRecently.id().toString());
        assertThat(api.put("/api/v1/contact-rules/voice", "{\"cap\":1,\"capWindowDays\":7}").status()).isEqualTo(200);
        String later = callList(campaign("F" + shortId()), List.of(calledRecently, notCalled));

        assertThat(api.post("/api/v1/call-lists/" + later + "/next", "").text("/customerId")).isEqualTo(notCalled.id().toString());
        assertThat(api.post("/api/v1/call-lists/" + later + "/next", "").status()).isEqualTo(204);
        JsonNode list = api.get("/api/v1/call-lists/" + later).json();
        assertThat(list.at("/pending").asInt()).isEqualTo(1);
        assertThat(list.at("/items/0/customerId").asString()).isEqualTo(calledRecently.id().toString());
    }

    @Test
    void removalsAreStreamedToDialersAsTheyHappen() throws Exception {
        String keyword = "S" + shortId();
        String campaignId = campaign(keyword);
        Customer leaving = customer("Ayrılan");
        Customer staying = customer("Kalan");
        String callListId = callList(campaignId, List.of(leaving, staying));
        List<String> lines = new CopyOnWriteArrayList<>();
        try (HttpClient client = HttpClient.newHttpClient()) {
        HttpResponse<InputStream> stream = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/call-lists/" + callListId + "/removals"))
                .header("Authorization", "Bearer " + TemasIntegrationTest.ADMIN_TOKEN).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (java.io.IOException ignored) {
                // the stream closes when the test ends
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream().anyMatch(l -> l.contains("subscribed")));

        assertThat(sms(leaving.phone(), "+908502220000", keyword + " evet").status()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream().anyMatch(l -> l.startsWith("data:") && l.contains(leaving.id().toString())));
        assertThat(lines).contains("event:removed");
        assertThat(lines.stream().filter(l -> l.startsWith("data:")).collect(Collectors.joining())).doesNotContain(staying.id().toString())
                .contains("\"reasonCode\":\"campaign-answered\"");
        stream.body().close();
        reader.interrupt();
        }
    }

    @Test
    void aSendWhoseAudienceChangedSharplyNeedsForce() {
        String campaignId = campaign("G" + shortId());
        String segment = "seg-" + shortId();
        List<Customer> members = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            members.add(inSegment(customer("Üye " + i), segment));
        }
        Api.Response preview = api.post("/api/v1/campaigns/" + campaignId + "/audience/preview", "{\"segments\":[\"" + segment + "\"]}");
        assertThat(preview.json().at("/count").asInt()).isEqualTo(5);
        assertThat(preview.json().at("/sample").size()).isEqualTo(5);

        Api.Response plan = api.post("/api/v1/campaigns/" + campaignId + "/sends",
                "{\"channel\":\"sms\",\"text\":\"Kış kampanyası başladı\",\"audience\":{\"segments\":[\"" + segment + "\"]}}");
        assertThat(plan.status()).as(plan.body()).isEqualTo(201);
        assertThat(plan.json().at("/audience").asInt()).isEqualTo(5);
        assertThat(plan.json().at("/segments").asInt()).isEqualTo(1);
        assertThat(plan.json().at("/encoding").asString()).isEqualTo("GSM7_TURKISH_SHIFT");
        for (int i = 0; i < 3; i++) {
            inSegment(customer("Yeni Üye " + i), segment);
        }

        String confirm = "/api/v1/campaigns/" + campaignId + "/sends/" + plan.text("/sendId") + "/confirm";
        Api.Response refused = api.post(confirm, "{}");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("audience-changed", "the audience is 8, the dry run had 5");
        Api.Response forced = api.post(confirm, "{\"force\":true}");
        assertThat(forced.status()).as(forced.body()).isEqualTo(200);
        assertThat(forced.json().at("/allowed").asInt()).isEqualTo(8);
        assertThat(api.get("/api/v1/campaigns/" + campaignId + "/report").json().at("/sends/queued").asInt()).isEqualTo(8);
    }

    @Test
    void audienceRulesSelectByConsentSegmentAndRecentContact() {
        String campaignId = campaign("A" + shortId());
        String segment = "aud-" + shortId();
        Customer consenting = inSegment(unconsented("İzinli"), segment);
        Customer silent = inSegment(unconsented("Sessiz"), segment);
        Customer contacted = inSegment(unconsented("Yakında Yazılan"), segment);
        assertThat(api.post("/api/v1/customers/" + consenting.id() + "/consents", """
                {"channel":"sms","purpose":"commercial","granted":true,"source":"web form, 2026-10-01"}""").status()).isEqualTo(201);
        assertThat(api.post("/api/v1/customers/" + contacted.id() + "/consents", """
                {"channel":"sms","purpose":"commercial","granted":true,"source":"branch"}""").status()).isEqualTo(201);
        confirmedSend(campaignId, List.of(contacted), "İlk mesaj");

        JsonNode withConsent = api.post("/api/v1/campaigns/" + campaignId + "/audience/preview",
                "{\"segments\":[\"" + segment + "\"],\"consentChannel\":\"sms\"}").json();
        assertThat(withConsent.at("/count").asInt()).isEqualTo(2);
        assertThat(withConsent.findValuesAsString("customerId")).doesNotContain(silent.id().toString());
        JsonNode rested = api.post("/api/v1/campaigns/" + campaignId + "/audience/preview",
                "{\"segments\":[\"" + segment + "\"],\"consentChannel\":\"sms\",\"notContactedDays\":30}").json();
        assertThat(rested.at("/count").asInt()).isEqualTo(1);
        assertThat(rested.at("/sample/0/customerId").asString()).isEqualTo(consenting.id().toString());
        assertThat(api.post("/api/v1/campaigns/" + campaignId + "/audience/preview",
                "{\"segments\":[\"" + segment + "\"],\"excludeSegments\":[\"" + segment + "\"]}").json().at("/count").asInt()).isZero();
    }

    @Test
    void callListEntriesAndResponsesFollowACustomerThroughAMergeAndItsUndo() {
        String campaignId = campaign("M" + shortId());
        Customer kept = customer("Kalan Profil");
        Customer absorbed = customer("Birleşen Profil");
        String callListId = callList(campaignId, List.of(absorbed));
        Api.Response merge = api.post("/api/v1/customers/" + kept.id() + "/merge", "{\"otherCustomerId\":\"" + absorbed.id() + "\"}");
        assertThat(merge.status()).as(merge.body()).isEqualTo(201);
        assertThat(api.get("/api/v1/call-lists/" + callListId).json().at("/items/0/customerId").asString()).isEqualTo(kept.id().toString());

        assertThat(api.post("/api/v1/merges/" + merge.text("/mergeId") + "/undo", "").status()).isEqualTo(200);
        assertThat(api.get("/api/v1/call-lists/" + callListId).json().at("/items/0/customerId").asString()).isEqualTo(absorbed.id().toString());
    }

    @Test
    void theConsoleShowsWhetherACustomerQualifiesForACampaignsTargetAudience() {
        String segment = "hedef-" + shortId();
        Customer targeted = inSegment(customer("Hedefteki"), segment);
        Customer other = customer("Hedef Dışı");
        Api.Response created = api.post("/api/v1/campaigns", """
                {"name":"Hedefli","code":"Q%s","offer":"Size özel","channels":["sms"],"audience":{"segments":["%s"]}}"""
                .formatted(shortId(), segment));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        UUID campaignId = UUID.fromString(created.text("/id"));

        assertThat(offer(targeted, campaignId).qualifies()).isTrue();
        assertThat(offer(other, campaignId).qualifies()).isFalse();
        assertThat(offer(other, campaignId).runningNow()).isTrue();
        assertThat(api.put("/api/v1/campaigns/" + campaignId + "/audience", "").status()).isEqualTo(204);
        assertThat(offer(other, campaignId).qualifies()).isTrue();
    }

    private CustomerCampaigns.Offer offer(Customer customer, UUID campaignId) {
        return customerCampaigns.forCustomer(customer.id()).stream().filter(o -> o.campaign().id().equals(campaignId)).findFirst().orElseThrow();
    }

    @Test
    void contractErrorsAreProblemDetails() {
        assertThat(api.post("/api/v1/campaigns", "{\"code\":\"X\"}").status()).isEqualTo(400);
        String code = "DUP" + shortId();
        assertThat(api.post("/api/v1/campaigns", "{\"name\":\"A\",\"code\":\"" + code + "\"}").status()).isEqualTo(201);
        Api.Response duplicate = api.post("/api/v1/campaigns", "{\"name\":\"B\",\"code\":\"" + code + "\"}");
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.contentType()).contains("problem+json");
        assertThat(api.post("/api/v1/campaigns", "{\"name\":\"C\",\"code\":\"" + code.toLowerCase(java.util.Locale.ROOT) + "\"}").status())
                .as("codes are told apart the way messages are matched: folded").isEqualTo(409);
        String keyword = "KIŞ" + shortId();
        assertThat(api.post("/api/v1/campaigns", "{\"name\":\"D\",\"code\":\"K1" + shortId() + "\",\"smsKeyword\":\"" + keyword + "\"}")
                .status()).isEqualTo(201);
        assertThat(api.post("/api/v1/campaigns", "{\"name\":\"E\",\"code\":\"K2" + shortId() + "\",\"smsKeyword\":\""
                + keyword.replace("Ş", "S").toLowerCase(java.util.Locale.ROOT) + "\"}").status()).isEqualTo(409);
        assertThat(api.get("/api/v1/call-lists/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/call-lists/" + UUID.randomUUID() + "/next", "").status()).isEqualTo(404);
        assertThat(api.withToken(null).post("/api/v1/campaigns", "{}").status()).isEqualTo(401);
    }

    @Test
    void theDemoCampaignRunsWithItsKeywordAndCallList() {
        JsonNode demo = api.get("/api/v1/campaigns?running=true").json().valueStream()
                .filter(c -> "KIS2026".equals(c.at("/code").asString())).findFirst().orElseThrow();
        assertThat(demo.at("/smsKeyword").asString()).isEqualTo("KIS2026");
        assertThat(api.get("/api/v1/campaigns/" + demo.at("/id").asString() + "/call-lists").json().valueStream().toList()).isNotEmpty();
    }

    record Customer(CustomerId id, String phone) {
    }

    /** A customer campaigns may reach: with a recorded consent to commercial contact. */
    private Customer customer(String name) {
        Customer customer = unconsented(name);
        Consenting.everywhere(consents, customer.id());
        return customer;
    }

    /** A customer who only wrote to support: no consent recorded. */
    private Customer unconsented(String name) {
        String phone = "+90535" + PHONES.incrementAndGet();
        IdentityResolver.Resolution resolution = identities.resolve(List.of(Identifier.phone(phone)), name, Language.TR);
        return new Customer(resolution.customerId(), phone);
    }

    private Customer inSegment(Customer customer, String segment) {
        var profile = customers.get(customer.id());
        customers.update(customer.id(), profile.displayName(), profile.language(), profile.vip(), List.of(segment));
        return customer;
    }

    private String campaign(String keyword) {
        Api.Response created = api.post("/api/v1/campaigns", """
                {"name":"Yılbaşı %s","code":"%s","offer":"Yeni yıla özel %%20 indirim","channels":["sms","voice"],
                 "startsAt":"2026-01-01T00:00:00Z","endsAt":"2099-01-01T00:00:00Z","entryPoints":[],"smsKeyword":"%s"}"""
                .formatted(keyword, keyword, keyword));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.text("/id");
    }

    private String callList(String campaignId, List<Customer> callees) {
        String ids = callees.stream().map(c -> "\"" + c.id() + "\"").collect(Collectors.joining(","));
        Api.Response created = api.post("/api/v1/campaigns/" + campaignId + "/call-list", "{\"customerIds\":[" + ids + "]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.text("/callListId");
    }

    /** Plans and confirms an SMS send to these customers; answers the outbox id of the first message. */
    private String confirmedSend(String campaignId, List<Customer> to, String text) {
        String ids = to.stream().map(c -> "\"" + c.id() + "\"").collect(Collectors.joining(","));
        Api.Response plan = api.post("/api/v1/campaigns/" + campaignId + "/sends",
                "{\"channel\":\"sms\",\"text\":" + Api.quote(text) + ",\"audience\":{\"customerIds\":[" + ids + "]}}");
        assertThat(plan.status()).as(plan.body()).isEqualTo(201);
        assertThat(plan.json().at("/allowed").asInt()).isEqualTo(to.size());
        Api.Response confirmed = api.post("/api/v1/campaigns/" + campaignId + "/sends/" + plan.text("/sendId") + "/confirm", "{}");
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        return outbox.recent("pending", 500).stream().filter(e -> e.recipient().equals(to.getFirst().phone())).findFirst()
                .orElseThrow().id().toString();
    }

    private Api.Response sms(String from, String to, String text) {
        return api.post("/api/v1/inbound", """
                {"channel":"sms","entryPoint":"%s","externalId":"%s","from":{"phone":"%s"},"text":%s}"""
                .formatted(to, UUID.randomUUID(), from, Api.quote(text)));
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }
}
