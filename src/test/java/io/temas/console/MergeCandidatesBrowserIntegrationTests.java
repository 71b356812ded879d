package io.temas.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.temas.customers.CustomerId;
import io.temas.customers.Customers;
import io.temas.customers.IdentityResolver;
import io.temas.shared.Identifier;
import io.temas.support.Browser;
import io.temas.support.TemasIntegrationTest;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The review in a real browser: the two customers side by side at 1280 and at 390 pixels, nothing scrolls sideways, and merge works by clicks. */
@TemasIntegrationTest
class MergeCandidatesBrowserIntegrationTests {

    /** A review's address; waiting for it waits for the page's load event, so its stylesheet is applied before anything is measured. */
    private static final Pattern REVIEW = Pattern.compile(".*/console/merge-candidates/[^/?]+(\\?.*)?$");

    @LocalServerPort
    int port;

    @Autowired
    IdentityResolver resolver;

    @Autowired
    Customers customers;

    @Test
    void twoCustomersSideBySideOnAPhoneAndADesktopAndMergedByClicks() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String email = "uzun.bir.adres.ile.yazan.musteri." + suffix + "@ornek-sirket-alan-adi.com.tr";
        CustomerId a = resolver.resolve(List.of(Identifier.email(email), Identifier.account("TR-B-" + suffix)), "Gülşen Yıldırımoğlu " + suffix, null).customerId();
        CustomerId b = resolver.resolve(List.of(Identifier.account("TR-C-" + suffix)), "Gülşen Y. " + suffix, null).customerId();
        resolver.resolve(List.of(Identifier.email(email), Identifier.account("TR-C-" + suffix)), null, null);

        try (Browser chromium = Browser.start()) {
            BrowserContext context = chromium.context();
            try {
                Page page = Browser.signIn(context, port, "selin", TemasIntegrationTest.DEMO_PASSWORD);
                for (int width : new int[] {390, 1280}) {
                    page.setViewportSize(width, 900);
                    for (String lang : List.of("tr", "az", "en")) {
                        page.navigate("http://localhost:" + port + "/console/merge-candidates?lang=" + lang);
                        assertThat(((Number) page.evaluate("document.documentElement.scrollWidth")).intValue())
                                .as(lang + " list at " + width).isLessThanOrEqualTo(width);
                        page.locator("a.merge-pair", new Page.LocatorOptions().setHasText("Gülşen Y. " + suffix)).first().click();
                        page.waitForURL(REVIEW);
                        assertThat(((Number) page.evaluate("document.documentElement.scrollWidth")).intValue())
                                .as(lang + " review at " + width).isLessThanOrEqualTo(width);
                        var first = page.locator("#side-1").boundingBox();
                        var second = page.locator("#side-2").boundingBox();
                        assertThat(second.x).as("side by side at " + width).isGreaterThan(first.x + first.width - 1);
                        assertThat(Math.abs(second.y - first.y)).as("on one row at " + width).isLessThan(2);
                        assertThat(second.x + second.width).isLessThanOrEqualTo(width);
                    }
                    Browser.screenshot(page, "merge-candidate-" + width);
                }
                page.locator("input[name=survivor][value='" + b.value() + "']").check();
                page.locator("#merge-button").click();
                page.locator("#merge-notice").waitFor();
                assertThat(customers.get(a).mergedInto()).isEqualTo(b.value());
                page.locator("#undo-merge").click();
                page.waitForURL("**/console/customers/" + b.value());
                assertThat(customers.get(a).isMerged()).isFalse();
            } finally {
                context.close();
            }
        }
    }
}
