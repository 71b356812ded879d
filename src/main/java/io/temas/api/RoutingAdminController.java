package io.temas.api;

import io.temas.routing.Agent;
import io.temas.routing.Agents;
import io.temas.routing.BusinessCalendars;
import io.temas.routing.BusinessHours;
import io.temas.routing.EntryPoint;
import io.temas.routing.EntryPoints;
import io.temas.routing.Queue;
import io.temas.routing.Queues;
import io.temas.routing.RoutingDecision;
import io.temas.routing.RoutingEngine;
import io.temas.routing.RoutingForms;
import io.temas.routing.RoutingRule;
import io.temas.routing.RoutingRules;
import io.temas.routing.SlaPolicies;
import io.temas.routing.SlaPolicy;
import io.temas.shared.ChannelType;
import io.temas.shared.InvalidInput;
import io.temas.shared.Priority;
import java.time.DayOfWeek;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Routing configuration: queues, entry points, agents, rules, SLA policies, business hours, and a preview. */
@RestController
class RoutingAdminController {

    record QueueRequest(String name, String description, UUID businessHoursId) {
    }

    record MoveRequest(String direction) {
    }

    /**
     * An SLA policy as sent: each target in seconds ({@code firstResponseSeconds}, for chat's 30 s) or in minutes (the
     * older fields), one of the two.
     */
    record SlaRequest(String name, String channel, String priority, Integer firstResponseMinutes, Integer resolutionMinutes,
                      UUID businessHoursId, Integer firstResponseSeconds, Integer resolutionSeconds) {
    }

    record PreviewRequest(String channel, String entryPoint, String language, String subject, String text, List<String> segments,
                          Boolean vip) {
    }

    private final Queues queues;
    private final EntryPoints entryPoints;
    private final Agents agents;
    private final RoutingRules rules;
    private final SlaPolicies slaPolicies;
    private final BusinessCalendars calendars;
    private final RoutingEngine engine;
    private final RoutingForms forms;

    RoutingAdminController(Queues queues, EntryPoints entryPoints, Agents agents, RoutingRules rules, SlaPolicies slaPolicies,
                           BusinessCalendars calendars, RoutingEngine engine, RoutingForms forms) {
        this.queues = queues;
        this.entryPoints = entryPoints;
        this.agents = agents;
        this.rules = rules;
        this.slaPolicies = slaPolicies;
        this.calendars = calendars;
        this.engine = engine;
        this.forms = forms;
    }

    // Queues

    @GetMapping("/api/v1/queues")
    List<Queue> queues() {
        return queues.all();
    }

    @GetMapping("/api/v1/queues/{id}")
    Queue queue(@PathVariable UUID id) {
        return queues.get(id);
    }

    @PostMapping("/api/v1/queues")
    @ResponseStatus(HttpStatus.CREATED)
    Queue createQueue(@RequestBody QueueRequest r) {
        return queues.create(RoutingForms.required(r.name(), "name"), r.description(), r.businessHoursId());
    }

    @PutMapping("/api/v1/queues/{id}")
    Queue updateQueue(@PathVariable UUID id, @RequestBody QueueRequest r) {
        return queues.update(id, RoutingForms.required(r.name(), "name"), r.description(), r.businessHoursId());
    }

    @DeleteMapping("/api/v1/queues/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteQueue(@PathVariable UUID id) {
        queues.delete(id);
    }

    // Entry points

    @GetMapping("/api/v1/entry-points")
    List<EntryPoint> entryPoints() {
        return entryPoints.all();
    }

    @GetMapping("/api/v1/entry-points/{id}")
    EntryPoint entryPoint(@PathVariable UUID id) {
        return entryPoints.get(id);
    }

    @PostMapping("/api/v1/entry-points")
    @ResponseStatus(HttpStatus.CREATED)
    EntryPoint createEntryPoint(@RequestBody RoutingForms.EntryPointFields r) {
        return entryPoints.create(forms.entryPoint(r));
    }

