package io.temas.calls;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.temas.routing.EntryPoints;
import io.temas.routing.Queue;
import io.temas.routing.Queues;
import io.temas.support.Browser;
import io.temas.support.Console;
import io.temas.support.HandClock;
import io.temas.support.TemasIntegrationTest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A callback from the customer's side to the agent's: booked on the help centre for a time, offered
 * at that time to an agent on whatever console page she has open, with the customer, the note and
 * a button to call; she calls and records that she reached the customer. At 1280 and 390 px wide.
 */
@CallbackClockTest
class CallbackBrowserIntegrationTests {

    private static final String PASSWORD = "parola-geri-arama-1";
    private static final ZoneId ISTANBUL = ZoneId.of("Europe/Istanbul");
    private static final int PHONE_WIDTH = 390;

    @LocalServerPort
    int port;

    @Autowired
    HandClock clock;

    @Autowired
    CallbackDesk desk;

    @Autowired
    Callbacks callbacks;

    @Autowired
    Queues queues;

    @Autowired
    EntryPoints entryPoints;

    @Autowired
    CallbackPolicies policies;

    @Autowired
    CallbackClockTest.DialledPbx pbx;

    @Autowired
    io.temas.routing.Agents agents;

    @Autowired
    Extensions extensions;

    @Test
    void aCallbackBookedOnTheHelpCentreIsOfferedToTheAgentAtItsTimeWithTheCustomerAndACallButton() {
        clock.set(CallbackClockTest.START);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Queue queue = queues.create("Geri arama tarayıcı " + suffix, null, null);
        entryPoints.create(CallbackClockTest.PORTAL_NUMBER, null, queue.id(), "Geri arama", null, null);
        policies.setCapacity(queue.id(), 2);
        String username = "derya-" + suffix;
        Console admin = Console.signIn(port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);
        assertThat(admin.submit("/console/admin/agents", "/console/admin/agents", List.of(Map.entry("username", username),
                Map.entry("displayName", "Derya " + suffix), Map.entry("email", ""), Map.entry("password", PASSWORD),
                Map.entry("skills", ""), Map.entry("languages", "tr"), Map.entry("queues", queue.id().toString()),
                Map.entry("presence", "online"), Map.entry("capacity.voice", "1"))).status()).isEqualTo(302);
        extensions.set(agents.findByUsername(username).orElseThrow().id(), List.of("79" + Math.abs(suffix.hashCode() % 100_000)));
        String phone = "+90555" + (7_000_000 + Math.abs(suffix.hashCode() % 1_000_000));

        try (Browser chromium = Browser.start()) {
            BrowserContext customer = chromium.context();
            BrowserContext agent = chromium.context();
            try {
                // The customer books 10:00-10:30 today (Monday) on the help centre, reached from the contact page.
                Page portal = customer.newPage();
                portal.navigate("http://localhost:" + port + "/portal/contact");
                portal.locator(".portal-callback-link a").click();
                portal.waitForURL("**/portal/callback");
                Locator ten = portal.locator("label.portal-slot", new Page.LocatorOptions().setHasText("10:00–10:30"));
                assertThat(ten).isVisible();
                // 08:30 is within the hour's lead time, so it is not offered.
                assertThat(portal.locator("label.portal-slot", new Page.LocatorOptions().setHasText("08:30–09:00"))).hasCount(0);
                Browser.screenshot(portal, "callback-portal-1280");
                ten.click();
                portal.locator("#callback-phone").fill(phone);
                portal.locator("#callback-note").fill("Faturamdaki ek ücreti konuşmak istiyorum");
                portal.locator("#callback-form button[type=submit]").click();
                assertThat(portal.locator("#callback-booked")).containsText("10:00–10:30");
                assertThat(portal.locator("#callback-booked")).containsText(phone);
                portal.setViewportSize(PHONE_WIDTH, 844);
                Browser.screenshot(portal, "callback-portal-booked-390");

                // The agent works on another page; at 10:00 the callback is offered to her there.
                Page console = Browser.signIn(agent, port, username, PASSWORD);
                console.navigate("http://localhost:" + port + "/console/customers");
                console.locator("#live-status.on").waitFor();
                assertThat(console.locator(".callback-card")).hasCount(0);

                clock.set(LocalDate.of(2026, 12, 7).atTime(10, 0).atZone(ISTANBUL).toInstant());
                desk.offerDue();

                Locator card = console.locator(".callback-card");
                assertThat(card).isVisible();
                assertThat(card).containsText(phone);
                assertThat(card).containsText("Faturamdaki ek ücreti konuşmak istiyorum");
                assertThat(card).containsText("10:00–10:30");
                assertThat(card.locator("button[data-callback-call]")).hasText("Şimdi ara");
                assertThat(card.locator(".callback-outcomes button")).hasCount(4);
                Browser.screenshot(console, "callback-card-1280");
                console.setViewportSize(PHONE_WIDTH, 844);
                assertThat(((Number) console.evaluate("document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(PHONE_WIDTH);
                Browser.screenshot(console, "callback-card-390");
                console.setViewportSize(1280, 800);

                // The card follows her to another page, and "call now" rings her and then the customer.
                console.navigate("http://localhost:" + port + "/console/inbox");
                assertThat(console.locator(".callback-card")).containsText(phone);
                card.locator("button[data-callback-call]").click();
                assertThat(card.locator(".badge")).hasText("aranıyor");
                assertThat(card.locator(".alert")).hasCount(0);
                assertThat(pbx.dials).anyMatch(d -> d.number().equals(phone));

                card.locator(".callback-outcomes button", new Locator.LocatorOptions().setHasText("Ulaşıldı")).click();
                assertThat(console.locator(".callback-card")).hasCount(0);
                Callback done = callbacks.ofCustomer(callbacks.ofDay(LocalDate.of(2026, 12, 7), ISTANBUL).stream()
                        .filter(c -> c.phone().equals(phone)).findFirst().orElseThrow().customerId()).getFirst();
                assertThat(done.state()).isEqualTo("done");
                assertThat(done.source()).isEqualTo(CallbackSource.PORTAL);
                assertThat(done.slot().start()).isEqualTo(Instant.parse("2026-12-07T07:00:00Z"));

                // The supervisor's board shows it done in its slot, on a phone too.
                BrowserContext supervisorContext = chromium.context();
                try {
                    Page board = Browser.signIn(supervisorContext, port, "selin", TemasIntegrationTest.DEMO_PASSWORD);
                    board.navigate("http://localhost:" + port + "/console/callbacks?date=2026-12-07&entryPoint=%2B908509990000");
                    assertThat(board.locator("#slot-1000")).containsText(phone);
                    assertThat(board.locator("#slot-1000")).containsText("tamamlandı");
                    assertThat(board.locator("#slot-1000 .callback-load")).hasText("1 / 2");
                    board.setViewportSize(PHONE_WIDTH, 844);
                    assertThat(((Number) board.evaluate("document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(PHONE_WIDTH);
                    Browser.screenshot(board, "callback-board-390");
                } finally {
                    supervisorContext.close();
                }
            } finally {
                customer.close();
                agent.close();
            }
        }
    }
}
