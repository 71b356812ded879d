package io.temas.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.temas.support.Api;
import io.temas.support.Browser;
import io.temas.support.MailboxBrowserTest;
import jakarta.mail.Address;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The customer's own page in a real browser, with real mail: a customer who wrote in by e-mail asks
 * for a code on the help centre, reads it from their inbox (GreenMail, over SMTP from the
 * queue's mailbox), signs in, sees their request with the agent's reply, answers it (the answer
 * lands on the same conversation through the pipeline), accepts the running offer and withdraws a
 * consent, at 390 px and 1280 px and in the three languages.
 */
class SelfServiceBrowserIntegrationTests extends MailboxBrowserTest {

    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    @Autowired
    JdbcClient jdbc;

    @Test
    void theCustomerSignsInWithTheMailedCodeAnswersTheirRequestAcceptsTheOfferAndWithdrawsAConsent() throws Exception {
        Api api = new Api(port, TOKEN);
        String customer = "musteri-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        Api.Response received = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"%s","externalId":"<%s@example.com>","from":{"email":"%s","name":"Deniz Kaya"},
                 "subject":"Modem kurulumu","text":"Modemim sürekli bağlantıyı kesiyor."}"""
                .formatted(MAILBOX, UUID.randomUUID(), customer));
        String conversation = received.text("/conversationId");
        String customerId = received.text("/customerId");
        api.post("/api/v1/conversations/" + conversation + "/messages",
                "{\"text\":\"Modeminizi yeniden başlatıp <b>5 dakika</b> bekleyin; sorun sürerse teknisyen gönderelim.\"}");
        api.post("/api/v1/conversations/" + conversation + "/messages", "{\"kind\":\"note\",\"text\":\"İÇ-NOT: hat arızası olabilir\"}");

        try (BrowserContext side = chromium.context()) {
            Page page = side.newPage();
            page.setViewportSize(390, 844);
            page.navigate(base() + "/portal");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Taleplerim")).click();
            assertThat(page.locator("h1")).hasText("Taleplerim");
            fits(page, 390, "sign-in");
            Browser.screenshot(page, "self-service-sign-in-390");
            page.getByLabel("E-posta adresiniz ya da telefon numaranız").fill(customer);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Kod gönder")).click();
            assertThat(page.locator("h1")).hasText("Giriş kodunu yazın");
            assertThat(page.locator("main [role=status]")).containsText(customer);

            MimeMessage mail = awaitMail(customer);
            assertThat(mail.getSubject()).startsWith("Giriş kodunuz: ");
            assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo(MAILBOX);
            String code = code(mail.getContent().toString());
            page.getByLabel("Altı haneli kod").fill(code);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Giriş yap")).click();

            assertThat(page.locator("h1")).hasText("Merhaba Deniz Kaya");
            assertThat(page.locator("#requests")).containsText("Modem kurulumu");
            assertThat(page.locator("#requests .badge")).hasText("Yanıtınızı bekliyor");
            fits(page, 390, "my page");
            Browser.screenshot(page, "self-service-my-390");

            page.locator("#requests a", new Page.LocatorOptions().setHasText("Modem kurulumu")).click();
            assertThat(page.locator(".self-message.from-customer")).containsText("Modemim sürekli bağlantıyı kesiyor.");
            assertThat(page.locator(".self-message.from-team").last()).containsText("Modeminizi yeniden başlatıp");
            assertThat(page.locator("main")).not().containsText("İÇ-NOT");
            assertThat(page.locator("main b")).hasCount(0);
            page.getByLabel("Yanıtınız").fill("Yeniden başlattım, sorun sürüyor. Teknisyen gönderebilir misiniz?");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Yanıtı gönder")).click();
            assertThat(page.locator("main [role=status]")).containsText("Yanıtınız bize ulaştı");
            assertThat(page.locator(".self-message.from-customer").last()).containsText("Teknisyen gönderebilir misiniz?");
            fits(page, 390, "request page");
            Browser.screenshot(page, "self-service-request-390");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(api.get("/api/v1/conversations/" + conversation).body())
                    .contains("Teknisyen gönderebilir misiniz?"));

            page.setViewportSize(1280, 800);
            page.navigate(base() + "/portal/my");
            page.locator("#offer-KIS2026").getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions()
                    .setName("Kabul ediyorum")).click();
            assertThat(page.locator("main [role=status]")).containsText("Teklifi kabul ettiniz");
            assertThat(page.locator("#offer-KIS2026 .self-answer")).containsText("kabul ettiniz");
            assertThat(jdbc.sql("""
                            select count(*) from campaign_responses r join campaigns c on c.id = r.campaign_id
                            where c.code = 'KIS2026' and r.customer_id = ?::uuid and r.kind = 'accepted' and r.medium = 'portal'""")
                    .param(customerId).query(Integer.class).single()).isOne();

            page.locator("#consent-email-commercial").getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions()
                    .setName("İzni geri al")).click();
            assertThat(page.locator("#consent-email-commercial .self-consent-state")).hasText("İzin vermediniz");
            assertThat(jdbc.sql("""
                            select granted from consents where customer_id = ?::uuid and channel = 'email' and purpose = 'commercial'
                            and source = 'portal' order by recorded_at desc limit 1""").param(customerId).query(Boolean.class).single())
                    .isFalse();
            fits(page, 1280, "my page");
            Browser.screenshot(page, "self-service-my-1280");

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("English")).click();
            assertThat(page.locator("#requests h2")).hasText("Your requests");
            assertThat(page.locator("#requests .self-meta")).containsText("Last activity:");
            assertThat(page.locator("#consent-email-commercial .self-consent-state")).hasText("Not allowed");
            page.navigate(base() + "/portal/my?lang=az");
            assertThat(page.locator("#requests h2")).hasText("Müraciətləriniz");
            Browser.screenshot(page, "self-service-my-az-1280");

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Çıxış")).click();
            assertThat(page.locator("main [role=status]")).containsText("Çıxış etdiniz");
            page.navigate(base() + "/portal/my/requests/" + conversation);
            assertThat(page.locator("h1")).hasText("Müraciətlərim");
        }
    }

    private static void fits(Page page, int width, String what) {
        double scroll = ((Number) page.evaluate("document.documentElement.scrollWidth")).doubleValue();
        assertThat(scroll).as("no sideways scrolling on the %s at %d px", what, width).isLessThanOrEqualTo(width);
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private static String code(String body) {
        Matcher m = CODE.matcher(body);
        assertThat(m.find()).as(body).isTrue();
        return m.group(1);
    }

    private static MimeMessage awaitMail(String recipient) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> Arrays.stream(MAIL.getReceivedMessages())
                .filter(m -> to(m, recipient)).filter(m -> subject(m).startsWith("Giriş kodunuz")).findFirst().orElse(null), m -> m != null);
    }

    private static String subject(MimeMessage message) {
        try {
            return String.valueOf(message.getSubject());
        } catch (Exception e) {
            return "";
        }
    }

    private static boolean to(MimeMessage message, String recipient) {
        try {
            Address[] to = message.getAllRecipients();
            return to != null && Arrays.stream(to).anyMatch(a -> ((InternetAddress) a).getAddress().equalsIgnoreCase(recipient));
        } catch (Exception e) {
            return false;
        }
    }
}
