package io.temas.console;

import static io.temas.console.AdminForms.required;

import io.temas.api.InboundRetry;
import io.temas.inbound.AckTemplates;
import io.temas.inbound.AckTexts;
import io.temas.inbound.InboundSettings;
import io.temas.inbound.OrganisationName;
import io.temas.inbound.Quarantine;
import io.temas.inbound.UnknownPlaceholders;
import io.temas.shared.Language;
import io.temas.shared.NotFound;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The admin area's index, acknowledgement texts, the quarantine and canned replies. */
@Controller
class AdminConsoleController {

    /** The raw bytes shown of a quarantined item; the rest is in the API's raw download. */
    static final int RAW_SHOWN = 256 * 1024;

    record CannedForm(String title, String language, String body) {
    }

    private final AckTexts ackTexts;
    private final AckTemplates ackTemplates;
    private final InboundSettings inbound;
    private final Quarantine quarantine;
    private final InboundRetry retries;
    private final CannedReplies canned;
    private final Clock clock;
    private final OrganisationName organisation;
    private final ViewerZone zone;

    AdminConsoleController(AckTexts ackTexts, AckTemplates ackTemplates, InboundSettings inbound, Quarantine quarantine, InboundRetry retries,
                    CannedReplies canned, Clock clock, OrganisationName organisation, ViewerZone zone) {
        this.organisation = organisation;
        this.zone = zone;
        this.ackTexts = ackTexts;
        this.ackTemplates = ackTemplates;
        this.inbound = inbound;
        this.quarantine = quarantine;
        this.retries = retries;
        this.canned = canned;
        this.clock = clock;
    }

    @GetMapping("/console/admin")
    String index(Model model) {
        model.addAttribute("quarantined", quarantine.countOpen());
        return "console/admin/index";
    }

    // Acknowledgements

    @GetMapping("/console/admin/acks")
    String acks(@RequestParam(defaultValue = "tr") String language, Model model) {
        Language chosen = Language.parse(language).orElseThrow(() -> new NotFound("language " + language));
        return acksPage(chosen, java.util.Map.of(), model);
    }

    /** The acknowledgement screen; {@code typed} holds a refused text as the admin wrote it, by key. */
    private String acksPage(Language chosen, java.util.Map<String, String> typed, Model model) {
        model.addAttribute("language", chosen);
        model.addAttribute("languages", Language.values());
        model.addAttribute("texts", ackTexts.of(chosen));
        model.addAttribute("typed", typed);
        java.util.Map<String, List<String>> placeholders = new java.util.LinkedHashMap<>();
        AckTexts.KEYS.forEach(key -> placeholders.put(key, AckTemplates.placeholders(key)));
        model.addAttribute("placeholders", placeholders);
        model.addAttribute("preview", ackTemplates.preview(chosen, clock.instant().atZone(zone.fallback()), organisation.signature(chosen)));
        model.addAttribute("organisation", organisation.stored().orElse(""));
        model.addAttribute("organisationDefault", organisation.configured().orElse(""));
        return "console/admin/acks";
    }

    @PostMapping("/console/admin/organisation")
    String saveOrganisation(@RequestParam(defaultValue = "") String name, Principal principal, RedirectAttributes flash) {
        return AdminForms.act(() -> organisation.save(name, principal.getName()), "/console/admin/acks#organisation",
                "admin.notice.saved", flash);
    }

    @PostMapping("/console/admin/acks")
    String saveAck(@RequestParam String language, @RequestParam String key, @RequestParam(defaultValue = "") String text,
                   @RequestParam(defaultValue = "save") String action, Principal principal, RedirectAttributes flash, Model model,
                   HttpServletResponse response) {
        Language chosen = Language.parse(language).orElseThrow(() -> new NotFound("language " + language));
        if (!AckTexts.KEYS.contains(key)) {
            throw new NotFound("acknowledgement text " + key);
        }
        if (!"reset".equals(action)) {
            try {
                ackTexts.save(chosen, key, text, principal.getName());
            } catch (UnknownPlaceholders e) {
                // The page again, with the text as typed and the placeholders it may not use named.
                response.setStatus(422);
                model.addAttribute("error", "admin.acks.unknownPlaceholder");
                model.addAttribute("errorDetail", String.join(", ", e.unknown()));
                return acksPage(chosen, java.util.Map.of(key, text), model);
            }
            flash.addFlashAttribute("notice", "admin.notice.saved");
            return "redirect:/console/admin/acks?language=" + chosen.code();
        }
        return AdminForms.act(() -> ackTexts.reset(chosen, key), "/console/admin/acks?language=" + chosen.code(), "admin.notice.reset", flash);
    }

