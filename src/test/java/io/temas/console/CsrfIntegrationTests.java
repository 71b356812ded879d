package io.temas.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.support.Routes;
import io.temas.support.Routes.Route;
import io.temas.support.TemasIntegrationTest;
import io.temas.support.Guest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every form the browser pages post to (console and help centre), read from Spring MVC's
 * handler mapping: a signed-in admin, who may do anything, is still refused without the
 * session's CSRF token, and passes with it as a form field or in the header htmx sends.
 */
@TemasIntegrationTest
class CsrfIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    @Test
    void everyBrowserFormRefusesARequestWithoutTheSessionsCsrfToken() {
        List<Route> forms = Routes.of(mapping).stream()
                .filter(r -> r.changesState() && (r.pattern().startsWith("/console/") || r.pattern().startsWith("/portal/")))
                .toList();
        assertThat(forms).extracting(Route::toString).contains("POST /console/conversations/{id}/reply", "POST /console/admin/users",
                "POST /portal/contact");
        Guest admin = Guest.signedIn(port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);
        List<String> wrong = new ArrayList<>();

        for (Route form : forms) {
            Guest.Answer without = admin.send(form.method(), form.path(), false);
            if (without.status() != 403) {
                wrong.add(form + " without the token: " + without.status());
            }
            Guest.Answer with = admin.send(form.method(), form.path(), true);
            if (with.status() == 403) {
                wrong.add(form + " with the token as a form field: 403");
            }
            Guest.Answer htmx = admin.sendWithCsrfHeader(form.method(), form.path());
            if (htmx.status() == 403) {
                wrong.add(form + " with the token in the header: 403");
            }
        }

        assertThat(wrong).isEmpty();
    }

    @Test
    void aTokenOfAnotherSessionDoesNotCount() {
        Guest admin = Guest.signedIn(port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);
        Guest other = Guest.signedIn(port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);

        assertThat(admin.send("POST", "/console/supervisor/reassign", true).status()).isEqualTo(302);
        assertThat(admin.send("POST", "/console/supervisor/reassign", other.csrf()).status()).isEqualTo(403);
    }
}
