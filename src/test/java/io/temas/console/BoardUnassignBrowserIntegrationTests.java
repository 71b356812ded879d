package io.temas.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.temas.support.Api;
import io.temas.support.Browser;
import io.temas.support.TemasIntegrationTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A supervisor presses "unassign" on the board, in the browser: the conversation leaves the agent
 * and is still unassigned after the board has refreshed itself live, although the agent it was
 * taken from has room and is online.
 */
@TemasIntegrationTest
class BoardUnassignBrowserIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anUnassignOnTheBoardSurvivesTheBoardsLiveRefresh() {
        Api api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String queue = "Pano " + suffix;
        String address = "pano-" + suffix + "@ornek.com.tr";
        String queueId = api.post("/api/v1/queues", "{\"name\":\"" + queue + "\"}").text("/id");
        assertThat(api.post("/api/v1/entry-points", "{\"address\":\"" + address + "\",\"queue\":\"" + queue + "\"}").status()).isEqualTo(201);
        String roomy = agent(api, "genis-" + suffix, 5, queue);
        agent(api, "dar-" + suffix, 1, queue);
        String conversation = send(api, address);
        assertThat(api.get("/api/v1/conversations/" + conversation).text("/assigneeId")).isEqualTo(roomy);

        try (Browser chromium = Browser.start()) {
            BrowserContext context = chromium.context();
            try {
                Page page = Browser.signIn(context, port, "selin", TemasIntegrationTest.DEMO_PASSWORD);
                page.navigate("http://localhost:" + port + "/console/supervisor?queue=" + queueId);
                page.locator("#live-status.on").waitFor();
                Locator row = page.locator("#board tr").filter(new Locator.FilterOptions().setHas(page.locator("#pick-" + conversation)));
                assertThat(row).containsText("genis-" + suffix);

                page.locator("#pick-" + conversation).check();
                page.locator("#bulk-agent").selectOption("");
                page.locator("#bulk-queue").selectOption("");
                page.locator("#reassign-form button[type=submit]").click();
                assertThat(page.locator(".alert.ok")).isVisible();
                page.locator("#live-status.on").waitFor();
                awaitListeners(conversation);

                // Something else happens in the queue: the board refreshes itself, showing the new conversation.
                String next = send(api, address);
                assertThat(page.locator("#pick-" + next)).isAttached();
                assertThat(row.textContent()).as("after the live refresh").contains("Atanmamış").doesNotContain("genis-" + suffix);
                assertThat(api.get("/api/v1/conversations/" + conversation).text("/assigneeId")).isNull();
                Browser.screenshot(page, "board-unassigned");
            } finally {
                context.close();
            }
        }
    }

    /** Waits until every listener of the events about the conversation has run (the publication registry empties). */
    private void awaitListeners(String conversation) {
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("""
                        select count(*) from event_publication where completion_date is null and serialized_event like ?""")
                .param("%" + conversation + "%").query(Integer.class).single() == 0);
    }

    private static String agent(Api api, String username, int capacity, String queue) {
        Api.Response response = api.post("/api/v1/agents", """
                {"username":"%s","displayName":"%s","capacity":{"email":%d},"queues":["%s"],"presence":"online"}"""
                .formatted(username, username, capacity, queue));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.text("/id");
    }

    private static String send(Api api, String address) {
        Api.Response response = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"%s","externalId":"%s","from":{"email":"%s@example.com"},"subject":"Soru","text":"Merhaba"}"""
                .formatted(address, UUID.randomUUID(), UUID.randomUUID()));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.text("/conversationId");
    }
}
