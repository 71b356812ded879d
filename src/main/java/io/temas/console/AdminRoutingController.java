package io.temas.console;

import static io.temas.console.AdminForms.blankToNull;
import static io.temas.console.AdminForms.joined;
import static io.temas.console.AdminForms.list;

import io.temas.channels.Channels;
import io.temas.customers.Customer;
import io.temas.customers.Customers;
import io.temas.routing.Agent;
import io.temas.routing.Agents;
import io.temas.routing.BusinessCalendars;
import io.temas.routing.EntryPoint;
import io.temas.routing.EntryPointTraffic;
import io.temas.routing.EntryPoints;
import io.temas.routing.InvalidRoutingInput;
import io.temas.routing.Queue;
import io.temas.routing.Queues;
import io.temas.routing.RoutingDecision;
import io.temas.routing.RoutingEngine;
import io.temas.routing.RoutingForms;
import io.temas.routing.RoutingForms.EntryPointFields;
import io.temas.routing.RoutingInput;
import io.temas.routing.RoutingRule;
import io.temas.routing.RoutingRules;
import io.temas.routing.RuleConditions;
import io.temas.shared.ChannelType;
import io.temas.shared.InvalidInput;
import io.temas.shared.Language;
import io.temas.shared.Priority;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Admin screens for where messages go: entry points, queues and skills, routing rules in order, and a try-a-message preview. */
@Controller
class AdminRoutingController {

    record QueueForm(String name, String description, String businessHours) {

        static QueueForm of(Queue q) {
            return new QueueForm(q.name(), q.description(), q.businessHoursId() == null ? "" : q.businessHoursId().toString());
        }
    }

    record RuleForm(String name, Boolean enabled, String queue, String skills, String priority, String entryPoints, List<String> channels,
                    List<String> languages, String keywords, String segments, String vip, Boolean personAnswers,
                    Boolean offerCall) {

        RuleForm {
            channels = channels == null ? List.of() : channels;
            languages = languages == null ? List.of() : languages;
        }

        static RuleForm empty() {
            return new RuleForm("", true, "", "", "", "", List.of(), List.of(), "", "", "", false, false);
        }

        static RuleForm of(RoutingRule r) {
            RuleConditions c = r.conditions();
            return new RuleForm(r.name(), r.enabled(), r.queueId().toString(), joined(r.skills()),
                    r.priority() == null ? "" : r.priority().code(), joined(c.entryPoints()), c.channels(), c.languages(),
                    joined(c.keywords()), joined(c.segments()), c.vip() == null ? "" : c.vip().toString(), r.personAnswers(),
                    r.offerCall());
        }
    }

    record PreviewForm(String channel, String entryPoint, String sender, String language, String subject, String text, String segments,
                       Boolean vip) {

        static PreviewForm empty() {
            return new PreviewForm("email", "", "", "", "", "", "", false);
        }
    }

    /** A skill, the agents who have it and the rules that ask for it. */
    record Skill(String name, List<String> agents, List<String> rules) {
    }

    /** What the preview found: the decision, the queue's name and the customer the sender is, if known. */
    record Preview(RoutingDecision decision, String queue, String customer, boolean vip, List<String> segments, boolean personAnswers,
                   boolean offerCall) {
    }

    private final EntryPoints entryPoints;
    private final Queues queues;
    private final RoutingRules rules;
    private final Agents agents;
    private final BusinessCalendars calendars;
    private final RoutingEngine engine;
    private final Customers customers;
    private final RoutingForms forms;
    private final Channels channels;
    private final EntryPointTraffic traffic;
    private final ViewerZone zone;

    AdminRoutingController(EntryPoints entryPoints, Queues queues, RoutingRules rules, Agents agents, BusinessCalendars calendars,
                           RoutingEngine engine, Customers customers, RoutingForms forms, Channels channels,
                           EntryPointTraffic traffic, ViewerZone zone) {
        this.zone = zone;
        this.channels = channels;
        this.traffic = traffic;
        this.entryPoints = entryPoints;
        this.queues = queues;
        this.rules = rules;
        this.agents = agents;
        this.calendars = calendars;
        this.engine = engine;
        this.customers = customers;
        this.forms = forms;
    }

