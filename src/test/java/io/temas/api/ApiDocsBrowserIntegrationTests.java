package io.temas.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.temas.support.Browser;
import io.temas.support.TemasIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The API documentation in a browser: titled Temas, grouped by module, and "Try it out" works once a token is given. */
@TemasIntegrationTest
class ApiDocsBrowserIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void tryItOutSendsTheTokenGivenToAuthorize() {
        try (Browser chromium = Browser.start()) {
            BrowserContext context = chromium.context();
            try {
                Page page = context.newPage();
                List<String> errors = new ArrayList<>();
                page.onConsoleMessage(m -> {
                    if ("error".equals(m.type())) {
                        errors.add(m.text());
                    }
                });
                page.navigate("http://localhost:" + port + "/docs/api");
                page.locator(".info .title").waitFor();
                assertThat(page.locator(".info .title").innerText()).startsWith("Temas");
                assertThat(page.locator(".opblock-tag-section h3 .nostyle span").allInnerTexts()).contains("Conversations", "Customers", "Campaigns", "Calls");

                Locator queues = page.locator(".opblock-get").filter(new Locator.FilterOptions()
                        .setHas(page.locator(".opblock-summary-path[data-path='/api/v1/queues']")));
                queues.locator(".opblock-summary").click();
                assertThat(queues.locator(".opblock-description-wrapper").first().innerText()).contains("Scope: read");

                page.locator(".auth-wrapper button.authorize").click();
                page.locator(".modal-ux input[type=text], .modal-ux input[type=password]").first().fill(TemasIntegrationTest.ADMIN_TOKEN);
                page.locator(".modal-ux .auth-btn-wrapper button.authorize").click();
                page.locator(".modal-ux button.btn-done").click();

                queues.locator(".try-out__btn").click();
                queues.locator("button.execute").click();
                Locator status = queues.locator(".live-responses-table tbody .response-col_status").first();
                status.waitFor();
                assertThat(status.innerText().strip()).isEqualTo("200");
                assertThat(queues.locator(".curl-command").innerText()).contains("Authorization: Bearer " + TemasIntegrationTest.ADMIN_TOKEN);
                Browser.screenshot(page, "api-docs");
                assertThat(errors).as("console errors").isEmpty();
            } finally {
                context.close();
            }
        }
    }
}
