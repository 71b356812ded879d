package io.temas.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.customers.CustomerId;
import io.temas.customers.CustomerProfile;
import io.temas.customers.IdentityResolver;
import io.temas.customers.LifecycleStage;
import io.temas.customers.Profiles;
import io.temas.shared.Identifier;
import io.temas.support.Api;
import io.temas.support.Console;
import io.temas.support.TemasIntegrationTest;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The profile on the customer page: agents edit demographics and contact preferences and move the stage with a reason;
 * VIP and segments are the supervisors'; bad values come back as a sentence in the reader's language; the stage
 * history and the timeline say the move in Turkish; the funnel report and its CSV; the printable 360.
 */
@TemasIntegrationTest
class ProfileConsoleIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    IdentityResolver identities;

    @Autowired
    Profiles profiles;

    @Test
    void anAgentEditsDemographicsButNotVipOrSegments() {
        UUID id = customer("agent");
        String page = "/console/customers/" + id;
        Console ayse = Console.signIn(port, "ayse", TemasIntegrationTest.DEMO_PASSWORD);
        Document before = Jsoup.parse(ayse.get(page + "?lang=tr").body());
        assertThat(before.select("#profile-edit form.profile-form")).hasSize(1);
        assertThat(before.select("#profile-edit input[name=vip]")).isEmpty();
        assertThat(before.select("#profile-edit input[name=_csrf]")).isNotEmpty();

        Console.Page saved = ayse.submit(page, page + "/profile", Map.of("city", "Kadıköy", "occupation", "Mimar", "birthDate", "1990-05-17",
                "gender", "undisclosed", "preferredChannel", "sms", "language", "en"));
        assertThat(saved.status()).isEqualTo(302);
        CustomerProfile p = profiles.get(new CustomerId(id));
        assertThat(p.city()).isEqualTo("Kadıköy");
        assertThat(p.birthDate()).isEqualTo(LocalDate.of(1990, 5, 17));
        assertThat(p.preferredChannel().code()).isEqualTo("sms");
        Document after = Jsoup.parse(ayse.get(page + "?lang=tr").body());
        assertThat(after.select(".profile-facts").text()).contains("Kadıköy").contains("Mimar").contains("Belirtmek istemiyor").contains("SMS");
        // The name, as the customer says it, is the agent's to correct too.
        assertThat(after.select("#profile-edit input[name=displayName]")).hasSize(1);
        ayse.submit(page, page + "/profile", Map.of("displayName", "Zehra Aksoy"));
        assertThat(profiles.get(new CustomerId(id)).displayName()).isEqualTo("Zehra Aksoy");

        ayse.submit(page, page + "/profile", Map.of("city", "Üsküdar", "ranking", "true", "vip", "true", "segments", "gold"));
        Document refused = Jsoup.parse(ayse.get(page + "?lang=tr").body());
        assertThat(refused.select(".alert.error").text()).contains("yalnızca süpervizörler");
        p = profiles.get(new CustomerId(id));
        assertThat(p.vip()).isFalse();
        assertThat(p.segments()).isEmpty();
        assertThat(p.city()).isEqualTo("Kadıköy");

        Console selin = Console.signIn(port, "selin", TemasIntegrationTest.DEMO_PASSWORD);
        assertThat(Jsoup.parse(selin.get(page).body()).select("#profile-edit input[name=vip]")).hasSize(1);
        selin.submit(page, page + "/profile", Map.of("city", "Kadıköy", "ranking", "true", "vip", "true", "segments", "gold, Kurumsal"));
        p = profiles.get(new CustomerId(id));
        assertThat(p.vip()).isTrue();
        assertThat(p.segments()).containsExactly("gold", "kurumsal");
        selin.submit(page, page + "/profile", Map.of("ranking", "true", "segments", ""));
        assertThat(profiles.get(new CustomerId(id)).vip()).isFalse();
    }

    @Test
    void badValuesComeBackAsASentenceAndChangeNothing() {
        UUID id = customer("bad");
        String page = "/console/customers/" + id;
        Console ayse = Console.signIn(port, "ayse", TemasIntegrationTest.DEMO_PASSWORD);
        // Pages clean what people type: a control character is dropped, not stored.
        ayse.submit(page, page + "/profile", Map.of("city", "Or\u0000du"));
        assertThat(profiles.get(new CustomerId(id)).city()).isEqualTo("Ordu");
        ayse.submit(page, page + "/profile", Map.of("city", "Ş".repeat(101)));
        assertThat(Jsoup.parse(ayse.get(page + "?lang=tr").body()).select(".alert.error").text()).contains("Şehir en fazla 100 karakter");
        ayse.submit(page, page + "/profile", Map.of("occupation", "m".repeat(5000)));
        assertThat(Jsoup.parse(ayse.get(page + "?lang=en").body()).select(".alert.error").text()).contains("An occupation has at most 100");
        ayse.submit(page, page + "/profile", Map.of("birthDate", "2999-01-01"));
        assertThat(Jsoup.parse(ayse.get(page + "?lang=tr").body()).select(".alert.error").text()).contains("Doğum tarihi");
        ayse.submit(page, page + "/profile", Map.of("preferredChannel", "fax"));
        assertThat(Jsoup.parse(ayse.get(page + "?lang=tr").body()).select(".alert.error").text()).contains("Tercih edilen kanal");
        ayse.submit(page, page + "/stage", Map.of("stage", "loyal", "reason", ""));
        assertThat(Jsoup.parse(ayse.get(page + "?lang=tr").body()).select(".alert.error").text()).contains("bir neden yazın");
        ayse.submit(page, page + "/stage", Map.of("stage", "golden", "reason", "x"));
        assertThat(Jsoup.parse(ayse.get(page + "?lang=tr").body()).select(".alert.error").text()).contains("Aşama listeden");
        CustomerProfile p = profiles.get(new CustomerId(id));
        assertThat(p.city()).isEqualTo("Ordu");
        assertThat(p.occupation()).isNull();
        assertThat(p.birthDate()).isNull();
        assertThat(p.stage()).isNull();

        Console.Page forged = ayse.post(page + "/profile", "not-the-token", Map.of("city", "Rize"));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(profiles.get(new CustomerId(id)).city()).isEqualTo("Ordu");
    }

    @Test
    void aStageMoveWithItsReasonShowsInTheHistoryAndOnTheTimelineInTheReadersLanguage() {
        UUID id = customer("stage");
        String page = "/console/customers/" + id;
        Console ayse = Console.signIn(port, "ayse", TemasIntegrationTest.DEMO_PASSWORD);
        ayse.submit(page, page + "/stage", Map.of("stage", "prospect", "reason", "Kredi kartı teklifi istedi"));
        Document tr = Jsoup.parse(ayse.get(page + "?lang=tr").body());
        assertThat(tr.select(".alert.ok").text()).contains("Aşama değiştirildi");
        assertThat(tr.select("#lifecycle-history li").first().text()).contains("Belirlenmedi → Potansiyel müşteri").contains("ayse")
                .contains("Kredi kartı teklifi istedi");
        assertThat(tr.select(".timeline").text()).contains("Yaşam döngüsü aşaması değişti").contains("Potansiyel müşteri");
        assertThat(tr.select(".profile-facts").text()).contains("Potansiyel müşteri");
        Document az = Jsoup.parse(ayse.get(page + "?lang=az").body());
        assertThat(az.select(".timeline").text()).contains("Həyat dövrü mərhələsi dəyişdi").contains("Potensial müştəri");
        Document en = Jsoup.parse(ayse.get(page + "?lang=en").body());
        assertThat(en.select("#lifecycle-history").text()).contains("Not set → Prospect");
    }

    @Test
    void theFunnelReportIsTheSupervisorsWithAChartTableAndCsv() {
        UUID id = customer("funnel");
        profiles.changeStage(new CustomerId(id), LifecycleStage.LEAD, "import", "test");
        profiles.changeStage(new CustomerId(id), LifecycleStage.LOST, "moved abroad", "test");
        long lost = profiles.stages().stream().filter(s -> s.stage() == LifecycleStage.LOST).findFirst().orElseThrow().customers();
        Console selin = Console.signIn(port, "selin", TemasIntegrationTest.DEMO_PASSWORD);
        Console.Page report = selin.get("/console/reports/lifecycle?lang=tr");
        assertThat(report.status()).isEqualTo(200);
        Document doc = Jsoup.parse(report.body());
        assertThat(doc.select("#panel-stages .chart").attr("data-chart")).contains("Kaybedildi");
        assertThat(doc.select("#panel-stages tbody tr")).hasSize(LifecycleStage.values().length + 1);
        assertThat(doc.select("#panel-stages tbody tr").get(LifecycleStage.LOST.ordinal()).text()).contains("Kaybedildi")
                .contains(java.text.NumberFormat.getIntegerInstance(java.util.Locale.forLanguageTag("tr")).format(lost));
        assertThat(doc.select("#panel-moves tbody").text()).contains("Aday").contains("Kaybedildi");
        Console.Page csv = selin.get("/console/reports/lifecycle/moves.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body()).contains("lead,lost,");
        Console.Page stagesCsv = selin.get("/console/reports/lifecycle/stages.csv");
        assertThat(stagesCsv.body()).contains("lost," + lost);

        Console ayse = Console.signIn(port, "ayse", TemasIntegrationTest.DEMO_PASSWORD);
        assertThat(ayse.get("/console/reports/lifecycle").status()).isEqualTo(403);
    }

    @Test
    void thePrintablePageHoldsTheWholePersonWithoutNavigation() {
        Api api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        String u = UUID.randomUUID().toString().substring(0, 8);
        JsonNode inbound = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"bilgi@ornek.com.tr","externalId":"<print-%1$s@example.com>",
                 "from":{"email":"print-%1$s@example.com","name":"Baskı %1$s"},"subject":"Kredi %1$s","text":"Kredi başvurum ne durumda?"}"""
                .formatted(u)).json();
        UUID id = UUID.fromString(inbound.at("/customerId").asString());
        api.patch("/api/v1/customers/" + id + "/profile", "{\"vip\":true,\"city\":\"Trabzon\",\"occupation\":\"Eczacı\"}");
        api.post("/api/v1/customers/" + id + "/lifecycle", "{\"stage\":\"at_risk\",\"reason\":\"şikâyet\"}");
        Console ayse = Console.signIn(port, "ayse", TemasIntegrationTest.DEMO_PASSWORD);
        Document customerPage = Jsoup.parse(ayse.get("/console/customers/" + id).body());
        assertThat(customerPage.select("#profile-edit a[href$=/print]").attr("href")).isEqualTo("/console/customers/" + id + "/print");

        Console.Page print = ayse.get("/console/customers/" + id + "/print?lang=tr");
        assertThat(print.status()).isEqualTo(200);
        Document doc = Jsoup.parse(print.body());
        assertThat(doc.select("header.topbar, nav")).isEmpty();
        assertThat(doc.select("link[rel=stylesheet]").attr("href")).endsWith("customer-print.css");
        assertThat(doc.select("h1").text()).contains("Baskı " + u).contains("VIP").contains("Kayıp riski");
        assertThat(doc.select(".profile").text()).contains("Trabzon").contains("Eczacı").contains("print-" + u + "@example.com");
        assertThat(doc.select(".open").text()).contains("Kredi " + u);
        assertThat(doc.select(".contacts li")).isNotEmpty();
        assertThat(doc.select(".contacts").text()).contains("Yaşam döngüsü aşaması değişti");
        assertThat(doc.select(".offers h2").text()).isEqualTo("Kampanya teklifleri");
        assertThat(doc.select(".meta").text()).contains("Ayşe");

        UUID absorbed = customer("print-absorbed");
        api.post("/api/v1/customers/" + id + "/merge", "{\"otherCustomerId\":\"" + absorbed + "\"}");
        assertThat(ayse.get("/console/customers/" + absorbed + "/print").location()).endsWith("/console/customers/" + id + "/print");
        assertThat(ayse.get("/console/customers/" + UUID.randomUUID() + "/print").status()).isEqualTo(404);
        assertThat(Console.anonymous(port).get("/console/customers/" + id + "/print").status()).isEqualTo(302);
    }

    private UUID customer(String name) {
        String u = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        return identities.resolve(List.of(Identifier.email(u + "@example.com")), "Profil " + u, null).customerId().value();
    }

}
