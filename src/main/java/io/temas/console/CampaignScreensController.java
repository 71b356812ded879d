package io.temas.console;

import io.temas.campaigns.Audience;
import io.temas.campaigns.Audiences;
import io.temas.campaigns.CallLists;
import io.temas.campaigns.Campaign;
import io.temas.campaigns.CampaignMessages;
import io.temas.campaigns.CampaignSends;
import io.temas.campaigns.Campaigns;
import io.temas.console.CampaignForms.AudienceForm;
import io.temas.console.CampaignForms.CampaignForm;
import io.temas.routing.EntryPointAddresses;
import io.temas.routing.EntryPoints;
import io.temas.shared.ChannelType;
import io.temas.shared.Conflict;
import io.temas.shared.InvalidInput;
import io.temas.shared.NotFound;
import io.temas.shared.RefusedByRule;
import io.temas.shared.TextInput;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The campaign screens around the board: a new campaign (optionally for customers another screen
 * picked), its page with entry points, target audience with a live preview and the dry run, and
 * its edit form. Anyone in the console may look at a campaign; only supervisors change one.
 */
@Controller
class CampaignScreensController {

    /** An entry point as typed on the campaign page. */
    record EntryPointForm(String address, String kind, String medium) {

        static EntryPointForm empty() {
            return new EntryPointForm("", "", "");
        }
    }

    /** The most customers a call list built on this screen takes; the API takes larger lists. */
    static final int CALL_LIST_LIMIT = 100_000;

    private final Campaigns campaigns;
    private final CampaignMessages messages;
    private final Audiences audiences;
    private final CampaignSends sends;
    private final EntryPoints entryPoints;
    private final CallLists callLists;
    private final ConsoleFormat format;
    private final TransactionTemplate tx;

    CampaignScreensController(Campaigns campaigns, CampaignMessages messages, Audiences audiences, CampaignSends sends,
                              EntryPoints entryPoints, CallLists callLists, ConsoleFormat format, TransactionTemplate tx) {
        this.campaigns = campaigns;
        this.messages = messages;
        this.audiences = audiences;
        this.sends = sends;
        this.entryPoints = entryPoints;
        this.callLists = callLists;
        this.format = format;
        this.tx = tx;
    }

    /** Only supervisors change campaigns; agents see them. */
    static void supervisorOnly(HttpServletRequest request) {
        if (!request.isUserInRole("SUPERVISOR")) {
            throw new AccessDeniedException("campaigns are changed by supervisors");
        }
    }

    /** A new campaign; {@code customers} (ids separated by commas) preloads its audience. */
    @GetMapping("/console/campaigns/new")
    String create(@RequestParam(required = false) String customers, HttpServletRequest request, Model model,
                  HttpServletResponse response) {
        supervisorOnly(request);
        return preloaded(customers, List.of(), model, response);
    }

    /** The same, for a screen that posts its customers ({@code customers} as above, or {@code customerId} repeated). */
    @PostMapping("/console/campaigns/new")
    String createFor(@RequestParam(required = false) String customers, @RequestParam(required = false) List<String> customerId,
                     HttpServletRequest request, Model model, HttpServletResponse response) {
        supervisorOnly(request);
        return preloaded(customers, customerId == null ? List.of() : customerId, model, response);
    }

    private String preloaded(String customers, List<String> more, Model model, HttpServletResponse response) {
        model.addAttribute("form", CampaignForm.empty());
        try {
            List<UUID> ids = new ArrayList<>(CampaignForms.customerIds(customers));
            ids.addAll(CampaignForms.customerIds(String.join(",", more)));
            model.addAttribute("audience", AudienceForm.ofCustomers(ids.stream().distinct().toList()));
        } catch (ConsoleRefusal e) {
            response.setStatus(422);
            model.addAttribute("audience", AudienceForm.empty());
            model.addAttribute("error", e.key());
        }
        return form(null, model);
    }

