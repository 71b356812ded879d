package io.temas.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.calls.CallCentre;
import io.temas.calls.Extensions;
import io.temas.customers.CustomerId;
import io.temas.customers.Customers;
import io.temas.customers.Identity;
import io.temas.routing.Agents;
import io.temas.shared.IdentifierType;
import io.temas.support.Api;
import io.temas.support.Console;
import io.temas.support.Cti;
import io.temas.support.TemasIntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The agent's side of calls in the console: the screen pop (known and unknown callers, and no more
 * than the agent may see), the call card on the thread and the customer's timeline, the wrap-up
 * form and what it refuses, click-to-call refusals, the board, and the extensions field.
 */
@TemasIntegrationTest
class CallConsoleIntegrationTests {

    private static final String PASSWORD = "parola-arama-1";

    @LocalServerPort
    int port;

    @Autowired
    Extensions extensions;

    @Autowired
    Agents agents;

    @Autowired
    CallCentre centre;

    @Autowired
    Customers customers;

    @Autowired
    io.temas.conversations.Conversations conversations;

    Api api;
    Cti cti;
    Console admin;

    @BeforeEach
    void setUp() {
        api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        cti = new Cti(port);
        admin = Console.signIn(port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);
    }

    @Test
    void aRingingCallPopsTheKnownCallersEssentialsAndButtons() {
        String suffix = suffix();
        String phone = Cti.phone();
        Api.Response sms = api.post("/api/v1/inbound", """
                {"channel":"sms","entryPoint":"+908502220000","externalId":"%s","from":{"phone":"%s","name":"Deniz Arar %s"},
                 "text":"Faturam iki kez kesilmiş"}""".formatted(UUID.randomUUID(), phone, suffix));
        assertThat(sms.status()).as(sms.body()).isIn(200, 201);
        String reference = api.get("/api/v1/conversations/" + sms.text("/conversationId")).text("/reference");
        String agent = agent("", "73" + suffix.substring(0, 4));
        Console console = Console.signIn(port, agent, PASSWORD);

        Api.Response ringing = cti.ringing("c-" + UUID.randomUUID(), phone, extensionOf(agent));
        assertThat(ringing.status()).as(ringing.body()).isEqualTo(201);
        Console.Page pop = console.getHtmx("/console/calls/" + ringing.text("/id") + "/pop");

        assertThat(pop.status()).isEqualTo(200);
        assertThat(pop.body()).contains("Deniz Arar " + suffix).contains(phone).contains("Gelen arama").contains("Çalıyor")
                .contains(reference).contains("Konuşmayı aç").contains("Müşteriyi aç")
                .contains("/console/customers/" + sms.text("/customerId"))
                .contains("data-state=\"ringing\"").contains("data-done=\"false\"")
                .doesNotContain("Bilinmeyen numara");
    }

    @Test
    void anUnknownNumberSaysSo() {
        String agent = agent("", "74" + suffix().substring(0, 4));
        Console console = Console.signIn(port, agent, PASSWORD);
        String phone = Cti.phone();

        Api.Response ringing = cti.ringing("c-" + UUID.randomUUID(), phone, extensionOf(agent));
        Console.Page pop = console.getHtmx("/console/calls/" + ringing.text("/id") + "/pop");

        assertThat(pop.status()).isEqualTo(200);
        assertThat(pop.body()).contains(phone).contains("Bilinmeyen numara: bu numaraya ait bir müşteri kaydı yok.");
        assertThat(console.getHtmx("/console/calls/" + ringing.text("/id") + "/pop?lang=az").body())
                .contains("Naməlum nömrə: bu nömrəyə aid müştəri qeydi yoxdur.").contains("Gələn zəng");
        assertThat(console.getHtmx("/console/calls/" + ringing.text("/id") + "/pop?lang=en").body())
                .contains("Unknown number: no customer has this number.").contains("Incoming call").contains("Ringing");
        assertThat(console.getHtmx("/console/calls/" + UUID.randomUUID() + "/pop").status()).isEqualTo(404);
    }