    @PutMapping("/api/v1/entry-points/{id}")
    EntryPoint updateEntryPoint(@PathVariable UUID id, @RequestBody RoutingForms.EntryPointFields r) {
        entryPoints.get(id);
        return entryPoints.update(id, forms.entryPoint(r));
    }

    @DeleteMapping("/api/v1/entry-points/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteEntryPoint(@PathVariable UUID id) {
        entryPoints.delete(id);
    }

    // Agents

    @GetMapping("/api/v1/agents")
    List<Agent> agents() {
        return agents.all();
    }

    @GetMapping("/api/v1/agents/{id}")
    Agent agent(@PathVariable UUID id) {
        return agents.get(id);
    }

    @PostMapping("/api/v1/agents")
    @ResponseStatus(HttpStatus.CREATED)
    Agent createAgent(@RequestBody RoutingForms.AgentFields r) {
        return agents.create(forms.agent(r), RoutingForms.presence(r.presence()));
    }

    @PutMapping("/api/v1/agents/{id}")
    Agent updateAgent(@PathVariable UUID id, @RequestBody RoutingForms.AgentFields r) {
        agents.get(id);
        return agents.update(id, forms.agent(r), RoutingForms.presence(r.presence()));
    }

    @DeleteMapping("/api/v1/agents/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteAgent(@PathVariable UUID id) {
        agents.delete(id);
    }

    // Routing rules

    @GetMapping("/api/v1/routing-rules")
    List<RoutingRule> rules() {
        return rules.all();
    }

    @GetMapping("/api/v1/routing-rules/{id}")
    RoutingRule rule(@PathVariable UUID id) {
        return rules.get(id);
    }

    @PostMapping("/api/v1/routing-rules")
    @ResponseStatus(HttpStatus.CREATED)
    RoutingRule createRule(@RequestBody RoutingForms.RuleFields r) {
        return rules.create(forms.rule(r));
    }

    @PutMapping("/api/v1/routing-rules/{id}")
    RoutingRule updateRule(@PathVariable UUID id, @RequestBody RoutingForms.RuleFields r) {
        rules.get(id);
        return rules.update(id, forms.rule(r));
    }

    /** Moves a rule one place up or down; answers the rules in their new order. */
    @PostMapping("/api/v1/routing-rules/{id}/move")
    List<RoutingRule> moveRule(@PathVariable UUID id, @RequestBody MoveRequest r) {
        return rules.move(id, RoutingRules.Direction.of(RoutingForms.required(r.direction(), "direction")));
    }

    /** Puts the rules in the order of the ids given (rules not named follow in their order); answers them. */
    @PutMapping("/api/v1/routing-rules/order")
    List<RoutingRule> orderRules(@RequestBody List<UUID> ids) {
        return rules.order(ids);
    }

    @DeleteMapping("/api/v1/routing-rules/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteRule(@PathVariable UUID id) {
        rules.delete(id);
    }

    @PostMapping("/api/v1/routing/preview")
    Map<String, Object> preview(@RequestBody PreviewRequest r) {
        RoutingDecision decision = engine.decide(forms.input(r.channel(), r.entryPoint(), r.language(), r.subject(), r.text(), r.segments(),
                Boolean.TRUE.equals(r.vip())));
        return ConversationsController.map("rule", decision.rule(), "reason", decision.reason(), "queue", queues.get(decision.queueId()).name(),
                "queueId", decision.queueId(), "skills", decision.skills(), "priority", decision.priority().code());
    }

    // SLA policies

    @GetMapping("/api/v1/sla-policies")
    List<Map<String, Object>> slaPolicies() {
        return slaPolicies.all().stream().map(RoutingAdminController::sla).toList();
    }

    /** A policy with its targets in seconds, and in minutes where they are whole minutes (null otherwise). */
    static Map<String, Object> sla(SlaPolicy p) {
        long first = p.firstResponse().getSeconds();
        long resolution = p.resolution().getSeconds();
        return ConversationsController.map("id", p.id(), "name", p.name(), "channel", p.channel().code(), "priority", p.priority().code(),
                "firstResponseSeconds", first, "resolutionSeconds", resolution,
                "firstResponseMinutes", first % 60 == 0 ? first / 60 : null, "resolutionMinutes", resolution % 60 == 0 ? resolution / 60 : null,
                "businessHoursId", p.businessHoursId());
    }

