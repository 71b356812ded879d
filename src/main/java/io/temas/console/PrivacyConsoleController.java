package io.temas.console;

import io.temas.customers.Customer;
import io.temas.customers.CustomerId;
import io.temas.customers.Customers;
import io.temas.privacy.Erasure;
import io.temas.privacy.Erasures;
import io.temas.privacy.PersonalDataExport;
import io.temas.shared.InvalidInput;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * KVKK / GDPR in the console, for admins (everything under {@code /console/admin/}): a person's data as a zip, the
 * erasure with a confirmation page (what will happen, a reason, the person's short id typed to confirm) and its result,
 * and the list of erasures.
 */
@Controller
class PrivacyConsoleController {

    private final Customers customers;
    private final Erasures erasures;
    private final PersonalDataExport export;

    PrivacyConsoleController(Customers customers, Erasures erasures, PersonalDataExport export) {
        this.customers = customers;
        this.erasures = erasures;
        this.export = export;
    }

    @GetMapping("/console/admin/privacy/customers/{id}/export")
    ResponseEntity<StreamingResponseBody> export(@PathVariable UUID id) {
        CustomerId customer = new CustomerId(id);
        export.check(customer);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("customer-" + id + ".zip").build().toString())
                .body(out -> export.write(customer, out));
    }

    @GetMapping("/console/admin/privacy/customers/{id}/erase")
    String confirm(@PathVariable UUID id, Model model) {
        return page(id, model, "", null);
    }

    @PostMapping("/console/admin/privacy/customers/{id}/erase")
    String erase(@PathVariable UUID id, @RequestParam(defaultValue = "") String reason, @RequestParam(defaultValue = "") String confirmation,
                 Principal principal, Model model, HttpServletResponse response) {
        CustomerId customer = new CustomerId(id);
        customers.get(customer);
        if (!confirmation.strip().toLowerCase(Locale.ROOT).equals(shortId(id))) {
            response.setStatus(422);
            return page(id, model, reason, "privacy.error.confirmation");
        }
        try {
            Erasure erasure = erasures.erase(customer, reason, principal.getName());
            return "redirect:/console/admin/privacy/erasures/" + erasure.id();
        } catch (InvalidInput e) {
            response.setStatus(400);
            return page(id, model, reason, "privacy.error.reason");
        }
    }

    @GetMapping("/console/admin/privacy/erasures")
    String list(@RequestParam(defaultValue = "0") int offset, Model model) {
        int from = Math.max(0, offset);
        var page = erasures.recent(from, 51);
        model.addAttribute("erasures", page.stream().limit(50).toList());
        model.addAttribute("offset", from);
        model.addAttribute("next", page.size() > 50 ? from + 50 : null);
        return "console/admin/privacy-erasures";
    }

    @GetMapping("/console/admin/privacy/erasures/{id}")
    String erasure(@PathVariable UUID id, Model model) {
        model.addAttribute("erasure", erasures.get(id));
        return "console/admin/privacy-erasure";
    }

    private String page(UUID id, Model model, String reason, String error) {
        Customer customer = customers.get(new CustomerId(id));
        model.addAttribute("customer", customer);
        model.addAttribute("identities", customers.identities(customer.id()));
        model.addAttribute("earlier", erasures.of(customer.id()).orElse(null));
        model.addAttribute("preview", erasures.preview(customer.id()));
        model.addAttribute("shortId", shortId(id));
        model.addAttribute("reason", reason);
        model.addAttribute("error", error);
        return "console/admin/privacy-erase";
    }

    /** What the admin types to confirm: the first eight characters of the profile's id, shown on the page. */
    static String shortId(UUID id) {
        return id.toString().substring(0, 8);
    }
}