    @PostMapping("/console/campaigns")
    String created(@ModelAttribute("form") CampaignForm form, @ModelAttribute("audience") AudienceForm audience, HttpServletRequest request,
                   Model model, HttpServletResponse response, RedirectAttributes flash) {
        supervisorOnly(request);
        UUID[] id = new UUID[1];
        return attempt(() -> {
            Campaigns.Draft draft = form.draft(format.zone());
            List<CampaignMessages.Message> typed = form.messages();
            Audience target = audience.audience();
            tx.executeWithoutResult(status -> {
                id[0] = campaigns.create(draft, Audience.EVERYONE.equals(target) ? null : target).id();
                typed.forEach(m -> messages.save(id[0], m));
            });
            flash.addFlashAttribute("notice", "campaigns.notice.created");
            return "redirect:/console/campaigns/" + id[0];
        }, model, response, () -> form(null, model));
    }

    @GetMapping("/console/campaigns/{id}/edit")
    String edit(@PathVariable UUID id, HttpServletRequest request, Model model) {
        supervisorOnly(request);
        Campaign campaign = campaigns.get(id);
        model.addAttribute("form", CampaignForm.of(campaign, messages.of(id), format.zone()));
        return form(campaign, model);
    }

    @PostMapping("/console/campaigns/{id}/edit")
    String edited(@PathVariable UUID id, @ModelAttribute("form") CampaignForm form, HttpServletRequest request, Model model,
                  HttpServletResponse response, RedirectAttributes flash) {
        supervisorOnly(request);
        Campaign campaign = campaigns.get(id);
        return attempt(() -> {
            Campaigns.Draft draft = form.draft(format.zone());
            List<CampaignMessages.Message> typed = form.messages();
            tx.executeWithoutResult(status -> {
                campaigns.update(id, draft);
                typed.forEach(m -> messages.save(id, m));
            });
            flash.addFlashAttribute("notice", "campaigns.notice.saved");
            return "redirect:/console/campaigns/" + id;
        }, model, response, () -> form(campaign, model));
    }

    private String form(Campaign editing, Model model) {
        model.addAttribute("editing", editing);
        model.addAttribute("statuses", Campaign.Status.values());
        model.addAttribute("sendChannels", CampaignForms.SEND_CHANNELS);
        // The channels a campaign may name: those it sends on, the dialer's, and any it already has (kept on saving).
        List<String> named = new ArrayList<>(CampaignForms.CAMPAIGN_CHANNELS);
        if (model.getAttribute("form") instanceof CampaignForm form && form.channels() != null) {
            form.channels().stream().filter(c -> !named.contains(c)).forEach(named::add);
        }
        model.addAttribute("campaignChannels", named);
        model.addAttribute("languages", CampaignForms.LANGUAGES);
        if (editing == null && !model.containsAttribute("preview") && model.getAttribute("audience") instanceof AudienceForm audience) {
            try {
                model.addAttribute("preview", audiences.preview(audience.audience(), 10));
            } catch (ConsoleRefusal e) {
                model.addAttribute("previewError", e.key());
            }
        }
        return "console/campaign-form";
    }

    @GetMapping("/console/campaigns/{id}")
    String page(@PathVariable UUID id, Model model) {
        Campaign campaign = campaigns.get(id);
        model.addAttribute("audience", AudienceForm.of(campaigns.target(id).orElse(null)));
        model.addAttribute("entryPoint", EntryPointForm.empty());
        return page(campaign, model);
    }

    String page(Campaign campaign, Model model) {
        model.addAttribute("campaign", campaign);
        model.addAttribute("messages", messages.of(campaign.id()));
        model.addAttribute("sends", sends.ofCampaign(campaign.id()));
        model.addAttribute("callLists", callLists.ofCampaign(campaign.id()));
        model.addAttribute("removedByReason", callLists.removedByReason(campaign.id()));
        // Each rendering of the form has its own token: pressed twice, it builds one list.
        model.addAttribute("callListToken", UUID.randomUUID());
        model.addAttribute("statuses", Campaign.Status.values());
        model.addAttribute("sendChannels", CampaignForms.SEND_CHANNELS);
        model.addAttribute("languages", CampaignForms.LANGUAGES);
        model.addAttribute("ourAddresses", entryPoints.all().stream().map(io.temas.routing.EntryPoint::address).toList());
        model.addAttribute("zone", format.zone());
        if (!model.containsAttribute("preview")) {
            try {
                model.addAttribute("preview", audiences.preview(((AudienceForm) model.getAttribute("audience")).audience(), 10));
            } catch (ConsoleRefusal e) {
                model.addAttribute("preview", null);
            }
        }
        return "console/campaign";
    }

