package io.temas.console;

import io.temas.campaigns.Campaign;
import io.temas.campaigns.CampaignReports;
import io.temas.campaigns.Campaigns;
import io.temas.campaigns.CustomerCampaigns;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;

/**
 * What runs now: every running campaign with its offer, terms, entry points and responses so far,
 * refreshed live; below, every campaign with a link to its page.
 */
@Controller
class CampaignBoardController {

    /** A running campaign with its report. */
    record Running(Campaign campaign, CampaignReports.Report report) {

        /** Responses per medium (sms, email, web, the dialer...), whatever their kind. */
        public Map<String, Integer> byMedium() {
            Map<String, Integer> totals = new TreeMap<>();
            report.byMedium().forEach((medium, kinds) -> totals.put(medium, kinds.values().stream().mapToInt(Integer::intValue).sum()));
            return totals;
        }
    }

    private final CustomerCampaigns campaigns;
    private final CampaignReports reports;
    private final Campaigns all;

    CampaignBoardController(CustomerCampaigns campaigns, CampaignReports reports, Campaigns all) {
        this.campaigns = campaigns;
        this.reports = reports;
        this.all = all;
    }

    @GetMapping("/console/campaigns")
    String running(@RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        List<Running> running = campaigns.runningNow().stream().map(c -> new Running(c, reports.report(c.id()))).toList();
        model.addAttribute("running", running);
        if (htmx == null) {
            // Every campaign, drafts and ended ones too, so each can be opened, edited and reported on.
            model.addAttribute("campaigns", all.all());
        }
        return htmx != null ? "console/campaigns :: list" : "console/campaigns";
    }
}