    @PostMapping("/api/v1/sla-policies")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> createSla(@RequestBody SlaRequest r) {
        return sla(slaPolicies.create(required(r.name(), "name"), forms.channel(RoutingForms.required(r.channel(), "channel")), Priority.of(required(r.priority(), "priority")),
                target(r.firstResponseSeconds(), r.firstResponseMinutes(), "firstResponse"),
                target(r.resolutionSeconds(), r.resolutionMinutes(), "resolution"), r.businessHoursId()));
    }

    @PutMapping("/api/v1/sla-policies/{id}")
    Map<String, Object> updateSla(@PathVariable UUID id, @RequestBody SlaRequest r) {
        return sla(slaPolicies.update(id, required(r.name(), "name"), forms.channel(RoutingForms.required(r.channel(), "channel")), Priority.of(required(r.priority(), "priority")),
                target(r.firstResponseSeconds(), r.firstResponseMinutes(), "firstResponse"),
                target(r.resolutionSeconds(), r.resolutionMinutes(), "resolution"), r.businessHoursId()));
    }

    @DeleteMapping("/api/v1/sla-policies/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteSla(@PathVariable UUID id) {
        slaPolicies.delete(id);
    }

    // Business hours

    @GetMapping("/api/v1/business-hours")
    List<Map<String, Object>> businessHours() {
        return calendars.all().stream().map(this::hours).toList();
    }

    @GetMapping("/api/v1/business-hours/{id}")
    Map<String, Object> businessHours(@PathVariable UUID id) {
        return hours(calendars.get(id));
    }

    @PostMapping("/api/v1/business-hours")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> createHours(@RequestBody BusinessCalendars.Draft draft) {
        required(draft.name(), "name");
        required(draft.zone(), "zone");
        return hours(calendars.create(draft));
    }

    @PutMapping("/api/v1/business-hours/{id}")
    Map<String, Object> updateHours(@PathVariable UUID id, @RequestBody BusinessCalendars.Draft draft) {
        required(draft.name(), "name");
        required(draft.zone(), "zone");
        return hours(calendars.update(id, draft));
    }

    @DeleteMapping("/api/v1/business-hours/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteHours(@PathVariable UUID id) {
        calendars.delete(id);
    }

    private Map<String, Object> hours(BusinessHours h) {
        Map<DayOfWeek, List<List<String>>> schedule = new EnumMap<>(DayOfWeek.class);
        h.schedule().forEach((day, intervals) -> schedule.put(day, intervals.stream()
                .map(i -> List.of(i.start().toString(), i.end().equals(java.time.LocalTime.MIDNIGHT) ? "24:00" : i.end().toString())).toList()));
        return ConversationsController.map("id", h.id(), "name", h.name(), "zone", h.zone().getId(), "schedule", schedule,
                "holidays", calendars.holidays(h.id()));
    }

    /** A target from {@code <field>Seconds} or {@code <field>Minutes}: exactly one of them, above zero. */
    private static Duration target(Integer seconds, Integer minutes, String field) {
        if (seconds != null && minutes != null) {
            throw new InvalidInput(field + "Seconds", "give " + field + "Seconds or " + field + "Minutes, not both");
        }
        if (seconds != null) {
            if (seconds <= 0) {
                throw new InvalidInput(field + "Seconds", field + "Seconds must be a positive number of seconds");
            }
            return Duration.ofSeconds(seconds);
        }
        if (minutes == null || minutes <= 0) {
            throw new InvalidInput(field + "Minutes", field + "Seconds or " + field + "Minutes must be a positive number");
        }
        return Duration.ofMinutes(minutes);
    }

    static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidInput(field, field + " is required");
        }
        return value;
    }
}
