package io.temas.feedback;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.temas.support.Api;
import io.temas.support.Browser;
import io.temas.support.MailboxBrowserTest;
import jakarta.mail.Address;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The customer's side in a real browser, with real mail: an agent answers by e-mail and resolves
 * ("send and resolve"); the reply and the survey reach the customer's inbox (GreenMail, over
 * SMTP); the customer opens the rating link from the reply and presses it, opens a score link
 * from the survey, answers the effort question with a comment on a phone-sized screen; the agent
 * sees the rating on the message and the answer on the conversation, and a supervisor sees both in
 * the agent's figures of the satisfaction report.
 */
class SurveyBrowserIntegrationTests extends MailboxBrowserTest {

    private static final Pattern RATING = Pattern.compile("https?://[^/\\s]+(/survey/r/[A-Za-z0-9_.-]+/yes)");
    private static final Pattern SCORE_4 = Pattern.compile("https?://[^/\\s]+(/survey/s/[A-Za-z0-9_.-]+\\?score=4)");

    @org.springframework.beans.factory.annotation.Autowired
    io.temas.reporting.ReportRollups rollups;

    @Test
    void theCustomerRatesTheReplyAndAnswersTheSurveyFromTheirMailAndTheAgentSeesBoth() throws Exception {
        Api api = new Api(port, TOKEN);
        String customer = "musteri-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String conversation = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"%s","externalId":"<%s@example.com>","from":{"email":"%s"},
                 "subject":"Adres değişikliği","text":"Fatura adresimi nasıl değiştiririm?"}"""
                .formatted(MAILBOX, UUID.randomUUID(), customer)).text("/conversationId");

        try (BrowserContext agentSide = chromium.context(); BrowserContext customerSide = chromium.context()) {
            Page agent = Browser.signIn(agentSide, port, "elif", io.temas.support.TemasIntegrationTest.DEMO_PASSWORD);
            agent.navigate(base() + "/console/conversations/" + conversation);
            agent.locator("#reply-text").fill("Adresinizi Hesabım › Bilgilerim sayfasından değiştirebilirsiniz.");
            agent.locator("#send-resolve").click();
            assertThat(agent.locator(".alert.ok")).isVisible();

            MimeMessage reply = awaitMail(customer, m -> text(m).contains("Hesabım › Bilgilerim"));
            MimeMessage survey = awaitMail(customer, m -> "survey".equals(m.getHeader("X-Temas-Kind", ",")));
            assertThat(survey.getSubject()).contains("Size nasıl yardımcı olduk?");
            String rating = path(RATING, text(reply));
            String score = path(SCORE_4, text(survey));

            Page page = customerSide.newPage();
            page.setViewportSize(390, 844);
            page.navigate(base() + rating);
            assertThat(page.locator("h1")).hasText("Bu yanıt işinize yaradı mı?");
            Browser.screenshot(page, "survey-rating-390");
            page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                    new Page.GetByRoleOptions().setName("Evet, işime yaradı")).click();
            assertThat(page.locator("[role=status]")).containsText("Değerlendirmeniz kaydedildi");

            page.navigate(base() + score);
            assertThat(page.locator("input[name=csat][value='4']")).isChecked();
            assertThat(page.locator("input[name=ces][value='2']")).not().isChecked();
            Browser.screenshot(page, "survey-page-390");
            double width = ((Number) page.evaluate("document.documentElement.scrollWidth")).doubleValue();
            assertThat(width).as("no sideways scrolling at 390 px").isLessThanOrEqualTo(390);
            page.locator("label:has(input[name=ces][value='2'])").click();
            page.getByLabel("Eklemek istediğiniz bir şey var mı? (isteğe bağlı)").fill("Çok hızlı yanıt verdiniz, teşekkürler.");
            page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Yanıtımı gönder")).click();
            assertThat(page.locator("h1")).hasText("Teşekkür ederiz");
            page.navigate(base() + score);
            assertThat(page.locator("h1")).hasText("Teşekkürler, zaten yanıtladınız");
            page.setViewportSize(1280, 800);
            Browser.screenshot(page, "survey-answered-1280");

            agent.reload();
            assertThat(agent.locator(".reply-rating")).hasText("İşine yaradı");
            assertThat(agent.locator("#survey-line")).containsText("Memnuniyet 4/5, kolaylık 2/7");
            assertThat(agent.locator("#survey-line")).containsText("Çok hızlı yanıt verdiniz");
            Browser.screenshot(agent, "survey-console-1280");
        }
        // The supervisor's satisfaction report: Elif's answer and her rated reply, once the rollups have caught up.
        rollups.refresh();
        try (BrowserContext supervisorSide = chromium.context()) {
            Page supervisor = Browser.signIn(supervisorSide, port, "selin", io.temas.support.TemasIntegrationTest.DEMO_PASSWORD);
            supervisor.navigate(base() + "/console/reports/satisfaction");
            assertThat(supervisor.locator("#panel-agents .chart")).hasAttribute("data-rendered", "true");
            assertThat(supervisor.locator("#panel-agents tbody tr").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("Elif"))
                    .locator("td")).containsText(new String[] {"1", "4,00", "%100", "1", "2,00", "1", "1", "%100"});
            assertThat(supervisor.locator("#panel-ratings tbody tr").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("Elif"))
                    .locator("td")).containsText(new String[] {"1", "1", "%100"});
            Browser.screenshot(supervisor, "survey-report-1280");
        }
        try (BrowserContext adminSide = chromium.context()) {
            Page admin = Browser.signIn(adminSide, port, "admin", ADMIN_PASSWORD);
            admin.setViewportSize(390, 844);
            admin.navigate(base() + "/console/admin/surveys");
            assertThat(admin.locator("#quietDays")).hasValue("30");
            assertThat(admin.locator("#smsWindowHours")).hasValue("24");
            assertThat(((Number) admin.evaluate("document.documentElement.scrollWidth")).doubleValue()).as("the admin screen fits 390 px")
                    .isLessThanOrEqualTo(390);
            Browser.screenshot(admin, "survey-admin-390");
        }
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private static String path(Pattern pattern, String body) {
        Matcher m = pattern.matcher(body);
        assertThat(m.find()).as(body).isTrue();
        return m.group(1);
    }

    private static MimeMessage awaitMail(String recipient, MailCondition condition) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> Arrays.stream(MAIL.getReceivedMessages())
                .filter(m -> to(m, recipient)).filter(condition).findFirst().orElse(null), m -> m != null);
    }

    private static boolean to(MimeMessage message, String recipient) {
        try {
            Address[] to = message.getAllRecipients();
            return to != null && Arrays.stream(to).anyMatch(a -> ((InternetAddress) a).getAddress().equalsIgnoreCase(recipient));
        } catch (Exception e) {
            return false;
        }
    }

    private static String text(MimeMessage message) {
        try {
            Object content = message.getContent();
            return content instanceof String s ? s : String.valueOf(content);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @FunctionalInterface
    interface MailCondition extends Predicate<MimeMessage> {
        boolean holds(MimeMessage message) throws Exception;

        @Override
        default boolean test(MimeMessage message) {
            try {
                return holds(message);
            } catch (Exception e) {
                return false;
            }
        }
    }
}
