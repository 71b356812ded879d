package io.temas.console;

import io.temas.calls.CtiSettings;
import io.temas.calls.Extensions;
import io.temas.calls.Pbx;
import io.temas.calls.Pbxes;
import io.temas.calls.SimulatedPbx;
import io.temas.calls.Telephony;
import io.temas.calls.TelephonySettings;
import io.temas.routing.Agent;
import io.temas.routing.Agents;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The telephony settings screen: which telephone system places calls, how Temas reaches Asterisk,
 * Twilio or a PBX behind the generic CTI webhook (secrets only as set or not: a blank field keeps
 * the saved one), how each adapter stands, the webhook addresses to give the PBX, the agents'
 * extensions, and the simulated PBX's controls for trying calls without one.
 */
@Controller
class AdminTelephonyController {

    private static final String PAGE = "/console/admin/telephony";

    record TelephonyForm(String pbx, String publicUrl, String ariUrl, String ariUsername, String ariPassword, String ariApp,
                         String ariTechnology, String ariContext, String twilioAccountSid, String twilioAuthToken,
                         String twilioCallerNumber, String twilioDomain, String twilioApiUrl, String ctiDialUrl) {

        static TelephonyForm of(TelephonySettings.Saved s) {
            return new TelephonyForm(s.pbx(), s.publicUrl(), s.ariUrl(), s.ariUsername(), "", s.ariApp(), s.ariTechnology(),
                    s.ariContext(), s.twilioAccountSid(), "", s.twilioCallerNumber(), s.twilioDomain(), s.twilioApiUrl(), s.ctiDialUrl());
        }

        TelephonySettings.Change change() {
            return new TelephonySettings.Change(pbx, publicUrl, ariUrl, ariUsername, ariPassword, ariApp, ariTechnology, ariContext,
                    twilioAccountSid, twilioAuthToken, twilioCallerNumber, twilioDomain, twilioApiUrl, ctiDialUrl);
        }
    }

    record SimulateForm(String from, String to, String extension) {
    }

    record ExtensionsForm(String agentId, String extensions) {
    }

    /** One adapter as the screen lists it. */
    record Adapter(String code, boolean active, String state, String detail, String missing) {
    }

    /** An agent and their extensions, for the extensions table. */
    record AgentExtensions(UUID id, String name, String extensions) {
    }

    private final TelephonySettings telephony;
    private final Pbxes pbxes;
    private final SimulatedPbx simulator;
    private final Extensions extensions;
    private final Agents agents;
    private final CtiSettings cti;

    AdminTelephonyController(TelephonySettings telephony, Pbxes pbxes, SimulatedPbx simulator, Extensions extensions, Agents agents,
                             CtiSettings cti) {
        this.telephony = telephony;
        this.pbxes = pbxes;
        this.simulator = simulator;
        this.extensions = extensions;
        this.agents = agents;
        this.cti = cti;
    }

    @GetMapping(PAGE)
    String page(Model model) {
        TelephonyForm form = telephony.saved().map(TelephonyForm::of).orElse(new TelephonyForm(telephony.current().pbx(), "", "", "", "",
                "", "", "", "", "", "", "", "", ""));
        return page(form, new SimulateForm("", SimulatedPbx.DEFAULT_NUMBER, ""), model);
    }

    @PostMapping(PAGE)
    String save(TelephonyForm form, Principal principal, Model model, RedirectAttributes flash, HttpServletResponse response) {
        return AdminForms.submit(() -> telephony.save(form.change(), principal.getName()), PAGE, flash, model, response,
                () -> page(new TelephonyForm(form.pbx(), form.publicUrl(), form.ariUrl(), form.ariUsername(), "", form.ariApp(),
                        form.ariTechnology(), form.ariContext(), form.twilioAccountSid(), "", form.twilioCallerNumber(), form.twilioDomain(),
                        form.twilioApiUrl(), form.ctiDialUrl()), new SimulateForm("", SimulatedPbx.DEFAULT_NUMBER, ""), model));
    }

    @PostMapping(PAGE + "/extensions")
    String extensions(ExtensionsForm form, RedirectAttributes flash) {
        UUID agent = AdminForms.id(form.agentId() == null ? "" : form.agentId(), "calls.telephony.error.agent");
        agents.get(agent);
        return AdminForms.act(() -> extensions.set(agent, AdminForms.list(form.extensions())), PAGE + "#extensions", "admin.notice.saved", flash);
    }

    @PostMapping(PAGE + "/simulate")
    String simulate(SimulateForm form, Model model, RedirectAttributes flash, HttpServletResponse response) {
        return AdminForms.submit(() -> simulator.incoming(form.from(), form.to(), form.extension()), PAGE + "#simulator", flash, model,
                response, () -> page(telephony.saved().map(TelephonyForm::of).orElse(new TelephonyForm(telephony.current().pbx(), "", "", "",
                        "", "", "", "", "", "", "", "", "", "")), form, model));
    }

    @PostMapping(PAGE + "/simulate/{callId}/answer")
    String answer(@PathVariable String callId, RedirectAttributes flash) {
        return AdminForms.act(() -> simulator.answer(callId), PAGE + "#simulator", "calls.telephony.simulator.answered", flash);
    }

    @PostMapping(PAGE + "/simulate/{callId}/hang-up")
    String hangUp(@PathVariable String callId, RedirectAttributes flash) {
        return AdminForms.act(() -> simulator.hangUp(callId), PAGE + "#simulator", "calls.telephony.simulator.hungUp", flash);
    }

    private String page(TelephonyForm form, SimulateForm simulate, Model model) {
        Telephony current = telephony.current();
        String active = current.pbx();
        List<Adapter> adapters = TelephonySettings.CODES.stream().map(code -> {
            Pbx pbx = pbxes.find(code).orElse(null);
            var status = pbx == null ? null : pbx.status();
            return new Adapter(code, code.equals(active), status == null ? "not-configured" : status.state(), status == null ? null : status.detail(),
                    status == null ? null : status.missing());
        }).toList();
        Map<UUID, List<String>> all = extensions.all();
        List<AgentExtensions> agentExtensions = agents.all().stream()
                .map(a -> new AgentExtensions(a.id(), a.displayName(), AdminForms.joined(all.getOrDefault(a.id(), List.of()))))
                .toList();
        String base = current.publicUrl();
        model.addAttribute("form", form);
        model.addAttribute("simulate", simulate);
        model.addAttribute("codes", TelephonySettings.CODES);
        model.addAttribute("active", active);
        model.addAttribute("adapters", adapters);
        model.addAttribute("ariPasswordSet", telephony.saved().map(s -> s.ariPassword() != null).orElse(false)
                || current.ari().password() != null);
        model.addAttribute("twilioTokenSet", current.twilio().authToken() != null);
        model.addAttribute("ctiSecretSet", cti.webhookSecret() != null && !cti.webhookSecret().isBlank());
        model.addAttribute("effective", current);
        model.addAttribute("ctiUrl", base == null ? null : base + "/api/v1/webhooks/cti");
        model.addAttribute("twilioUrl", base == null ? null : base + "/api/v1/webhooks/voice/twilio");
        model.addAttribute("twilioStatusUrl", base == null ? null : base + "/api/v1/webhooks/voice/twilio/status");
        model.addAttribute("agentExtensions", agentExtensions);
        model.addAttribute("simulated", simulator.inProgress());
        return "console/admin/telephony";
    }
}
