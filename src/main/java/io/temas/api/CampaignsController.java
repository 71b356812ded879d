package io.temas.api;

import io.swagger.v3.oas.annotations.Operation;
import io.temas.campaigns.Audience;
import io.temas.campaigns.Audiences;
import io.temas.campaigns.CallLists;
import io.temas.campaigns.Campaign;
import io.temas.campaigns.CampaignReports;
import io.temas.campaigns.CampaignSends;
import io.temas.campaigns.Campaigns;
import io.temas.campaigns.CustomerCampaigns;
import io.temas.campaigns.Purpose;
import io.temas.channels.Channels;
import io.temas.customers.CustomerId;
import io.temas.shared.ChannelType;
import io.temas.shared.InvalidInput;
import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Campaigns: the live campaign database, call lists, audiences, sends and reports. */
@RestController
class CampaignsController {

    /**
     * A new campaign. {@code entryPoints} holds addresses ({@code "+908502220026"}) or objects
     * ({@code {"address","kind","medium"}}).
     */
    record CampaignRequest(String name, String code, String offer, String terms, List<String> channels, Instant startsAt, Instant endsAt,
                           JsonNode entryPoints, String smsKeyword, String status, AudienceRequest audience) {
    }

    record StatusRequest(String status) {
    }

    /** Either {@code customerIds} (called in that order) or {@code entries} with priorities (higher first). */
    record CallListRequest(List<UUID> customerIds, String name, List<CallLists.Entry> entries) {
    }

    record AudienceRequest(List<String> segments, List<String> excludeSegments, Boolean vip, List<String> languages, String consentChannel,
                           String consentPurpose, Integer notContactedDays, Integer noComplaintDays, List<UUID> customerIds) {

        Audience toAudience() {
            return new Audience(segments, excludeSegments, vip, languages, consentChannel == null ? null : ChannelType.of(consentChannel),
                    consentPurpose == null ? null : Purpose.of(consentPurpose), notContactedDays, noComplaintDays, customerIds);
        }
    }

    record SendRequest(String channel, String subject, String text, AudienceRequest audience, String link) {
    }

    record ConfirmRequest(Boolean force) {
    }

    private final Campaigns campaigns;
    private final CallLists callLists;
    private final Audiences audiences;
    private final CampaignSends sends;
    private final CampaignReports reports;
    private final CustomerCampaigns customerCampaigns;
    private final Channels channels;

    CampaignsController(Campaigns campaigns, CallLists callLists, Audiences audiences, CampaignSends sends, CampaignReports reports,
                        CustomerCampaigns customerCampaigns, Channels channels) {
        this.campaigns = campaigns;
        this.callLists = callLists;
        this.audiences = audiences;
        this.sends = sends;
        this.reports = reports;
        this.customerCampaigns = customerCampaigns;
        this.channels = channels;
    }

    @Operation(summary = "Create a campaign", description = "Answers {\"id\"}. Status defaults to running.")
    @PostMapping("/api/v1/campaigns")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> create(@RequestBody CampaignRequest r) {
        List<Campaign.EntryPoint> entryPoints = new ArrayList<>();
        if (r.entryPoints() != null && !r.entryPoints().isNull()) {
            if (!r.entryPoints().isArray()) {
                throw new InvalidInput("entryPoints", "entryPoints must be a list");
            }
            for (JsonNode e : r.entryPoints()) {
                entryPoints.add(e.isObject()
                        ? new Campaign.EntryPoint(text(e, "address"), text(e, "kind"), text(e, "medium"))
                        : new Campaign.EntryPoint(e.asString(), null, null));
            }
        }
        Campaign campaign = campaigns.create(new Campaigns.Draft(r.name(), r.code(), r.offer(), r.terms(),
                r.channels() == null ? List.of() : r.channels().stream().map(channels::type).toList(), r.smsKeyword(), r.startsAt(),
                r.endsAt(), r.status() == null ? null : Campaign.Status.of(r.status()), entryPoints),
                r.audience() == null ? null : r.audience().toAudience());
        return Map.of("id", campaign.id());
    }

