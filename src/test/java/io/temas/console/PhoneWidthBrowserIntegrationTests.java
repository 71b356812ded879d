package io.temas.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.temas.support.Browser;
import io.temas.support.TemasIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every console list and settings page, and the help centre, fit a phone: nothing makes the page
 * scroll sideways, and no value of a key-value list is squeezed to a sliver beside a long label.
 */
@TemasIntegrationTest
class PhoneWidthBrowserIntegrationTests {

    private static final int PHONE = 390;

    private static final List<String> PAGES = List.of("/console/inbox", "/console/inbox?view=all", "/console/search?q=fatura",
            "/console/supervisor", "/console/customers", "/console/campaigns", "/console/admin/mailboxes",
            "/console/admin/entry-points", "/console/admin/queues", "/console/admin/agents", "/console/admin/users",
            "/console/admin/rules", "/console/admin/sla", "/console/admin/hours", "/console/admin/quarantine", "/console/admin/whatsapp", "/portal",
            "/portal/contact", "/console/admin/messengers", "/console/admin/acks");

    /** Narrower than this, a value breaks a letter or two to the line. */
    private static final int SLIVER = 48;

    @LocalServerPort
    int port;

    @Test
    void everyListAndSettingsPageFitsAPhone() {
        List<String> tooWide = new ArrayList<>();
        List<String> squeezed = new ArrayList<>();
        try (Browser chromium = Browser.start()) {
            BrowserContext context = chromium.context();
            try {
                Page page = Browser.signIn(context, port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);
                page.setViewportSize(PHONE, 844);
                for (String path : PAGES) {
                    page.navigate("http://localhost:" + port + path);
                    assertThat(page.url()).as("still signed in").endsWith(path);
                    int width = ((Number) page.evaluate("document.documentElement.scrollWidth")).intValue();
                    if (width > PHONE) {
                        tooWide.add(path + " is " + width + " px wide");
                    }
                    int slivers = ((Number) page.evaluate("[...document.querySelectorAll('.kv > dd')]"
                            + ".filter(d => d.getBoundingClientRect().width < " + SLIVER + ").length")).intValue();
                    if (slivers > 0) {
                        squeezed.add(path + " has " + slivers + " values narrower than " + SLIVER + " px");
                    }
                }
            } finally {
                context.close();
            }
        }
        assertThat(tooWide).isEmpty();
        assertThat(squeezed).isEmpty();
    }
}