    @PostMapping("/console/campaigns/{id}/status")
    String status(@PathVariable UUID id, @RequestParam(defaultValue = "") String status, HttpServletRequest request, RedirectAttributes flash) {
        supervisorOnly(request);
        campaigns.get(id);
        try {
            campaigns.changeStatus(id, Campaign.Status.of(status));
            flash.addFlashAttribute("notice", "campaigns.notice.saved");
        } catch (InvalidInput e) {
            flash.addFlashAttribute("error", "campaigns.error.status");
        }
        return "redirect:/console/campaigns/" + id;
    }

    @PostMapping("/console/campaigns/{id}/entry-points")
    String addEntryPoint(@PathVariable UUID id, @ModelAttribute("entryPoint") EntryPointForm form, HttpServletRequest request, Model model,
                         HttpServletResponse response, RedirectAttributes flash) {
        supervisorOnly(request);
        Campaign campaign = campaigns.get(id);
        model.addAttribute("audience", AudienceForm.of(campaigns.target(id).orElse(null)));
        return attempt(() -> {
            String address = AdminForms.required(form.address(), "campaigns.error.entryPointAddress");
            String kind = AdminForms.blankToNull(form.kind());
            String normalised = EntryPointAddresses.normalise(address);
            boolean reachable = "phone".equals(kind) || "email".equals(kind)
                    || kind == null && (normalised.contains("@") || normalised.startsWith("+"));
            // Customers answer a number or address only if it is one of ours: Temas must receive what they send.
            if (reachable && !entryPoints.isOurs(normalised)) {
                throw new ConsoleRefusal("campaigns.error.unknownEntryPoint");
            }
            campaigns.addEntryPoint(id, new Campaign.EntryPoint(address, kind, AdminForms.blankToNull(form.medium())));
            flash.addFlashAttribute("notice", "campaigns.notice.entryPointAdded");
            return "redirect:/console/campaigns/" + id;
        }, model, response, () -> page(campaign, model));
    }

    @PostMapping("/console/campaigns/{id}/entry-points/remove")
    String removeEntryPoint(@PathVariable UUID id, @RequestParam(defaultValue = "") String address, HttpServletRequest request,
                            RedirectAttributes flash) {
        supervisorOnly(request);
        campaigns.get(id);
        try {
            campaigns.removeEntryPoint(id, address);
            flash.addFlashAttribute("notice", "campaigns.notice.entryPointRemoved");
        } catch (NotFound e) {
            flash.addFlashAttribute("error", "campaigns.error.unknownEntryPoint");
        }
        return "redirect:/console/campaigns/" + id;
    }

    @PostMapping("/console/campaigns/{id}/audience")
    String target(@PathVariable UUID id, @ModelAttribute("audience") AudienceForm audience, HttpServletRequest request, Model model,
                  HttpServletResponse response, RedirectAttributes flash) {
        supervisorOnly(request);
        Campaign campaign = campaigns.get(id);
        model.addAttribute("entryPoint", EntryPointForm.empty());
        return attempt(() -> {
            Audience rules = audience.audience();
            if (audiences.preview(rules, 0).count() == 0) {
                throw new ConsoleRefusal("campaigns.error.nobody");
            }
            campaigns.target(id, Audience.EVERYONE.equals(rules) ? null : rules);
            flash.addFlashAttribute("notice", "campaigns.notice.audienceSaved");
            return "redirect:/console/campaigns/" + id;
        }, model, response, () -> page(campaign, model));
    }

    /** The live preview beside the audience form: how many, and a few names. */
    @PostMapping("/console/campaigns/audience/preview")
    String preview(@ModelAttribute("audience") AudienceForm audience, HttpServletRequest request, Model model) {
        supervisorOnly(request);
        try {
            model.addAttribute("preview", audiences.preview(audience.audience(), 10));
        } catch (ConsoleRefusal e) {
            model.addAttribute("preview", null);
            model.addAttribute("previewError", e.key());
        }
        return "console/campaign-parts :: preview";
    }

