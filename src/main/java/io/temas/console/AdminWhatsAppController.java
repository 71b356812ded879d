package io.temas.console;

import io.temas.channels.whatsapp.WhatsAppStatus;
import io.temas.channels.whatsapp.WhatsAppTemplates;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The WhatsApp settings screen: whether the connector is configured (secrets only as set or not),
 * the webhook address to give Meta, refused and last received webhooks, and the message templates,
 * kept by hand or read from WhatsApp.
 */
@Controller
class AdminWhatsAppController {

    private static final String PAGE = "/console/admin/whatsapp";

    record TemplateForm(String name, String language, String category, String body) {
    }

    private final WhatsAppStatus status;
    private final WhatsAppTemplates templates;
    private final WebhookAddresses addresses;

    AdminWhatsAppController(WhatsAppStatus status, WhatsAppTemplates templates, WebhookAddresses addresses) {
        this.status = status;
        this.templates = templates;
        this.addresses = addresses;
    }

    @GetMapping(PAGE)
    String page(HttpServletRequest request, Model model) {
        return page(null, new TemplateForm("", "tr", "UTILITY", ""), request, model);
    }

    @GetMapping(PAGE + "/templates/{id}")
    String edit(@PathVariable UUID id, HttpServletRequest request, Model model) {
        WhatsAppTemplates.Template t = templates.get(id);
        return page(id, new TemplateForm(t.name(), t.language(), t.category(), t.body()), request, model);
    }

    @PostMapping(PAGE + "/templates")
    String create(TemplateForm form, HttpServletRequest request, Model model, RedirectAttributes flash, HttpServletResponse response) {
        return AdminForms.submit(() -> templates.save(null, form.name(), form.language(), form.category(), form.body()),
                PAGE, flash, model, response, () -> page(null, form, request, model));
    }

    @PostMapping(PAGE + "/templates/{id}")
    String update(@PathVariable UUID id, TemplateForm form, HttpServletRequest request, Model model, RedirectAttributes flash,
                  HttpServletResponse response) {
        templates.get(id);
        return AdminForms.submit(() -> templates.save(id, form.name(), form.language(), form.category(), form.body()),
                PAGE, flash, model, response, () -> page(id, form, request, model));
    }

    @PostMapping(PAGE + "/templates/{id}/delete")
    String delete(@PathVariable UUID id, RedirectAttributes flash) {
        templates.get(id);
        return AdminForms.act(() -> templates.delete(id), PAGE, "admin.notice.deleted", flash);
    }

    @PostMapping(PAGE + "/sync")
    String sync(RedirectAttributes flash) {
        return AdminForms.act(() -> {
            WhatsAppTemplates.Synced synced = templates.sync();
            flash.addFlashAttribute("synced", synced);
        }, PAGE, "whatsapp.notice.synced", flash);
    }

    private String page(UUID editing, TemplateForm form, HttpServletRequest request, Model model) {
        model.addAttribute("status", status.overview());
        model.addAttribute("webhookUrl", addresses.of("/api/v1/webhooks/whatsapp").orElse(null));
        model.addAttribute("templates", templates.all());
        model.addAttribute("editing", editing);
        model.addAttribute("form", form);
        model.addAttribute("categories", java.util.List.of("UTILITY", "MARKETING", "AUTHENTICATION"));
        return "console/admin/whatsapp";
    }
}