    // Quarantine

    @GetMapping("/console/admin/quarantine")
    String quarantine(Model model) {
        model.addAttribute("items", quarantine.openSummaries(200));
        return "console/admin/quarantine";
    }

    @GetMapping("/console/admin/quarantine/{id}")
    String quarantined(@PathVariable UUID id, Model model) {
        Quarantine.Item item = item(id);
        byte[] payload = item.payload();
        model.addAttribute("item", item);
        model.addAttribute("raw", new String(Arrays.copyOf(payload, Math.min(payload.length, RAW_SHOWN)), StandardCharsets.UTF_8));
        model.addAttribute("truncated", payload.length > RAW_SHOWN);
        return "console/admin/quarantine-item";
    }

    @PostMapping("/console/admin/quarantine/{id}/retry")
    String retry(@PathVariable UUID id, RedirectAttributes flash) {
        item(id);
        switch (retries.retry(id)) {
            case InboundRetry.Outcome.Delivered d -> {
                flash.addFlashAttribute("notice", "admin.notice.retried");
                flash.addFlashAttribute("conversationId", d.conversationId());
            }
            case InboundRetry.Outcome.Failed f -> {
                flash.addFlashAttribute("error", "admin.error.retryFailed");
                flash.addFlashAttribute("errorDetail", f.reason());
                if (f.quarantineId() == null) {
                    return "redirect:/console/admin/quarantine/" + id;
                }
            }
        }
        return "redirect:/console/admin/quarantine";
    }

    @PostMapping("/console/admin/quarantine/{id}/delete")
    String deleteQuarantined(@PathVariable UUID id, RedirectAttributes flash) {
        item(id);
        return AdminForms.act(() -> quarantine.delete(id), "/console/admin/quarantine", "admin.notice.deleted", flash);
    }

    private Quarantine.Item item(UUID id) {
        return quarantine.find(id).filter(i -> i.releasedAt() == null).orElseThrow(() -> new NotFound("quarantined item " + id));
    }

    // Canned replies

    @GetMapping("/console/admin/canned")
    String canned(Model model) {
        return cannedPage(null, new CannedForm("", "tr", ""), model);
    }

    @GetMapping("/console/admin/canned/{id}")
    String cannedReply(@PathVariable UUID id, Model model) {
        CannedReplies.CannedReply reply = reply(id);
        return cannedPage(id, new CannedForm(reply.title(), reply.language(), reply.body()), model);
    }

    @PostMapping("/console/admin/canned")
    String createCanned(CannedForm form, Model model, RedirectAttributes flash, HttpServletResponse response) {
        return AdminForms.submit(() -> canned.create(required(form.title(), "admin.error.title"), required(form.body(), "admin.error.body"),
                        language(form.language())),
                "/console/admin/canned", flash, model, response, () -> cannedPage(null, form, model));
    }

    @PostMapping("/console/admin/canned/{id}")
    String updateCanned(@PathVariable UUID id, CannedForm form, Model model, RedirectAttributes flash, HttpServletResponse response) {
        reply(id);
        return AdminForms.submit(() -> canned.update(id, required(form.title(), "admin.error.title"), required(form.body(), "admin.error.body"),
                        language(form.language())),
                "/console/admin/canned", flash, model, response, () -> cannedPage(id, form, model));
    }

    @PostMapping("/console/admin/canned/{id}/delete")
    String deleteCanned(@PathVariable UUID id, RedirectAttributes flash) {
        reply(id);
        return AdminForms.act(() -> canned.delete(id), "/console/admin/canned", "admin.notice.deleted", flash);
    }

    private String cannedPage(UUID editing, CannedForm form, Model model) {
        List<CannedReplies.CannedReply> all = canned.all();
        model.addAttribute("replies", all);
        model.addAttribute("languages", Language.values());
        model.addAttribute("editing", editing);
        model.addAttribute("form", form);
        return "console/admin/canned";
    }

    private CannedReplies.CannedReply reply(UUID id) {
        return canned.find(id).orElseThrow(() -> new NotFound("canned reply " + id));
    }

    private static String language(String code) {
        return Language.parse(required(code, "admin.error.language")).orElseThrow(() -> new ConsoleRefusal("admin.error.language")).code();
    }
}
