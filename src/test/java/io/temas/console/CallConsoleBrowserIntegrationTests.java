package io.temas.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.temas.calls.Extensions;
import io.temas.routing.Agents;
import io.temas.support.Api;
import io.temas.support.Browser;
import io.temas.support.Cti;
import io.temas.support.TemasIntegrationTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A call as an agent meets it in the browser: a signed CTI event rings her extension and the
 * caller's 360 pops on the page she is on, the panel follows the call as it is answered and ends,
 * she records the wrap-up in it, and the conversation shows the call's card, resolved; at 1280
 * and at 390 px wide.
 */
@TemasIntegrationTest
class CallConsoleBrowserIntegrationTests {

    private static final int PHONE = 390;

    @LocalServerPort
    int port;

    @Autowired
    Extensions extensions;

    @Autowired
    Agents agents;

    @Test
    void theCallerPopsOnAyseScreenFollowsTheCallAndSheWrapsItUpInThePanel() {
        Api api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        Cti cti = new Cti(port);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String name = "Derya Çağrı " + suffix;
        String phone = Cti.phone();
        Api.Response sms = api.post("/api/v1/inbound", """
                {"channel":"sms","entryPoint":"+908502220000","externalId":"%s","from":{"phone":"%s","name":"%s"},
                 "text":"Kampanya hakkında bilgi alabilir miyim?"}""".formatted(UUID.randomUUID(), phone, name));
        assertThat(sms.status()).as(sms.body()).isIn(200, 201);
        String extension = "74" + (1000 + Math.abs(suffix.hashCode() % 9000));
        extensions.set(agents.findByUsername("ayse").orElseThrow().id(), List.of(extension));

        try (Browser chromium = Browser.start()) {
            BrowserContext context = chromium.context();
            try {
                Page page = Browser.signIn(context, port, "ayse", TemasIntegrationTest.DEMO_PASSWORD);
                page.navigate("http://localhost:" + port + "/console/inbox");
                page.locator("#live-status.on").waitFor();

                String callId = "c-" + UUID.randomUUID();
                Api.Response ringing = cti.ringing(callId, phone, extension);
                assertThat(ringing.status()).as(ringing.body()).isEqualTo(201);
                String id = ringing.text("/id");

                Locator pop = page.locator("#call-pop");
                assertThat(pop).isVisible();
                assertThat(pop).hasAttribute("role", "dialog");
                assertThat(pop.locator(".call-pop-name")).containsText(name);
                assertThat(pop).containsText(phone);
                assertThat(pop).containsText("Çalıyor");
                assertThat(pop.locator(".call-pop-say")).hasText("Gelen arama: " + phone + " " + name);
                assertThat(page.locator("#call-pop-title")).isFocused();
                Browser.screenshot(page, "call-pop-1280");
                page.setViewportSize(PHONE, 844);
                assertThat(((Number) page.evaluate("document.documentElement.scrollWidth")).intValue()).as(wider(page)).isLessThanOrEqualTo(PHONE);
                Browser.screenshot(page, "call-pop-390");
                page.setViewportSize(1280, 800);

                cti.answered(callId, extension);
                assertThat(pop).containsText("Görüşülüyor");
                assertThat(pop).containsText("Görüşme bitince sonucu buradan kaydedin.");

                cti.ended(callId, 95, "normal", "https://pbx.example/kayit/" + suffix + ".wav");
                Locator form = pop.locator("form[data-call-form]");
                assertThat(form).isVisible();
                assertThat(pop).containsText("Görüşme sonrası kayıttasınız: bitirene kadar size yeni arama gelmez.");
                Locator resolve = form.locator("[data-call-resolve]");
                assertThat(resolve).isChecked();
                form.getByLabel("Sonuç").selectOption("follow-up");
                assertThat(resolve).not().isChecked();
                form.getByLabel("Sonuç").selectOption("resolved");
                assertThat(resolve).isChecked();
                form.getByLabel("Notlar").fill("Kampanya koşulları anlatıldı " + suffix);
                form.getByLabel("Etiketler").fill("kampanya-bilgi");
                Browser.screenshot(page, "call-wrap-up-1280");
                form.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                        new Locator.GetByRoleOptions().setName("Kaydı tamamla")).click();

                assertThat(pop).containsText("Görüşme sonrası kayıt alındı. Yeni aramalara açıksınız.");
                assertThat(pop.locator("form[data-call-form]")).hasCount(0);
                page.keyboard().press("Escape");
                assertThat(pop).isHidden();

                page.navigate("http://localhost:" + port + "/console/conversations/" + ringing.text("/conversationId"));
                Locator card = page.locator("#call-" + id);
                assertThat(card).isVisible();
                assertThat(card).containsText("Gelen arama: " + phone);
                assertThat(card).containsText("1 dk 35 sn");
                assertThat(card).containsText("Çözüldü");
                assertThat(card.locator("a[rel='noopener noreferrer']")).hasAttribute("href", "https://pbx.example/kayit/" + suffix + ".wav");
                assertThat(page.locator("[data-status]")).hasText("Çözüldü");
                assertThat(page.locator("#thread")).not().containsText("☎ " + phone);
                assertThat(page.locator("#thread")).containsText("Kampanya koşulları anlatıldı " + suffix);
                assertThat(api.get("/api/v1/conversations/" + ringing.text("/conversationId")).text("/status")).isEqualTo("resolved");
                assertThat(page.locator("#call-pop")).hasCount(0);
                Browser.screenshot(page, "call-conversation-1280");
                page.setViewportSize(PHONE, 844);
                assertThat(((Number) page.evaluate("document.documentElement.scrollWidth")).intValue()).as(wider(page)).isLessThanOrEqualTo(PHONE);
                // The page's own screenshot with the card in view: an element's screenshot fails when a live refresh swaps the card meanwhile.
                card.evaluate("e => e.scrollIntoView({block: 'center'})");
                Browser.screenshot(page, "call-conversation-390");

                // The customer's page: a call button for the number, the call on the timeline in her words.
                page.setViewportSize(1280, 800);
                page.navigate("http://localhost:" + port + "/console/customers/" + ringing.text("/customerId"));
                assertThat(page.locator("#call-panel button")).hasText("Ara: " + phone);
                assertThat(page.locator(".timeline")).containsText("Görüşme: " + phone + ", 1 dk 35 sn, kapanış: olağan kapanış");
                Browser.screenshot(page, "call-customer-1280");
                page.setViewportSize(PHONE, 844);
                assertThat(((Number) page.evaluate("document.documentElement.scrollWidth")).intValue()).as(wider(page)).isLessThanOrEqualTo(PHONE);
                Browser.screenshot(page, "call-customer-390");
            } finally {
                context.close();
            }
            BrowserContext adminContext = chromium.context();
            try {
                Page admin = Browser.signIn(adminContext, port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);
                admin.navigate("http://localhost:" + port + "/console/admin/agents/" + agents.findByUsername("ayse").orElseThrow().id());
                assertThat(admin.getByLabel("Dahili numaralar")).hasValue(extension);
                Browser.screenshot(admin, "call-extensions-1280");
                admin.setViewportSize(PHONE, 844);
                assertThat(((Number) admin.evaluate("document.documentElement.scrollWidth")).intValue()).as(wider(admin)).isLessThanOrEqualTo(PHONE);
                Browser.screenshot(admin, "call-extensions-390");
            } finally {
                adminContext.close();
            }
        }
    }

    /** The elements wider than the viewport, to say what breaks a narrow page. */
    private static String wider(Page page) {
        return String.valueOf(page.evaluate("""
                () => Array.from(document.querySelectorAll('body *')).filter(e => e.getBoundingClientRect().right > window.innerWidth)
                  .filter(e => !Array.from(e.children).some(c => c.getBoundingClientRect().right > window.innerWidth)).slice(0, 8).map(e => e.tagName + '#' + e.id + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join(', ')"""));
    }
}
