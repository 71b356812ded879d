package io.temas.api;

import static io.temas.api.InboundApiIntegrationTests.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.temas.support.Api;
import io.temas.support.Console;
import io.temas.support.TemasIntegrationTest;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Retiring an entry point in stages: messages to a retiring address are still taken, routed and
 * acknowledged, and the customer is told once per conversation, in their language, which of the
 * organisation's other channels to use; a retirement set for a later day tells nobody yet. The
 * settings screen shows the state and each entry point's messages per week.
 */
@TemasIntegrationTest
class EntryPointRetirementIntegrationTests {

    private static final ZoneId ISTANBUL = ZoneId.of("Europe/Istanbul");

    @LocalServerPort
    int port;

    Api api;
    String queue;
    String email;
    String emailId;
    String phone;

    @BeforeEach
    void queueWithAnAddressAndANumber() {
        api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        queue = unique("Emekli");
        assertThat(api.post("/api/v1/queues", "{\"name\":\"" + queue + "\"}").status()).isEqualTo(201);
        email = unique("eski") + "@ornek.com.tr";
        Api.Response created = api.post("/api/v1/entry-points", """
                {"address":"%s","channel":"email","queue":"%s"}""".formatted(email, queue));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.text("/state")).isEqualTo("active");
        emailId = created.text("/id");
        phone = "+90212" + (1_000_000 + new Random().nextInt(8_999_999));
        assertThat(api.post("/api/v1/entry-points", """
                {"address":"%s","channel":"sms","queue":"%s"}""".formatted(phone, queue)).status()).isEqualTo(201);
    }

    @Test
    void aRetiringAddressIsStillAnsweredAndTheCustomerToldOnceWhereToWriteInsteadAndFromWhichDay() {
        LocalDate day = LocalDate.now(ISTANBUL).plusDays(14);
        Api.Response retiring = api.put("/api/v1/entry-points/" + emailId, """
                {"address":"%s","channel":"email","queue":"%s","state":"retiring","retiresAt":"%s"}""".formatted(email, queue, day));
        assertThat(retiring.status()).as(retiring.body()).isEqualTo(200);
        assertThat(retiring.text("/state")).isEqualTo("retiring");
        assertThat(retiring.text("/retiresAt")).isEqualTo(day.toString());
        assertThat(api.get("/api/v1/entry-points/" + emailId).text("/state")).isEqualTo("retiring");

        String customer = unique("emekli") + "@example.com";
        String conversationId = send(customer, "Siparişim nerede?", "Merhaba, siparişim hâlâ gelmedi, yardımcı olur musunuz?");
        JsonNode conversation = api.get("/api/v1/conversations/" + conversationId).json();
        assertThat(conversation.at("/queue").asString()).as("still routed").isEqualTo(queue);
        assertThat(kinds(conversation)).contains("ack", "notice");
        JsonNode notice = notices(conversation).getFirst();
        String said = day.format(DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.forLanguageTag("tr")));
        assertThat(notice.at("/text").asString()).contains(email, said + " tarihinden itibaren kullanılmayacak", phone)
                .endsWith("Örnek A.Ş.");

        String reference = conversation.at("/reference").asString();
        String again = send(customer, "Re: Siparişim nerede? [#" + reference + "]", "Bir haber var mı?");
        assertThat(again).isEqualTo(conversationId);
        assertThat(notices(api.get("/api/v1/conversations/" + conversationId).json())).as("once per conversation").hasSize(1);

        JsonNode timeline = api.get("/api/v1/customers/" + conversation.at("/customerId").asString()).json().at("/timeline");
        assertThat(timeline.valueStream().filter(e -> e.at("/kind").asString().equals("entry-point.retiring"))
                .map(e -> e.at("/summary").asString())).singleElement().asString().contains(email, "retiring", phone);
    }

    @Test
    void onAndAfterItsDayARetiringAddressIsToldAsNoLongerUsedNeverWithADayGonePast() {
        for (LocalDate day : List.of(LocalDate.now(ISTANBUL), LocalDate.now(ISTANBUL).minusDays(3))) {
            assertThat(api.put("/api/v1/entry-points/" + emailId, """
                    {"address":"%s","channel":"email","queue":"%s","state":"retiring","retiresAt":"%s"}""".formatted(email, queue, day))
                    .status()).isEqualTo(200);

            String conversationId = send(unique("sonra") + "@example.com", "Kargo", "Merhaba, kargom nerede acaba?");

            String notice = notices(api.get("/api/v1/conversations/" + conversationId).json()).getFirst().at("/text").asString();
            assertThat(notice).as("retired from %s", day).contains(email, "artık kullanılmıyor", phone).doesNotContain("kullanılmayacak");
        }
    }

    @Test
    void aRetiredAddressIsToldAsNoLongerUsedWhateverItsDay() {
        String later = LocalDate.now(ISTANBUL).plusDays(7).toString();
        assertThat(api.put("/api/v1/entry-points/" + emailId, """
                {"address":"%s","channel":"email","queue":"%s","state":"retired","retiresAt":"%s"}""".formatted(email, queue, later))
                .status()).isEqualTo(200);

        String conversationId = send(unique("sonra") + "@example.com", "Kargo", "Merhaba, kargom nerede acaba?");

        assertThat(notices(api.get("/api/v1/conversations/" + conversationId).json())).singleElement()
                .satisfies(n -> assertThat(n.at("/text").asString()).contains("artık kullanılmıyor"));
    }

    @Test
    void aStateNoOneKnowsIsRefusedNamingTheField() {
        Api.Response refused = api.put("/api/v1/entry-points/" + emailId, """
                {"address":"%s","channel":"email","queue":"%s","state":"asleep"}""".formatted(email, queue));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("state");
    }

    @Test
    void theSettingsScreenShowsStateAndWeeklyTraffic() {
        send(unique("trafik") + "@example.com", "Soru", "Merhaba, bir sorum var.");
        send(unique("trafik") + "@example.com", "Soru", "Merhaba, bir sorum daha var.");
        Console admin = Console.signIn(port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);

        Console.Page saved = admin.submit("/console/admin/entry-points/" + emailId, "/console/admin/entry-points/" + emailId, Map.of(
                "address", email, "channel", "email", "queue", api.get("/api/v1/entry-points/" + emailId).text("/queueId"),
                "state", "retiring", "retiresAt", LocalDate.now(ISTANBUL).plusDays(30).toString()));
        assertThat(saved.status()).as(saved.body()).isEqualTo(302);

        String page = admin.get("/console/admin/entry-points").body();
        String row = page.substring(page.indexOf(email), page.indexOf("</tr>", page.indexOf(email)));
        String day = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(Locale.forLanguageTag("tr"))
                .format(LocalDate.now(ISTANBUL).plusDays(30));
        assertThat(row).contains("data-state=\"retiring\"").contains("bu hafta 2").contains(day + " itibarıyla kullanımdan kalkar");
        assertThat(api.get("/api/v1/entry-points/" + emailId).text("/state")).isEqualTo("retiring");
    }

    private String send(String from, String subject, String text) {
        Api.Response response = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"%s","externalId":"%s","from":{"email":"%s"},"subject":%s,"text":%s}"""
                .formatted(email, unique("emekli"), from, Api.quote(subject), Api.quote(text)));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.text("/conversationId");
    }

    private static List<String> kinds(JsonNode conversation) {
        return conversation.at("/messages").valueStream().map(m -> m.at("/kind").asString()).toList();
    }

    private static List<JsonNode> notices(JsonNode conversation) {
        return conversation.at("/messages").valueStream().filter(m -> m.at("/kind").asString().equals("notice")).toList();
    }
}
