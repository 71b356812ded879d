package io.temas.console;

import io.temas.campaigns.Campaign;
import io.temas.complaints.ComplaintCatalogue;
import io.temas.complaints.ComplaintCategory;
import io.temas.complaints.WinBack;
import io.temas.complaints.WinBackCampaigns;
import io.temas.complaints.WinBackSettings;
import io.temas.shared.Refusal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The win-back list for supervisors: customers let down within the look-back who have gone quiet
 * since, each with why (in the reader's language) and when they last wrote, those a campaign cannot
 * reach marked as such; and one button that makes the list a draft campaign's audience.
 */
@Controller
class WinBackController {

    private final WinBack winBack;
    private final WinBackCampaigns campaigns;
    private final WinBackSettings settings;
    private final ComplaintCatalogue catalogue;
    private final ViewerZone zone;
    private final MessageSource messages;
    private final Clock clock;

    WinBackController(WinBack winBack, WinBackCampaigns campaigns, WinBackSettings settings, ComplaintCatalogue catalogue,
                      ViewerZone zone, MessageSource messages, Clock clock) {
        this.winBack = winBack;
        this.campaigns = campaigns;
        this.settings = settings;
        this.catalogue = catalogue;
        this.zone = zone;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/console/win-back")
    String page(@RequestParam(required = false) String lookBackDays, @RequestParam(required = false) String quietDays,
                HttpServletRequest request, HttpServletResponse response, Model model) {
        ComplaintsReportController.supervisor(request);
        WinBack.Criteria criteria;
        try {
            criteria = criteria(lookBackDays, quietDays);
        } catch (Refusal e) {
            response.setStatus(400);
            model.addAttribute("error", "winback.error.days");
            criteria = winBack.defaults();
        }
        List<WinBack.Candidate> candidates = winBack.list(criteria);
        String language = LocaleContextHolder.getLocale().getLanguage();
        model.addAttribute("candidates", candidates);
        model.addAttribute("lookBackDays", criteria.lookBack().toDays());
        model.addAttribute("quietDays", criteria.quiet().toDays());
        model.addAttribute("unreachable", candidates.stream().filter(c -> !c.reachable()).count());
        model.addAttribute("categoryNames", catalogue.categories().stream()
                .collect(Collectors.toMap(ComplaintCategory::code, k -> k.name(language))));
        return "console/win-back";
    }

    /** Makes the customers the page listed (those of them still on the list) a new draft campaign's audience. */
    @PostMapping("/console/win-back/campaign")
    String campaign(@RequestParam(required = false) String lookBackDays, @RequestParam(required = false) String quietDays,
                    @RequestParam(name = "customer", required = false) List<String> shown, HttpServletRequest request,
                    RedirectAttributes flash) {
        ComplaintsReportController.supervisor(request);
        String back = "redirect:/console/win-back";
        WinBack.Criteria criteria;
        List<UUID> customers;
        try {
            criteria = criteria(lookBackDays, quietDays);
            customers = shown == null ? List.of() : shown.stream().map(s -> AdminForms.id(s, "winback.error.customer")).toList();
        } catch (Refusal e) {
            flash.addFlashAttribute("error", e instanceof ConsoleRefusal r ? r.key() : "winback.error.days");
            return back;
        }
        LocalDate today = LocalDate.now(clock.withZone(zone.current()));
        String name = messages.getMessage("winback.campaign.name", new Object[] {today.toString()}, LocaleContextHolder.getLocale());
        WinBackCampaigns.Created created;
        try {
            created = campaigns.create(name, today, criteria, customers);
        } catch (io.temas.shared.RefusedByRule e) {
            flash.addFlashAttribute("error", "winback.error.nobody");
            return back;
        }
        Campaign campaign = created.campaign();
        flash.addFlashAttribute("winBackCampaign", Map.of("id", campaign.id().toString(), "name", campaign.name(), "code", campaign.code(),
                "customers", created.customers().size()));
        return "redirect:/console/campaigns/" + campaign.id();
    }

    private WinBack.Criteria criteria(String lookBackDays, String quietDays) {
        return WinBack.Criteria.days(AdminForms.number(lookBackDays, "winback.error.days"), AdminForms.number(quietDays, "winback.error.days"),
                settings);
    }
}