    /** Plans a send of the campaign's message on a channel to its target audience: the dry run. */
    @PostMapping("/console/campaigns/{id}/sends")
    String plan(@PathVariable UUID id, @RequestParam(defaultValue = "") String channel, HttpServletRequest request, Model model,
                HttpServletResponse response) {
        supervisorOnly(request);
        Campaign campaign = campaigns.get(id);
        Audience target = campaigns.target(id).orElse(Audience.EVERYONE);
        model.addAttribute("audience", AudienceForm.of(target));
        model.addAttribute("entryPoint", EntryPointForm.empty());
        return attempt(() -> {
            if (!CampaignForms.SEND_CHANNELS.contains(channel)) {
                throw new ConsoleRefusal("campaigns.error.channel");
            }
            CampaignMessages.Message message = messages.of(id, ChannelType.of(channel))
                    .orElseThrow(() -> new ConsoleRefusal("campaigns.error.noMessage"));
            if (audiences.preview(target, 0).count() == 0) {
                throw new ConsoleRefusal("campaigns.error.nobody");
            }
            CampaignSends.Report report = sends.plan(id, new CampaignSends.Request(message.channel(), message.subject(), message.text(),
                    target, message.link()));
            return "redirect:/console/campaigns/" + id + "/sends/" + report.sendId();
        }, model, response, () -> page(campaign, model));
    }

    /**
     * Builds a call list of the campaign's target audience (everyone when it has none), in no
     * particular order. Who has no phone number, already answered or may not be called is on the
     * list as removed, with the reason, so its count to call is true from the start.
     */
    @PostMapping("/console/campaigns/{id}/call-lists")
    String callList(@PathVariable UUID id, @RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String token,
                    HttpServletRequest request, Model model, HttpServletResponse response, RedirectAttributes flash) {
        supervisorOnly(request);
        Campaign campaign = campaigns.get(id);
        Audience target = campaigns.target(id).orElse(Audience.EVERYONE);
        model.addAttribute("audience", AudienceForm.of(target));
        model.addAttribute("entryPoint", EntryPointForm.empty());
        model.addAttribute("callListName", name);
        return attempt(() -> {
            String title = callListName(name);
            int count = audiences.preview(target, 0).count();
            if (count == 0) {
                throw new ConsoleRefusal("campaigns.error.nobody");
            }
            if (count > CALL_LIST_LIMIT) {
                throw new ConsoleRefusal("campaigns.callLists.error.tooMany");
            }
            CallLists.Built list = callLists.createOnce(id, title, audiences.members(target), formToken(token));
            if (list.created()) {
                flash.addFlashAttribute("callListBuilt", list.pending());
            } else {
                flash.addFlashAttribute("callListAlreadyBuilt", true);
            }
            return "redirect:/console/campaigns/" + id + "#call-lists";
        }, model, response, () -> page(campaign, model));
    }

    /** The call-list form's token, which makes a second press of the same form build nothing; none when it is not one. */
    private static UUID formToken(String token) {
        try {
            return token.isBlank() ? null : UUID.fromString(token.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String callListName(String name) {
        try {
            return TextInput.check("name", AdminForms.required(name, "campaigns.callLists.error.name"), false);
        } catch (InvalidInput e) {
            throw new ConsoleRefusal("campaigns.callLists.error.name");
        }
    }

    /** Runs a form's action; a refusal renders {@code again} with status 422 and the reason in the reader's language. */
    static String attempt(Supplier<String> action, Model model, HttpServletResponse response, Supplier<String> again) {
        try {
            return action.get();
        } catch (ConsoleRefusal e) {
            return refuse(e.key(), null, model, response, again);
        } catch (Conflict e) {
            return refuse("campaigns.error.taken", e, model, response, again);
        } catch (InvalidInput e) {
            return refuse(fieldKey(e.field()), e, model, response, again);
        } catch (RefusedByRule e) {
            return refuse("campaigns.error.invalid", e, model, response, again);
        }
    }

    private static String refuse(String key, RuntimeException detail, Model model, HttpServletResponse response, Supplier<String> again) {
        response.setStatus(422);
        model.addAttribute("error", key);
        if (detail != null) {
            RefusalDetails.show(model, detail);
        }
        return again.get();
    }

    private static final Map<String, String> FIELDS = Map.of("name", "campaigns.error.name", "code", "campaigns.error.code",
            "endsAt", "campaigns.error.dates", "smsKeyword", "campaigns.error.keyword", "status", "campaigns.error.status",
            "entry point address", "campaigns.error.entryPointAddress", "channel", "campaigns.error.channel");

    private static String fieldKey(String field) {
        return field == null ? "campaigns.error.invalid" : FIELDS.getOrDefault(field, "campaigns.error.invalid");
    }
}