    // Entry points

    @GetMapping("/console/admin/entry-points")
    String entryPoints(Model model) {
        return entryPointsPage(null, new EntryPointFields("", "", "", "", "", ""), model);
    }

    @GetMapping("/console/admin/entry-points/{id}")
    String entryPoint(@PathVariable UUID id, Model model) {
        return entryPointsPage(id, EntryPointFields.of(entryPoints.get(id)), model);
    }

    @PostMapping("/console/admin/entry-points")
    String createEntryPoint(EntryPointFields form, Model model, RedirectAttributes flash, HttpServletResponse response) {
        return AdminForms.submit(() -> entryPoints.create(forms.entryPoint(form)),
                "/console/admin/entry-points", flash, model, response, () -> entryPointsPage(null, form, model));
    }

    @PostMapping("/console/admin/entry-points/{id}")
    String updateEntryPoint(@PathVariable UUID id, EntryPointFields form, Model model, RedirectAttributes flash, HttpServletResponse response) {
        entryPoints.get(id);
        return AdminForms.submit(() -> entryPoints.update(id, forms.entryPoint(form)),
                "/console/admin/entry-points", flash, model, response, () -> entryPointsPage(id, form, model));
    }

    @PostMapping("/console/admin/entry-points/{id}/delete")
    String deleteEntryPoint(@PathVariable UUID id, RedirectAttributes flash) {
        entryPoints.get(id);
        return AdminForms.act(() -> entryPoints.delete(id), "/console/admin/entry-points", "admin.notice.deleted", flash);
    }

    private static final int TRAFFIC_WEEKS = 8;
    private static final String BAR_STEPS = "▁▂▃▄▅▆▇█";

    /** Each entry point's weeks as a row of bar characters scaled to the busiest week of any entry point (text, so no styles). */
    private static Map<UUID, String> bars(EntryPointTraffic.Weeks weeks) {
        int most = weeks.most();
        Map<UUID, String> bars = new HashMap<>();
        weeks.counts().forEach((id, counts) -> {
            StringBuilder row = new StringBuilder();
            for (int n : counts) {
                row.append(n == 0 ? '·' : BAR_STEPS.charAt(Math.min(BAR_STEPS.length() - 1, (n * BAR_STEPS.length() - 1) / most)));
            }
            bars.put(id, row.toString());
        });
        return bars;
    }

    private String entryPointsPage(UUID editing, EntryPointFields form, Model model) {
        model.addAttribute("entryPoints", entryPoints.all());
        model.addAttribute("today", LocalDate.now(zone.current()));
        model.addAttribute("states", EntryPoint.State.values());
        var weeks = traffic.lastWeeks(TRAFFIC_WEEKS);
        model.addAttribute("traffic", weeks.counts());
        model.addAttribute("bars", bars(weeks));
        model.addAttribute("queueNames", queueNames());
        model.addAttribute("queues", queues.all());
        model.addAttribute("channels", channels.types());
        model.addAttribute("editing", editing);
        model.addAttribute("form", form);
        return "console/admin/entry-points";
    }

    // Queues and skills

    @GetMapping("/console/admin/queues")
    String queues(Model model) {
        return queuesPage(null, new QueueForm("", "", ""), model);
    }

    @GetMapping("/console/admin/queues/{id}")
    String queue(@PathVariable UUID id, Model model) {
        return queuesPage(id, QueueForm.of(queues.get(id)), model);
    }