    @Test
    void anAgentWhoMayNotSeeTheCustomersQueueGetsOnlyWhatSheMay() {
        String suffix = suffix();
        String phone = Cti.phone();
        Api.Response teknik = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"destek@ornek.com.tr","externalId":"<%s@example.com>",
                 "from":{"email":"kisit-%s@example.com","phone":"%s","name":"Kısıtlı Arayan %s"},
                 "subject":"Modem ışıkları %s","text":"Işıklar yanıp sönüyor."}""".formatted(UUID.randomUUID(), suffix, phone, suffix, suffix));
        assertThat(teknik.status()).as(teknik.body()).isIn(200, 201);
        assertThat(api.get("/api/v1/conversations/" + teknik.text("/conversationId")).text("/queue")).isEqualTo("Teknik Destek");
        String restricted = agent("own", "75" + suffix.substring(0, 4));
        Console console = Console.signIn(port, restricted, PASSWORD);
        String callId = "c-" + UUID.randomUUID();

        Api.Response ringing = cti.ringing(callId, phone, extensionOf(restricted));
        String conversation = ringing.text("/conversationId");
        Console.Page pop = console.getHtmx("/console/calls/" + ringing.text("/id") + "/pop");

        assertThat(pop.status()).isEqualTo(200);
        assertThat(pop.body()).as("the customer is hers to know").contains("Kısıtlı Arayan " + suffix).contains(phone)
                .as("not a conversation of a queue she may not see").doesNotContain("Modem ışıkları " + suffix)
                .doesNotContain(teknik.text("/conversationId"))
                .as("nor the call's own, waiting in Genel").doesNotContain("/console/conversations/" + conversation);

        cti.answered(callId, extensionOf(restricted));
        Console.Page answered = console.getHtmx("/console/calls/" + ringing.text("/id") + "/pop");
        assertThat(answered.body()).as("answered, the conversation is hers").contains("/console/conversations/" + conversation)
                .contains("Görüşülüyor").doesNotContain("Modem ışıkları " + suffix);
    }

    @Test
    void afterTheCallSheWrapsItUpOnceAndTheThreadTimelineAndBoardShowIt() {
        String suffix = suffix();
        String phone = Cti.phone();
        String agent = agent("", "76" + suffix.substring(0, 4));
        String extension = extensionOf(agent);
        Console console = Console.signIn(port, agent, PASSWORD);
        Console supervisor = Console.signIn(port, "selin", TemasIntegrationTest.DEMO_PASSWORD);
        String callId = "c-" + UUID.randomUUID();
        Api.Response ringing = cti.ringing(callId, phone, extension);
        String id = ringing.text("/id");
        String conversation = ringing.text("/conversationId");
        String wrapUp = "/console/calls/" + id + "/wrap-up";

        cti.answered(callId, extension);
        assertThat(board(supervisor, agent)).contains("Görüşmede");
        Console.Page tooEarly = console.submitHtmx("/console/inbox", wrapUp, Map.of("outcome", "resolved"));
        assertThat(tooEarly.status()).isEqualTo(409);
        assertThat(tooEarly.body()).contains("Görüşme sürüyor");

        cti.ended(callId, 184, "normal", "https://pbx.example/kayit/" + suffix + ".wav");
        assertThat(board(supervisor, agent)).contains("Görüşme sonrası kayıtta");
        Console.Page page = console.get("/console/conversations/" + conversation);
        assertThat(page.body()).as("the wrap-up form on the conversation, and that it counts")
                .contains("action=\"" + wrapUp + "\"").contains("Görüşme sonrası kayıttasınız: bitirene kadar size yeni arama gelmez.");
        Console.Page pop = console.getHtmx("/console/calls/" + id + "/pop");
        assertThat(pop.body()).contains("data-call-form=\"pop\"").contains("Görüşme sonrası kayıttasınız");

        Console.Page notHers = Console.signIn(port, "elif", TemasIntegrationTest.DEMO_PASSWORD)
                .submitHtmx("/console/inbox", wrapUp, Map.of("outcome", "resolved"));
        assertThat(notHers.status()).isEqualTo(403);
        assertThat(notHers.body()).contains("Bu görüşmeyi siz yapmadınız");

        Console.Page badOutcome = console.submitHtmx("/console/inbox", wrapUp, Map.of("outcome", "exploded", "notes", "not kalsın"));
        assertThat(badOutcome.status()).isEqualTo(400);
        assertThat(badOutcome.body()).contains("Listeden bir sonuç seçin.").as("her notes stay in the form").contains("not kalsın");
        Console.Page plain = console.submit("/console/inbox", wrapUp, Map.of("outcome", "", "tags", "kalsın-" + suffix));
        assertThat(plain.status()).as("without the panel, a page with the form again").isEqualTo(400);
        assertThat(plain.body()).contains("Listeden bir sonuç seçin.").contains("<h1>Görüşme sonrası kayıt</h1>").contains("kalsın-" + suffix);
        assertThat(centre.get(UUID.fromString(id)).wrappedAt()).isNull();

        // Pages clean what people type: control characters (a NUL) are removed, never a server error.
        Console.Page saved = console.submit("/console/inbox", wrapUp, Map.of("outcome", "resolved",
                "notes", "İtiraz\u0000 kaydedildi " + suffix, "tags", "fatura-itiraz, arama\u0000", "resolve", "true"));
        assertThat(saved.status()).isEqualTo(302);
        assertThat(saved.location()).endsWith("/console/conversations/" + conversation);
        assertThat(console.get(java.net.URI.create(saved.location()).getPath()).body()).contains("Görüşme sonrası kayıt alındı.");

        Console.Page twice = console.submitHtmx("/console/inbox", wrapUp, Map.of("outcome", "other"));
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.body()).contains("Bu görüşmenin sonucu zaten kaydedilmiş.");
        assertThat(centre.get(UUID.fromString(id)).outcome()).isEqualTo("resolved");

        Api.Response after = api.get("/api/v1/conversations/" + conversation);
        assertThat(after.text("/status")).isEqualTo("resolved");
        assertThat(after.body()).as("the notes are an internal note").contains("İtiraz kaydedildi " + suffix);
        assertThat(conversations.tags(UUID.fromString(conversation))).contains("fatura-itiraz", "arama");
        assertThat(board(supervisor, agent)).doesNotContain("Görüşme sonrası kayıtta").doesNotContain("Görüşmede");

        String thread = console.get("/console/conversations/" + conversation).body();
        assertThat(thread).contains("id=\"call-" + id + "\"").contains("Gelen arama: " + phone).contains("Bitti")
                .contains("3 dk 4 sn").contains("olağan kapanış").contains("Çözüldü")
                .contains("href=\"https://pbx.example/kayit/" + suffix + ".wav\" target=\"_blank\" rel=\"noopener noreferrer\"")
                .as("the card instead of the raw voice text").doesNotContain("☎ " + phone)
                .doesNotContain("action=\"" + wrapUp + "\"");
        assertThat(console.getHtmx("/console/conversations/" + conversation + "/thread").body()).contains("id=\"call-" + id + "\"");

        String customer = console.get("/console/customers/" + ringing.text("/customerId")).body();
        assertThat(customer).contains("Telefon görüşmesi").contains("Görüşme: " + phone + ", 3 dk 4 sn, kapanış: olağan kapanış");
        assertThat(console.get("/console/customers/" + ringing.text("/customerId") + "?lang=en").body())
                .contains("Phone call").contains("Call with " + phone + ", 3 min 4 s, ended: normal hang-up");
    }

    @Test
    void aMissedCallReadsAsMissedAndLeavesNothingToWrapUp() {
        String agent = agent("", "77" + suffix().substring(0, 4));
        Console console = Console.signIn(port, agent, PASSWORD);
        String phone = Cti.phone();
        String callId = "c-" + UUID.randomUUID();
        Api.Response ringing = cti.ringing(callId, phone, extensionOf(agent));
        cti.ended(callId, 0, "no-answer", null);

        Console.Page pop = console.getHtmx("/console/calls/" + ringing.text("/id") + "/pop");
        assertThat(pop.body()).contains("Cevapsız").contains("data-done=\"true\"").doesNotContain("data-call-form");
        Console.Page wrap = console.submitHtmx("/console/inbox", "/console/calls/" + ringing.text("/id") + "/wrap-up", Map.of("outcome", "resolved"));
        assertThat(wrap.status()).isEqualTo(409);
        assertThat(wrap.body()).contains("Bu arama cevaplanmadı");
        assertThat(console.get("/console/customers/" + ringing.text("/customerId")).body()).contains("Cevapsız arama: " + phone);
    }

    @Test
    void clickToCallRefusalsSayWhatToDoAndNeverSayCalling() {
        String phone = Cti.phone();
        Api.Response sms = api.post("/api/v1/inbound", """
                {"channel":"sms","entryPoint":"+908502220000","externalId":"%s","from":{"phone":"%s"},"text":"Beni arar mısınız?"}"""
                .formatted(UUID.randomUUID(), phone));
        String conversation = sms.text("/conversationId");
        String customer = sms.text("/customerId");
        String identity = customers.identities(new CustomerId(UUID.fromString(customer))).stream()
                .filter(i -> i.type() == IdentifierType.PHONE).map(Identity::id).findFirst().orElseThrow().toString();

        Console withoutExtension = Console.signIn(port, agent("", ""), PASSWORD);
        assertThat(withoutExtension.get("/console/conversations/" + conversation).body())
                .contains("name=\"identity\" value=\"" + identity + "\"").contains("Ara: " + phone);
        String page = dial(withoutExtension, "/console/conversations/" + conversation, identity);
        assertThat(page).contains("size tanımlı bir dahili numara yok. Bir yöneticiden").doesNotContain("aranıyor…");

        Console withExtension = Console.signIn(port, agent("", "78" + suffix().substring(0, 4)), PASSWORD);
        page = dial(withExtension, "/console/conversations/" + conversation, identity);
        assertThat(page).contains("arama yapacak bir telefon sistemi seçilmemiş").doesNotContain("aranıyor…");
        page = dial(withExtension, "/console/customers/" + customer, identity);
        assertThat(page).contains("arama yapacak bir telefon sistemi seçilmemiş").contains("Ara: " + phone).doesNotContain("aranıyor…");
        assertThat(centre.ofCustomer(UUID.fromString(customer), 10)).as("nothing was placed").isEmpty();

        page = dial(withExtension, "/console/conversations/" + conversation, UUID.randomUUID().toString());
        assertThat(page).contains("Bu müşterinin böyle bir telefon numarası yok.");
        page = dial(withExtension, "/console/conversations/" + conversation, "x\u0000");
        assertThat(page).contains("Bu müşterinin böyle bir telefon numarası yok.");
        assertThat(dial(admin, "/console/customers/" + customer, identity)).contains("Arama yapmak için temsilci profiliniz olmalı.");
    }

    @Test
    void theAgentFormSetsExtensionsAndSaysWhoHasATakenOne() {
        String suffix = suffix();
        String first = "79" + suffix.substring(0, 4) + "0";
        String second = "79" + suffix.substring(0, 4) + "1";
        String owner = agent("", first + ", " + second);
        UUID ownerId = agents.findByUsername(owner).orElseThrow().id();
        assertThat(extensions.of(ownerId)).containsExactly(first, second);
        assertThat(admin.get("/console/admin/agents/" + ownerId).body()).contains("value=\"" + first + ", " + second + "\"");
        assertThat(admin.get("/console/admin/agents").body()).contains(first + ", " + second);

        String other = agent("", "");
        UUID otherId = agents.findByUsername(other).orElseThrow().id();
        Console.Page taken = update(otherId, "Yeni Ad " + suffix, second);
        assertThat(taken.status()).isEqualTo(422);
        assertThat(taken.body()).contains(second + " dahili numarası zaten Arama Ajanı " + owner + " adlı temsilcide.")
                .contains("value=\"" + second + "\"");
        assertThat(agents.get(otherId).displayName()).as("nothing of the form is saved").doesNotContain("Yeni Ad");
        assertThat(extensions.of(otherId)).isEmpty();

        Console.Page bad = update(otherId, "Arama Ajanı " + other, "12 34");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("Dahili numara 1-64 harf, rakam ya da _.@:+/- karakterinden oluşur.");

        assertThat(update(otherId, "Arama Ajanı " + other, "79" + suffix.substring(2, 6) + "\u0000").status()).isEqualTo(302);
        assertThat(extensions.of(otherId)).containsExactly("79" + suffix.substring(2, 6));
        assertThat(update(ownerId, "Arama Ajanı " + owner, "").status()).isEqualTo(302);
        assertThat(extensions.of(ownerId)).as("emptied").isEmpty();
    }

    /** Dials from a page and answers the page it goes back to. */
    private static String dial(Console console, String page, String identity) {
        Console.Page posted = console.submit(page, page + "/call", Map.of("identity", identity));
        assertThat(posted.status()).isEqualTo(302);
        assertThat(posted.location()).endsWith(page);
        return console.get(page).body();
    }

    /** The supervisor board's line of one agent. */
    private String board(Console supervisor, String username) {
        String body = supervisor.get("/console/supervisor").body();
        String name = "Arama Ajanı " + username;
        int at = body.lastIndexOf(name);
        assertThat(at).as("the board lists " + name).isNotNegative();
        return body.substring(at, body.indexOf("</td>", at));
    }

    private Console.Page update(UUID agentId, String displayName, String typedExtensions) {
        return admin.submit("/console/admin/agents/" + agentId, "/console/admin/agents/" + agentId, List.of(
                Map.entry("displayName", displayName), Map.entry("email", ""), Map.entry("skills", ""), Map.entry("languages", "tr"),
                Map.entry("presence", "offline"), Map.entry("extensions", typedExtensions)));
    }

    /** A new agent who signs in with {@link #PASSWORD}, offline (routing gives them nothing), with these extensions. */
    private String agent(String queueAccess, String typedExtensions) {
        String username = ("arama-" + suffix()).toLowerCase();
        List<Map.Entry<String, String>> fields = List.of(Map.entry("username", username), Map.entry("displayName", "Arama Ajanı " + username),
                Map.entry("email", ""), Map.entry("password", PASSWORD), Map.entry("skills", ""), Map.entry("languages", "tr"),
                Map.entry("queues", queueId("Fatura")), Map.entry("presence", "offline"), Map.entry("extensions", typedExtensions));
        Console.Page created = admin.submit("/console/admin/agents", "/console/admin/agents", fields);
        assertThat(created.status()).as(created.body()).isEqualTo(302);
        if (!queueAccess.isEmpty()) {
            assertThat(admin.submit("/console/admin/users", "/console/admin/users/" + username + "/queue-access",
                    Map.of("queueAccess", queueAccess)).status()).isEqualTo(302);
        }
        return username;
    }

    private String extensionOf(String username) {
        return extensions.of(agents.findByUsername(username).orElseThrow().id()).getFirst();
    }

    private String queueId(String name) {
        return api.get("/api/v1/queues").json().valueStream().filter(q -> name.equals(q.at("/name").asString()))
                .findFirst().orElseThrow().at("/id").asString();
    }

    private static String suffix() {
        return String.valueOf(10_000_000 + Math.abs(UUID.randomUUID().getMostSignificantBits() % 90_000_000));
    }
}
