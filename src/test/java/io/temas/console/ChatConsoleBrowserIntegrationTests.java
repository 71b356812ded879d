package io.temas.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.temas.chat.ChatActivity;
import io.temas.chat.ChatConsole;
import io.temas.chat.ChatSummary;
import io.temas.support.Api;
import io.temas.support.Browser;
import io.temas.support.Console;
import io.temas.support.TemasIntegrationTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * A chat as an agent meets it in the browser: the alert on whatever page they are on (toast,
 * flashing title, the sound toggle remembered), the chat panel with the customer typing, the
 * agent's typing passed on, the clock in seconds; at 1280 and at 390 px wide.
 */
@TemasIntegrationTest
class ChatConsoleBrowserIntegrationTests {

    private static final String PASSWORD = "parola-tarayici-1";
    private static final int PHONE = 390;

    @LocalServerPort
    int port;

    @MockitoBean
    ChatConsole chats;

    @Autowired
    ApplicationEventPublisher events;

    @Test
    void anAgentIsAlertedToANewChatFollowsItAndSeesTheCustomerTyping() {
        Api api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        Console admin = Console.signIn(port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String queue = "Tarayıcı " + suffix;
        String entryPoint = "tarayici-" + suffix;
        String username = "selin-" + suffix;
        assertThat(api.post("/api/v1/queues", "{\"name\":\"" + queue + "\"}").status()).isEqualTo(201);
        assertThat(api.post("/api/v1/entry-points", "{\"address\":\"" + entryPoint + "\",\"channel\":\"chat\",\"queue\":\"" + queue + "\"}")
                .status()).isEqualTo(201);
        String queueId = api.get("/api/v1/queues").json().valueStream().filter(q -> queue.equals(q.at("/name").asString()))
                .findFirst().orElseThrow().at("/id").asString();
        assertThat(admin.submit("/console/admin/agents", "/console/admin/agents", List.of(Map.entry("username", username),
                Map.entry("displayName", "Selin " + suffix), Map.entry("email", ""), Map.entry("password", PASSWORD),
                Map.entry("skills", ""), Map.entry("languages", "tr"), Map.entry("queues", queueId), Map.entry("presence", "online"),
                Map.entry("capacity.chat", "3"))).status()).isEqualTo(302);
        when(chats.summary(any())).thenReturn(Optional.of(new ChatSummary(UUID.randomUUID(), "agent", null, null, null, true,
                Instant.now(), null)));

        try (Browser chromium = Browser.start()) {
            BrowserContext context = chromium.context();
            try {
                Page page = Browser.signIn(context, port, username, PASSWORD);
                page.navigate("http://localhost:" + port + "/console/customers");
                page.locator("#live-status.on").waitFor();

                // The sound toggle: off, remembered across pages, and on again.
                page.locator("#chat-sound").click();
                assertThat(page.locator("#chat-sound")).hasAttribute("aria-pressed", "false");
                page.reload();
                assertThat(page.locator("#chat-sound")).hasAttribute("aria-pressed", "false");
                page.locator("#chat-sound").click();
                assertThat(page.locator("#chat-sound")).hasAttribute("aria-pressed", "true");
                assertThat(page.evaluate("localStorage.getItem('temas-chat-sound')")).isEqualTo("on");
                page.locator("#live-status.on").waitFor();

                String chat = chat(api, entryPoint, "Deniz Tarayıcı " + suffix);

                assertThat(page.locator(".chat-toast")).containsText("Deniz Tarayıcı " + suffix);
                assertThat(page.locator(".chat-toast")).containsText("Size yeni sohbet");
                page.waitForFunction("document.title.startsWith('(1) ')");
                Browser.screenshot(page, "chat-alert-1280");
                page.setViewportSize(PHONE, 844);
                assertThat(((Number) page.evaluate("document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(PHONE);
                Browser.screenshot(page, "chat-alert-390");
                page.setViewportSize(1280, 800);

                page.locator(".chat-toast a").click();
                page.waitForURL("**/console/conversations/" + chat);
                assertThat(page.locator("#chat-panel")).containsText("Temsilciyle konuşuyor");
                assertThat(page.locator("#chat-typing")).isHidden();
                assertThat(page.locator("time.sla.precise")).hasText(Pattern.compile("\\d+ (dk \\d+ )?sn (kaldı|gecikti)"));
                page.locator("#live-status.on").waitFor();

                events.publishEvent(new ChatActivity(UUID.fromString(chat), UUID.randomUUID(), ChatActivity.Kind.TYPING, "customer"));
                assertThat(page.locator("#chat-typing")).isVisible();
                assertThat(page.locator("#chat-typing")).hasText("Müşteri yazıyor…");

                page.locator("#reply-text").pressSequentially("Merhaba, hemen bakıyorum");
                verify(chats, timeout(20_000).atLeastOnce()).agentTyping(eq(UUID.fromString(chat)), eq("Selin " + suffix));
                Browser.screenshot(page, "chat-conversation-1280");
                page.locator("#chat-panel").evaluate("e => e.scrollIntoView({block: 'center'})");
                page.locator("#chat-panel").screenshot(new Locator.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("chat-panel-1280.png")));
                page.locator("header.topbar").screenshot(new Locator.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("chat-topbar-1280.png")));

                // Ended and rated, on a phone.
                when(chats.summary(any())).thenReturn(Optional.of(new ChatSummary(UUID.randomUUID(), "ended", "agent_ended", 4,
                        "Hızlı ve nazik bir yanıt, teşekkürler", false, Instant.now().minusSeconds(600), Instant.now())));
                page.setViewportSize(PHONE, 844);
                page.reload();
                assertThat(page.locator("#chat-panel .stars")).hasAttribute("aria-label", "5 üzerinden 4 yıldız");
                assertThat(page.locator("#chat-panel")).containsText("Hızlı ve nazik bir yanıt, teşekkürler");
                assertThat(page.locator("#chat-panel")).not().containsText("Sohbeti bitir");
                page.locator("#chat-panel").evaluate("e => e.scrollIntoView({block: 'center'})");
                page.locator("#chat-panel").screenshot(new Locator.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("chat-panel-ended-390.png")));
                assertThat(((Number) page.evaluate("document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(PHONE);
                Browser.screenshot(page, "chat-conversation-390");
            } finally {
                context.close();
            }
        }
    }

    private static String chat(Api api, String entryPoint, String name) {
        String id = UUID.randomUUID().toString();
        Api.Response response = api.post("/api/v1/inbound", """
                {"channel":"chat","entryPoint":"%s","externalId":"chat-%s","chatSession":"session-%s",
                 "from":{"name":"%s","email":"%s@example.com"},"text":"Merhaba, kargom nerede?"}"""
                .formatted(entryPoint, id, id, name, id));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.text("/conversationId");
    }
}