    @PostMapping("/console/admin/queues")
    String createQueue(QueueForm form, Model model, RedirectAttributes flash, HttpServletResponse response) {
        return AdminForms.submit(() -> queues.create(RoutingForms.required(form.name(), "name"), blankToNull(form.description()),
                        forms.calendar(form.businessHours())),
                "/console/admin/queues", flash, model, response, () -> queuesPage(null, form, model));
    }

    @PostMapping("/console/admin/queues/{id}")
    String updateQueue(@PathVariable UUID id, QueueForm form, Model model, RedirectAttributes flash, HttpServletResponse response) {
        queues.get(id);
        return AdminForms.submit(() -> queues.update(id, RoutingForms.required(form.name(), "name"), blankToNull(form.description()),
                        forms.calendar(form.businessHours())),
                "/console/admin/queues", flash, model, response, () -> queuesPage(id, form, model));
    }

    @PostMapping("/console/admin/queues/{id}/delete")
    String deleteQueue(@PathVariable UUID id, RedirectAttributes flash) {
        queues.get(id);
        return AdminForms.act(() -> queues.delete(id), "/console/admin/queues", "admin.notice.deleted", flash);
    }

    private String queuesPage(UUID editing, QueueForm form, Model model) {
        List<Agent> all = agents.all();
        Map<UUID, List<String>> agentsByQueue = new HashMap<>();
        all.forEach(a -> a.queueIds().forEach(q -> agentsByQueue.computeIfAbsent(q, k -> new ArrayList<>()).add(a.displayName())));
        model.addAttribute("queues", queues.all());
        model.addAttribute("agentsByQueue", agentsByQueue);
        model.addAttribute("calendars", calendars.all());
        model.addAttribute("calendarNames", calendarNames());
        model.addAttribute("skills", skills(all));
        model.addAttribute("editing", editing);
        model.addAttribute("form", form);
        return "console/admin/queues";
    }

    private List<Skill> skills(List<Agent> all) {
        Map<String, Skill> skills = new TreeMap<>();
        all.forEach(a -> a.skills().forEach(s -> skills.computeIfAbsent(s, k -> new Skill(k, new ArrayList<>(), new ArrayList<>()))
                .agents().add(a.displayName())));
        rules.all().forEach(r -> r.skills().forEach(s -> skills.computeIfAbsent(s, k -> new Skill(k, new ArrayList<>(), new ArrayList<>()))
                .rules().add(r.name())));
        return List.copyOf(skills.values());
    }

    // Routing rules

    @GetMapping("/console/admin/rules")
    String rules(Model model) {
        return rulesPage(null, RuleForm.empty(), PreviewForm.empty(), null, model);
    }

    @GetMapping("/console/admin/rules/{id}")
    String rule(@PathVariable UUID id, Model model) {
        return rulesPage(id, RuleForm.of(rules.get(id)), PreviewForm.empty(), null, model);
    }

    @PostMapping("/console/admin/rules")
    String createRule(RuleForm form, Model model, RedirectAttributes flash, HttpServletResponse response) {
        return AdminForms.submit(() -> rules.create(draft(null, form)), "/console/admin/rules", flash, model, response,
                () -> rulesPage(null, form, PreviewForm.empty(), null, model));
    }

    @PostMapping("/console/admin/rules/{id}")
    String updateRule(@PathVariable UUID id, RuleForm form, Model model, RedirectAttributes flash, HttpServletResponse response) {
        RoutingRule before = rules.get(id);
        return AdminForms.submit(() -> rules.update(id, draft(before.position(), form)), "/console/admin/rules", flash, model, response,
                () -> rulesPage(id, form, PreviewForm.empty(), null, model));
    }

    @PostMapping("/console/admin/rules/{id}/delete")
    String deleteRule(@PathVariable UUID id, RedirectAttributes flash) {
        rules.get(id);
        return AdminForms.act(() -> rules.delete(id), "/console/admin/rules", "admin.notice.deleted", flash);
    }

