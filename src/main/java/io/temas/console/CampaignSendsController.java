package io.temas.console;

import io.temas.campaigns.AudienceChanged;
import io.temas.campaigns.Campaign;
import io.temas.campaigns.CampaignFunnel;
import io.temas.campaigns.CampaignReports;
import io.temas.campaigns.CampaignSends;
import io.temas.campaigns.Campaigns;
import io.temas.shared.Conflict;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A campaign send in the console: the dry run's figures (who would get it, who is held back and
 * by which contact rule), the confirmation that names the numbers once more before anything
 * leaves, and the campaign's report as a funnel per channel. Confirming twice sends once: the
 * campaign module locks the send's row, and the second press finds it already confirmed.
 */
@Controller
class CampaignSendsController {

    private final Campaigns campaigns;
    private final CampaignSends sends;
    private final CampaignFunnel funnel;
    private final CampaignReports reports;
    private final Clock clock;
    private final ConsoleFormat format;

    CampaignSendsController(Campaigns campaigns, CampaignSends sends, CampaignFunnel funnel, CampaignReports reports, Clock clock,
                            ConsoleFormat format) {
        this.format = format;
        this.campaigns = campaigns;
        this.sends = sends;
        this.funnel = funnel;
        this.reports = reports;
        this.clock = clock;
    }

    @GetMapping("/console/campaigns/{id}/sends/{sendId}")
    String send(@PathVariable UUID id, @PathVariable UUID sendId, HttpServletRequest request, Model model) {
        CampaignScreensController.supervisorOnly(request);
        return page(id, sendId, model, "console/campaign-send");
    }

    /** The second press: the numbers once more, and the button that sends. */
    @GetMapping("/console/campaigns/{id}/sends/{sendId}/confirm")
    String confirmation(@PathVariable UUID id, @PathVariable UUID sendId, HttpServletRequest request, Model model,
                        RedirectAttributes flash) {
        CampaignScreensController.supervisorOnly(request);
        CampaignSends.Summary send = sends.get(id, sendId);
        if (!send.planned()) {
            flash.addFlashAttribute("error", "campaigns.error.alreadySent");
            return "redirect:/console/campaigns/" + id + "/sends/" + sendId;
        }
        return page(id, sendId, model, "console/campaign-confirm");
    }

    @PostMapping("/console/campaigns/{id}/sends/{sendId}/confirm")
    String confirm(@PathVariable UUID id, @PathVariable UUID sendId, @RequestParam(defaultValue = "false") boolean force,
                   HttpServletRequest request, Principal principal, Model model, HttpServletResponse response, RedirectAttributes flash) {
        CampaignScreensController.supervisorOnly(request);
        Campaign campaign = campaigns.get(id);
        if (!sends.get(id, sendId).planned()) {
            return refuse("campaigns.error.alreadySent", 409, id, sendId, model, response, "console/campaign-send");
        }
        if (!campaign.runsAt(clock.instant())) {
            return refuse("campaigns.error.notRunning", 409, id, sendId, model, response, "console/campaign-confirm");
        }
        try {
            CampaignSends.Report report = sends.confirm(id, sendId, force, principal.getName());
            flash.addFlashAttribute("notice", "campaigns.notice.sent");
            flash.addFlashAttribute("noticeCount", report.allowed());
            return "redirect:/console/campaigns/" + id + "/sends/" + sendId;
        } catch (AudienceChanged e) {
            model.addAttribute("guardTripped", true);
            return refuse("campaigns.error.audienceChanged", 422, id, sendId, model, response, "console/campaign-confirm");
        } catch (Conflict e) {
            // A second press that waited on the first finds the send confirmed: it was sent once.
            return refuse(sends.get(id, sendId).planned() ? "campaigns.error.notRunning" : "campaigns.error.alreadySent", 409, id, sendId,
                    model, response, "console/campaign-send");
        }
    }

    private String refuse(String key, int status, UUID id, UUID sendId, Model model, HttpServletResponse response, String view) {
        response.setStatus(status);
        model.addAttribute("error", key);
        return page(id, sendId, model, view);
    }

    private String page(UUID id, UUID sendId, Model model, String view) {
        model.addAttribute("campaign", campaigns.get(id));
        CampaignSends.Summary send = sends.get(id, sendId);
        model.addAttribute("send", send);
        model.addAttribute("heldBack", send.report().audience() - send.report().allowed());
        return view;
    }

    @GetMapping("/console/campaigns/{id}/report")
    String report(@PathVariable UUID id, Model model) {
        Campaign campaign = campaigns.get(id);
        List<CampaignFunnel.Row> rows = funnel.of(id);
        model.addAttribute("campaign", campaign);
        model.addAttribute("rows", rows);
        model.addAttribute("total", rows.getFirst());
        model.addAttribute("stages", CampaignFunnel.STAGES);
        model.addAttribute("stageLabels", CampaignFunnel.STAGES.stream().map(s -> format.label("campaigns.report.stage." + s, s)).toList());
        model.addAttribute("report", reports.report(id));
        return "console/campaign-report";
    }
}
