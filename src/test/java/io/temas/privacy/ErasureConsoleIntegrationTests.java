package io.temas.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.temas.support.Api;
import io.temas.support.Browser;
import io.temas.support.Console;
import io.temas.support.TemasIntegrationTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The console's side of KVKK / GDPR: the customer page's block for admins only, the export download, the confirmation
 * page (reason and typed short id), the result and the list of erasures; supervisors see nothing and are refused at the
 * door; the pages fit a 390 px phone and a 1280 px screen.
 */
@TemasIntegrationTest
class ErasureConsoleIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
    }

    @Test
    void anAdminExportsAndErasesFromTheCustomerPageAfterConfirming() {
        String email = "konsol-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        UUID customer = customerWriting(email);
        Console admin = Console.signIn(port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);

        Console.Page page = admin.get("/console/customers/" + customer);
        assertThat(page.body()).contains("id=\"privacy-panel\"").contains("/console/admin/privacy/customers/" + customer + "/export")
                .contains("/console/admin/privacy/customers/" + customer + "/erase");
        Console.Page zip = admin.get("/console/admin/privacy/customers/" + customer + "/export");
        assertThat(zip.status()).isEqualTo(200);
        assertThat(zip.body()).startsWith("PK");

        String form = "/console/admin/privacy/customers/" + customer + "/erase";
        Console.Page confirm = admin.get(form);
        assertThat(confirm.status()).isEqualTo(200);
        String shortId = customer.toString().substring(0, 8);
        assertThat(confirm.body()).contains(shortId).contains(email).contains("Konuşmalar, mesajlar ve ekler").contains("geri alınamaz");

        Console.Page wrong = admin.submit(form, form, Map.of("reason", "Başvuru 42", "confirmation", "yanlış"));
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.body()).contains("hiçbir şey silinmedi");
        Console.Page noReason = admin.submit(form, form, Map.of("reason", " ", "confirmation", shortId));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.body()).contains("Bir gerekçe yazın");
        assertThat(identities(customer)).as("nothing erased yet").isEqualTo(1);

        Console.Page done = admin.submit(form, form, Map.of("reason", "Başvuru 42", "confirmation", shortId.toUpperCase()));
        assertThat(done.status()).isEqualTo(302);
        assertThat(done.location()).contains("/console/admin/privacy/erasures/");
        assertThat(identities(customer)).isZero();
        Console.Page result = admin.get(done.location().substring(done.location().indexOf("/console/")));
        assertThat(result.body()).contains("Kişinin verileri silindi").contains("Başvuru 42").contains("admin")
                .contains("Konuşmalar, mesajlar ve ekler").doesNotContain(email);
        assertThat(admin.get("/console/admin/privacy/erasures").body()).contains("Başvuru 42").contains("Silinen kişiler");
        assertThat(admin.get("/console/customers/" + customer).body()).as("the block says the person was erased")
                .contains("Silme kaydı").doesNotContain("/console/admin/privacy/customers/" + customer + "/erase\"");
        assertThat(admin.get(form).body()).as("the confirmation page offers no second erasure").contains("yeniden silinecek bir şey yok")
                .doesNotContain("name=\"confirmation\"");
        assertThat(admin.get("/console/admin/privacy/customers/" + UUID.randomUUID() + "/erase").status()).isEqualTo(404);
    }

    @Test
    void aSupervisorSeesNoBlockAndIsRefusedAtEveryAddress() {
        UUID customer = customerWriting("denetci-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com");
        Console selin = Console.signIn(port, "selin", TemasIntegrationTest.DEMO_PASSWORD);
        Console.Page page = selin.get("/console/customers/" + customer);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("privacy-panel").doesNotContain("/console/admin/privacy/");
        assertThat(selin.get("/console/admin/privacy/customers/" + customer + "/export").status()).isEqualTo(403);
        assertThat(selin.get("/console/admin/privacy/customers/" + customer + "/erase").status()).isEqualTo(403);
        assertThat(selin.get("/console/admin/privacy/erasures").status()).isEqualTo(403);
        String csrf = selin.get("/console/customers/" + customer).csrf();
        assertThat(selin.post("/console/admin/privacy/customers/" + customer + "/erase", csrf,
                Map.of("reason", "deneme", "confirmation", customer.toString().substring(0, 8))).status()).isEqualTo(403);
        assertThat(identities(customer)).isEqualTo(1);
    }

    @Test
    void theConfirmationAndTheListFitAPhoneAndAScreen() {
        UUID customer = customerWriting("ekran-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com");
        try (Browser chromium = Browser.start(); BrowserContext context = chromium.context()) {
            Page admin = Browser.signIn(context, port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);
            for (int width : new int[] {390, 1280}) {
                admin.setViewportSize(width, 844);
                for (String path : new String[] {"/console/customers/" + customer, "/console/admin/privacy/customers/" + customer + "/erase",
                        "/console/admin/privacy/erasures"}) {
                    admin.navigate("http://localhost:" + port + path);
                    assertThat(((Number) admin.evaluate("document.documentElement.scrollWidth")).doubleValue()).as(path + " at " + width + " px")
                            .isLessThanOrEqualTo(width);
                }
                Browser.screenshot(admin, "privacy-erase-list-" + width);
            }
            admin.navigate("http://localhost:" + port + "/console/admin/privacy/customers/" + customer + "/erase");
            admin.fill("#reason", "Tarayıcıdan başvuru");
            admin.fill("#confirmation", customer.toString().substring(0, 8));
            admin.click("#privacy-erase-form button[type=submit]");
            admin.waitForURL("**/console/admin/privacy/erasures/*");
            assertThat(admin.locator("#erasure").textContent()).contains("Tarayıcıdan başvuru");
            Browser.screenshot(admin, "privacy-erasure-1280");
        }
    }

    private UUID customerWriting(String email) {
        Api.Response inbound = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"fatura@ornek.com.tr","externalId":"<%s@example.com>","from":{"email":"%s"},"subject":"Soru","text":"Merhaba"}"""
                .formatted(UUID.randomUUID(), email));
        assertThat(inbound.status()).as(inbound.body()).isLessThan(300);
        return UUID.fromString(inbound.text("/customerId"));
    }

    private int identities(UUID customer) {
        return jdbc.sql("select count(*) from identities where customer_id = ?").param(customer).query(Integer.class).single();
    }
}
