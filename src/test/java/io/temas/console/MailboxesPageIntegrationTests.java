package io.temas.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.support.Api;
import io.temas.support.Console;
import io.temas.support.TemasIntegrationTest;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The mailboxes page tells the truth: mailboxes from the API listed with their entry points, e-mail entry points without one too. */
@TemasIntegrationTest
class MailboxesPageIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void theDemosEmailEntryPointsAreListedAsAddressesWithoutAMailboxSayingHowMailReachesThem() {
        Console admin = Console.signIn(port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);

        Document page = Jsoup.parse(admin.get("/console/admin/mailboxes?lang=en").body());

        Element unfetched = page.getElementById("unfetched");
        assertThat(unfetched).as("the section of addresses without a mailbox").isNotNull();
        assertThat(unfetched.select("tbody tr td:first-child").eachText())
                .contains("fatura@ornek.com.tr", "destek@ornek.com.tr", "bilgi@ornek.com.tr", "kampanya@ornek.com.tr")
                .doesNotContain("+908502220000", "web-iletisim");
        Element fatura = unfetched.select("tbody tr").stream().filter(r -> r.text().contains("fatura@ornek.com.tr")).findFirst().orElseThrow();
        assertThat(fatura.text()).contains("Fatura e-posta").contains("→ queue Fatura").contains("bin/mailgate")
                .contains("POST /api/v1/inbound/email?entryPoint=fatura@ornek.com.tr")
                .contains("replies from this address are recorded but not sent");
        assertThat(page.text()).doesNotContain("No mailboxes yet.");

        String prefilled = admin.get(fatura.selectFirst("a.button").attr("href").replace("#form", "")).body();
        Document form = Jsoup.parse(prefilled);
        assertThat(form.getElementById("m-address").val()).isEqualTo("fatura@ornek.com.tr");
        assertThat(form.getElementById("m-queue").val()).isEqualTo("Fatura");
    }

    @Test
    void aMailboxAddedThroughTheApiIsListedWithItsEntryPointAndLeavesTheOtherList() {
        Api api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        String address = unique("kutu") + "@ornek.com.tr";
        String queue = unique("Kutu");
        Api.Response created = api.post("/api/v1/mailboxes", "{\"address\":\"" + address + "\",\"queue\":\"" + queue + "\"}");
        assertThat(created.status()).as(created.body()).isIn(200, 201);
        Console admin = Console.signIn(port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);

        Document page = Jsoup.parse(admin.get("/console/admin/mailboxes?lang=tr").body());

        Element row = page.select("table.list").first().select("tbody tr").stream().filter(r -> r.text().contains(address))
                .findFirst().orElseThrow(() -> new AssertionError("the API's mailbox is listed: " + page.text()));
        assertThat(row.text()).contains("Konsoldan ya da API ile eklendi").contains("→ " + queue + " kuyruğu");
        assertThat(page.getElementById("unfetched").text()).doesNotContain(address).contains("fatura@ornek.com.tr");
    }

    private static String unique(String prefix) {
        return prefix + java.util.UUID.randomUUID().toString().substring(0, 8);
    }
}
