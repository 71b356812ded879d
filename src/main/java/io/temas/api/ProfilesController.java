package io.temas.api;

import io.temas.channels.Channels;
import io.temas.customers.CustomerId;
import io.temas.customers.CustomerNotFound;
import io.temas.customers.CustomerProfile;
import io.temas.customers.CustomerSummaries;
import io.temas.customers.CustomerSummary;
import io.temas.customers.LifecycleChange;
import io.temas.customers.LifecycleStage;
import io.temas.customers.ProfileChange;
import io.temas.customers.Profiles;
import io.temas.shared.ChannelType;
import io.temas.shared.InvalidInput;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * A customer's profile (demographics, segments, VIP, preferred language and channel), lifecycle stage with its history,
 * the one-call summary a touchpoint reads, and the lifecycle funnel. VIP and segments rank the person, so changing them
 * needs the admin scope; the rest the write scope.
 */
@RestController
class ProfilesController {

    record StageRequest(String stage, String reason) {
    }

    private final Profiles profiles;
    private final CustomerSummaries summaries;
    private final Channels channels;
    private final Clock clock;
    private final ZoneId zone;

    ProfilesController(Profiles profiles, CustomerSummaries summaries, Channels channels, Clock clock,
                       @Value("${temas.routing.zone:Europe/Istanbul}") String zone) {
        this.zone = ZoneId.of(zone);
        this.profiles = profiles;
        this.summaries = summaries;
        this.channels = channels;
        this.clock = clock;
    }

    @GetMapping("/api/v1/customers/{id}/profile")
    Map<String, Object> get(@PathVariable UUID id) {
        CustomerId customer = new CustomerId(id);
        Map<String, Object> body = profile(profiles.get(customer));
        body.put("lifecycleHistory", profiles.history(customer, 100).stream().map(ProfilesController::change).toList());
        return body;
    }

    /**
     * Changes the fields the body names ({@code null} clears one); fields left out stay. Unknown fields, values of the
     * wrong type and values that break a rule are refused with a 400 naming the field, and nothing changes.
     */
    @PatchMapping(path = "/api/v1/customers/{id}/profile", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json"})
    ResponseEntity<?> patch(@PathVariable UUID id, @RequestBody JsonNode body, Authentication authentication) {
        if (body == null || !body.isObject()) {
            throw new InvalidInput("The body is a JSON object of the fields to change");
        }
        Map<String, ProfileChange.Field> byName = Arrays.stream(ProfileChange.Field.values())
                .collect(Collectors.toMap(ProfileChange.Field::wire, f -> f));
        Map<ProfileChange.Field, Object> values = new HashMap<>();
        for (Map.Entry<String, JsonNode> entry : body.properties()) {
            ProfileChange.Field field = byName.get(entry.getKey());
            if (field == null) {
                throw new InvalidInput(entry.getKey(), "unknown field; the profile has " + String.join(", ", byName.keySet()));
            }
            values.put(field, value(entry.getValue()));
        }
        ProfileChange change = new ProfileChange(values);
        if (change.touchesRanking() && authentication.getAuthorities().stream()
                .noneMatch(a -> a.getAuthority().equals(ApiScope.ADMIN.authority()))) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(ApiProblems.problem(HttpStatus.FORBIDDEN, "forbidden", "Changing vip or segments needs a token with the admin scope"));
        }
        if (change.touches(ProfileChange.Field.PREFERRED_CHANNEL) && values.get(ProfileChange.Field.PREFERRED_CHANNEL) instanceof String code
                && !code.isBlank()) {
            knownChannel(code);
        }
        return ResponseEntity.ok(profile(profiles.update(new CustomerId(id), change, authentication.getName())));
    }

    /** Moves the customer to another stage; answers the move, or {@code changed: false} when it was in that stage already. */
    @PostMapping("/api/v1/customers/{id}/lifecycle")
    Map<String, Object> changeStage(@PathVariable UUID id, @RequestBody StageRequest request, Principal principal) {
        if (request == null) {
            throw new InvalidInput("stage", "stage is required");
        }
        LifecycleChange change = profiles.changeStage(new CustomerId(id), LifecycleStage.of("stage", request.stage()), request.reason(),
                principal.getName());
        if (change == null) {
            return Map.of("changed", false, "stage", LifecycleStage.of("stage", request.stage()).code());
        }
        Map<String, Object> body = change(change);
        body.put("changed", true);
        return body;
    }