    @Operation(summary = "Campaigns, newest first; running=true for those running now")
    @GetMapping("/api/v1/campaigns")
    List<Campaign> list(@RequestParam(defaultValue = "false") boolean running) {
        return running ? campaigns.runningNow() : campaigns.all();
    }

    @GetMapping("/api/v1/campaigns/{id}")
    Campaign get(@PathVariable UUID id) {
        return campaigns.get(id);
    }

    @Operation(summary = "Start, pause or end a campaign")
    @PostMapping("/api/v1/campaigns/{id}/status")
    Campaign status(@PathVariable UUID id, @RequestBody StatusRequest r) {
        return campaigns.changeStatus(id, Campaign.Status.of(r.status() == null ? "" : r.status()));
    }

    @Operation(summary = "Create a call list", description = "Customers are called in the order given (or by priority, then that order). Customers without a phone "
            + "number, who already answered the campaign, or whom a lasting contact policy refuses (do not contact, no consent) "
            + "are kept on the list as removed, with the reason. Answers {\"callListId\"}.")
    @PostMapping("/api/v1/campaigns/{id}/call-list")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> callList(@PathVariable UUID id, @RequestBody CallListRequest r) {
        return Map.of("callListId", r.entries() != null && !r.entries().isEmpty()
                ? callLists.createWithPriorities(id, r.name(), r.entries())
                : callLists.create(id, r.name(), r.customerIds()));
    }

    @Operation(summary = "Set the campaign's target audience", description = "The console shows the campaign as an offer to the "
            + "customers in it; an empty body clears it.")
    @PutMapping("/api/v1/campaigns/{id}/audience")
    ResponseEntity<Void> target(@PathVariable UUID id, @RequestBody(required = false) AudienceRequest r) {
        campaigns.target(id, r == null ? null : r.toAudience());
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "A campaign's call lists, with how many are still to call")
    @GetMapping("/api/v1/campaigns/{id}/call-lists")
    List<CallLists.Summary> callLists(@PathVariable UUID id) {
        return callLists.ofCampaign(id);
    }

    @Operation(summary = "Count and sample of an audience")
    @PostMapping("/api/v1/campaigns/{id}/audience/preview")
    Audiences.Preview preview(@PathVariable UUID id, @RequestBody AudienceRequest r) {
        campaigns.get(id);
        return audiences.preview(r.toAudience(), 20);
    }

    @Operation(summary = "Plan a send (dry run)", description = "Resolves the audience, checks every contact policy and answers the report; "
            + "nothing is sent until the send is confirmed.")
    @PostMapping("/api/v1/campaigns/{id}/sends")
    @ResponseStatus(HttpStatus.CREATED)
    CampaignSends.Report plan(@PathVariable UUID id, @RequestBody SendRequest r) {
        return sends.plan(id, new CampaignSends.Request(ChannelType.of(r.channel()), r.subject(), r.text(),
                r.audience() == null ? null : r.audience().toAudience(), r.link()));
    }

    @Operation(summary = "Confirm a planned send", description = "Refused (422) when the audience now differs sharply from the dry run "
            + "or the last send, unless force is true.")
    @PostMapping("/api/v1/campaigns/{id}/sends/{sendId}/confirm")
    CampaignSends.Report confirm(@PathVariable UUID id, @PathVariable UUID sendId,
                                 @RequestBody(required = false) ConfirmRequest r, Principal principal) {
        return sends.confirm(id, sendId, r != null && Boolean.TRUE.equals(r.force()), principal == null ? null : principal.getName());
    }

    @Operation(summary = "Responses per kind, medium and channel; send and call statistics")
    @GetMapping("/api/v1/campaigns/{id}/report")
    CampaignReports.Report report(@PathVariable UUID id) {
        return reports.report(id);
    }

    @Operation(summary = "A customer's campaigns: those running now and any contacted or answered, with contacts and responses")
    @GetMapping("/api/v1/customers/{id}/campaigns")
    List<CustomerCampaigns.Offer> ofCustomer(@PathVariable UUID id) {
        return customerCampaigns.forCustomer(new CustomerId(id));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