    /** Moves a rule one place up or down; the rules are renumbered 10, 20, 30… in their new order. */
    @PostMapping("/console/admin/rules/{id}/move")
    String move(@PathVariable UUID id, String direction, RedirectAttributes flash) {
        rules.get(id);
        return AdminForms.act(() -> rules.move(id, "up".equals(direction) ? RoutingRules.Direction.UP : RoutingRules.Direction.DOWN),
                "/console/admin/rules", "admin.notice.moved", flash);
    }

    /** Which rule a message would hit and why; htmx swaps in the result, a plain form post gets the whole page. */
    @PostMapping("/console/admin/rules/preview")
    String preview(PreviewForm form, @RequestHeader(value = "HX-Request", required = false) String htmx, Model model,
                   HttpServletResponse response) {
        try {
            model.addAttribute("preview", preview(form));
        } catch (InvalidRoutingInput e) {
            response.setStatus(422);
            model.addAttribute("previewError", AdminForms.key(e));
        }
        model.addAttribute("queueNames", queueNames());
        if (htmx != null) {
            model.addAttribute("try", form);
            return "console/admin/rules :: preview-result";
        }
        return rulesPage(null, RuleForm.empty(), form, (Preview) model.getAttribute("preview"), model);
    }

    private Preview preview(PreviewForm form) {
        Optional<Customer> customer = Optional.ofNullable(blankToNull(form.sender())).flatMap(customers::findByIdentifier);
        boolean vip = Boolean.TRUE.equals(form.vip()) || customer.map(Customer::vip).orElse(false);
        List<String> segments = new ArrayList<>(list(form.segments()));
        customer.ifPresent(c -> c.segments().stream().filter(s -> !segments.contains(s)).forEach(segments::add));
        RoutingInput input = forms.input(form.channel(), form.entryPoint(), form.language(), form.subject(), form.text(), segments, vip);
        RoutingDecision decision = engine.decide(input);
        return new Preview(decision, queues.get(decision.queueId()).name(),
                customer.map(c -> c.displayName() == null ? form.sender() : c.displayName()).orElse(null), vip, segments,
                engine.matchingRule(input).map(RoutingRule::personAnswers).orElse(false),
                engine.matchingRule(input).map(RoutingRule::offerCall).orElse(false));
    }

    private String rulesPage(UUID editing, RuleForm form, PreviewForm tryForm, Preview preview, Model model) {
        model.addAttribute("rules", rules.all());
        model.addAttribute("queues", queues.all());
        model.addAttribute("queueNames", queueNames());
        model.addAttribute("entryPoints", entryPoints.all());
        model.addAttribute("channels", channels.types());
        model.addAttribute("languages", Language.values());
        model.addAttribute("priorities", Priority.values());
        model.addAttribute("editing", editing);
        model.addAttribute("form", form);
        model.addAttribute("try", tryForm);
        model.addAttribute("preview", preview);
        return "console/admin/rules";
    }

    /** The flat form (lists typed comma-separated, an unticked box absent) as the rule routing reads. */
    private RoutingRules.Draft draft(Integer position, RuleForm f) {
        String vip = blankToNull(f.vip());
        RuleConditions conditions = new RuleConditions(list(f.entryPoints()), f.channels(), f.languages(), list(f.keywords()),
                list(f.segments()), vip == null ? null : Boolean.valueOf(vip));
        return forms.rule(new RoutingForms.RuleFields(position, f.name(), Boolean.TRUE.equals(f.enabled()), conditions, f.queue(),
                list(f.skills()), f.priority(), Boolean.TRUE.equals(f.personAnswers()),
                Boolean.TRUE.equals(f.offerCall())));
    }

    private Map<UUID, String> queueNames() {
        Map<UUID, String> names = new HashMap<>();
        queues.all().forEach(q -> names.put(q.id(), q.name()));
        return names;
    }

    private Map<UUID, String> calendarNames() {
        Map<UUID, String> names = new HashMap<>();
        calendars.all().forEach(c -> names.put(c.id(), c.name()));
        return names;
    }
}