    /**
     * Everything a touchpoint needs in one call. A merged customer's id answers the survivor's summary, saying so in
     * {@code mergedInto}; an unknown id is a 404.
     */
    @GetMapping("/api/v1/customers/{id}/summary")
    Map<String, Object> summary(@PathVariable UUID id) {
        CustomerSummary s = summaries.of(new CustomerId(id)).orElseThrow(() -> new CustomerNotFound(id));
        CustomerProfile p = s.profile();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", p.id().value());
        body.put("requestedId", s.requestedId());
        body.put("mergedInto", s.redirected() ? p.id().value() : null);
        body.put("displayName", p.displayName());
        body.put("vip", p.vip());
        body.put("segments", p.segments());
        body.put("lifecycleStage", code(p.stage()));
        body.put("preferredLanguage", p.language() != null ? p.language().code() : s.detectedLanguage());
        body.put("preferredChannel", p.preferredChannel() == null ? null : p.preferredChannel().code());
        body.put("openConversations", s.openConversations());
        body.put("lastContact", s.lastContact() == null ? null : ConversationsController.map("at", s.lastContact().at(),
                "channel", s.lastContact().channel(), "conversationId", s.lastContact().conversationId()));
        body.put("scores", s.scores().stream().map(x -> ConversationsController.map("score", x.score(), "value", x.value(),
                "computedAt", x.computedAt())).toList());
        body.put("alerts", s.alerts().stream().map(a -> ConversationsController.map("id", a.id(), "ruleId", a.ruleId(),
                "severity", a.severity(), "name", a.name(), "message", a.message(), "raisedAt", a.raisedAt())).toList());
        body.put("recentEvents", s.recentEvents().stream().map(e -> ConversationsController.map("type", e.type(), "at", e.occurredAt(),
                "sourceId", e.sourceId(), "attributes", e.attributes())).toList());
        return body;
    }

    /** The funnel: customers in each stage now, and the moves between stages in {@code [from, to)} (the last 30 days by default). */
    @GetMapping("/api/v1/reports/lifecycle")
    Map<String, Object> funnel(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        Instant end = to == null || to.isBlank() ? clock.instant() : instant("to", to);
        Instant start = from == null || from.isBlank() ? end.minus(Duration.ofDays(30)) : instant("from", from);
        if (!start.isBefore(end)) {
            throw new InvalidInput("from", "from must be before to");
        }
        List<Map<String, Object>> stages = new ArrayList<>();
        profiles.stages().forEach(s -> stages.add(ConversationsController.map("stage", code(s.stage()), "customers", s.customers())));
        List<Map<String, Object>> moves = new ArrayList<>();
        profiles.moves(start, end).forEach(m -> moves.add(ConversationsController.map("from", code(m.from()), "to", code(m.to()),
                "moves", m.moves())));
        return ConversationsController.map("from", start, "to", end, "stages", stages, "moves", moves);
    }

    private void knownChannel(String code) {
        ChannelType type;
        try {
            type = ChannelType.of(code);
        } catch (InvalidInput e) {
            throw new InvalidInput("preferredChannel", "preferredChannel is not a channel of this installation");
        }
        if (!channels.knows(type)) {
            throw new InvalidInput("preferredChannel", "preferredChannel is one of " + channels.types().stream().map(ChannelType::code)
                    .sorted().collect(Collectors.joining(", ")));
        }
    }

    /** A JSON value as {@link Profiles#update} takes it: text, a boolean, a list, null; anything else as itself, to be refused there. */
    private static Object value(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isString()) {
            return node.asString();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isArray()) {
            List<Object> items = new ArrayList<>();
            // A number or an object among the words is kept as it is, for the check to refuse.
            node.forEach(item -> items.add(item.isString() ? item.asString() : item));
            return items;
        }
        return node;
    }

    /** An instant, or a day taken from its start in the organisation's zone, as other reports read days; years 1900 to 9999. */
    private Instant instant(String field, String value) {
        Instant at;
        try {
            at = Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            try {
                at = LocalDate.parse(value.strip()).atStartOfDay(zone).toInstant();
            } catch (java.time.DateTimeException notADay) {
                throw new InvalidInput(field, field + " is an instant (2026-12-01T00:00:00Z) or a day (2026-12-01)");
            }
        }
        if (at.isBefore(EARLIEST) || !at.isBefore(LATEST)) {
            throw new InvalidInput(field, field + " is between the years 1900 and 9999");
        }
        return at;
    }

    private static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("+10000-01-01T00:00:00Z");

    static Map<String, Object> profile(CustomerProfile p) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", p.id().value());
        body.put("displayName", p.displayName());
        body.put("vip", p.vip());
        body.put("segments", p.segments());
        body.put("language", p.language() == null ? null : p.language().code());
        body.put("preferredChannel", p.preferredChannel() == null ? null : p.preferredChannel().code());
        body.put("birthDate", p.birthDate() == null ? null : p.birthDate().toString());
        body.put("gender", p.gender() == null ? null : p.gender().code());
        body.put("city", p.city());
        body.put("occupation", p.occupation());
        body.put("lifecycleStage", code(p.stage()));
        return body;
    }

    private static Map<String, Object> change(LifecycleChange c) {
        return ConversationsController.map("id", c.id(), "from", code(c.from()), "to", code(c.to()), "actor", c.actor(),
                "reason", c.reason(), "changedAt", c.changedAt());
    }

    private static String code(LifecycleStage stage) {
        return stage == null ? null : stage.code();
    }
}
