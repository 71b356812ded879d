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
import io.temas.routing.RoutingInput;
import io.temas.routing.RoutingRule;
import io.temas.routing.RoutingRules;
import io.temas.routing.RuleConditions;
import io.temas.routing.SlaPolicies;
import io.temas.routing.SlaPolicy;
import io.temas.shared.ChannelType;
import io.temas.shared.InvalidInput;
import io.temas.shared.Language;
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

    record EntryPointRequest(String address, String channel, String queue, String name, String campaign, String medium) {
    }

    record AgentRequest(String username, String displayName, String email, List<String> skills, List<String> languages,
                        Map<String, Integer> capacity, List<String> queues, String presence) {
    }

    record RuleRequest(Integer position, String name, Boolean enabled, RuleConditions conditions, String queue, List<String> skills,
                       String priority) {
    }

    record SlaRequest(String name, String channel, String priority, Integer firstResponseMinutes, Integer resolutionMinutes,
                      UUID businessHoursId) {
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

    RoutingAdminController(Queues queues, EntryPoints entryPoints, Agents agents, RoutingRules rules, SlaPolicies slaPolicies,
                           BusinessCalendars calendars, RoutingEngine engine) {
        this.queues = queues;
        this.entryPoints = entryPoints;
        this.agents = agents;
        this.rules = rules;
        this.slaPolicies = slaPolicies;
        this.calendars = calendars;
        this.engine = engine;
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
        return queues.create(required(r.name(), "name"), r.description(), r.businessHoursId());
    }

    @PutMapping("/api/v1/queues/{id}")
    Queue updateQueue(@PathVariable UUID id, @RequestBody QueueRequest r) {
        return queues.update(id, required(r.name(), "name"), r.description(), r.businessHoursId());
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
    EntryPoint createEntryPoint(@RequestBody EntryPointRequest r) {
        return entryPoints.create(required(r.address(), "address"), channel(r.channel()), queues.resolve(required(r.queue(), "queue")).id(),
                r.name(), r.campaign(), r.medium());
    }

    @PutMapping("/api/v1/entry-points/{id}")
    EntryPoint updateEntryPoint(@PathVariable UUID id, @RequestBody EntryPointRequest r) {
        return entryPoints.update(id, required(r.address(), "address"), channel(r.channel()),
                queues.resolve(required(r.queue(), "queue")).id(), r.name(), r.campaign(), r.medium());
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
    Agent createAgent(@RequestBody AgentRequest r) {
        Agent agent = agents.create(draft(r));
        return r.presence() == null ? agent : agents.setPresence(agent.id(), presence(r.presence()));
    }

    @PutMapping("/api/v1/agents/{id}")
    Agent updateAgent(@PathVariable UUID id, @RequestBody AgentRequest r) {
        Agent agent = agents.update(id, draft(r));
        return r.presence() == null ? agent : agents.setPresence(id, presence(r.presence()));
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
    RoutingRule createRule(@RequestBody RuleRequest r) {
        return rules.create(draft(r));
    }

    @PutMapping("/api/v1/routing-rules/{id}")
    RoutingRule updateRule(@PathVariable UUID id, @RequestBody RuleRequest r) {
        return rules.update(id, draft(r));
    }

    @DeleteMapping("/api/v1/routing-rules/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteRule(@PathVariable UUID id) {
        rules.delete(id);
    }

    @PostMapping("/api/v1/routing/preview")
    Map<String, Object> preview(@RequestBody PreviewRequest r) {
        RoutingDecision decision = engine.decide(new RoutingInput(ChannelType.of(required(r.channel(), "channel")), r.entryPoint(),
                r.language() == null ? null : Language.parse(r.language()).orElse(null), r.subject(), r.text(), r.segments(),
                Boolean.TRUE.equals(r.vip())));
        return ConversationsController.map("rule", decision.rule(), "reason", decision.reason(), "queue", queues.get(decision.queueId()).name(),
                "queueId", decision.queueId(), "skills", decision.skills(), "priority", decision.priority().code());
    }

    // SLA policies

    @GetMapping("/api/v1/sla-policies")
    List<SlaPolicy> slaPolicies() {
        return slaPolicies.all();
    }

    @PostMapping("/api/v1/sla-policies")
    @ResponseStatus(HttpStatus.CREATED)
    SlaPolicy createSla(@RequestBody SlaRequest r) {
        return slaPolicies.create(required(r.name(), "name"), ChannelType.of(r.channel()), Priority.of(required(r.priority(), "priority")),
                minutes(r.firstResponseMinutes(), "firstResponseMinutes"), minutes(r.resolutionMinutes(), "resolutionMinutes"),
                r.businessHoursId());
    }

    @PutMapping("/api/v1/sla-policies/{id}")
    SlaPolicy updateSla(@PathVariable UUID id, @RequestBody SlaRequest r) {
        return slaPolicies.update(id, required(r.name(), "name"), ChannelType.of(r.channel()), Priority.of(required(r.priority(), "priority")),
                minutes(r.firstResponseMinutes(), "firstResponseMinutes"), minutes(r.resolutionMinutes(), "resolutionMinutes"),
                r.businessHoursId());
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

    private Agents.Draft draft(AgentRequest r) {
        Map<ChannelType, Integer> capacity = new EnumMap<>(ChannelType.class);
        if (r.capacity() != null) {
            r.capacity().forEach((channel, n) -> {
                if (n == null || n < 0) {
                    throw new InvalidInput("capacity", "capacity for " + channel + " must be zero or more");
                }
                capacity.put(ChannelType.of(channel), n);
            });
        }
        List<UUID> queueIds = r.queues() == null ? List.of() : r.queues().stream().map(q -> queues.resolve(q).id()).toList();
        return new Agents.Draft(required(r.username(), "username"), r.displayName() == null ? r.username() : r.displayName(), r.email(),
                r.skills(), r.languages(), capacity, queueIds);
    }

    private RoutingRules.Draft draft(RuleRequest r) {
        return new RoutingRules.Draft(r.position(), required(r.name(), "name"), r.enabled(), r.conditions(),
                queues.resolve(required(r.queue(), "queue")).id(), r.skills(), r.priority() == null ? null : Priority.of(r.priority()));
    }

    private static Agent.Presence presence(String code) {
        return Agent.Presence.of(code);
    }

    private static ChannelType channel(String code) {
        return code == null || code.isBlank() ? null : ChannelType.of(code);
    }

    private static Duration minutes(Integer minutes, String field) {
        if (minutes == null || minutes <= 0) {
            throw new InvalidInput(field, field + " must be a positive number of minutes");
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
