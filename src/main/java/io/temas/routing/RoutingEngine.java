package io.temas.routing;

import io.temas.shared.Priority;
import io.temas.shared.ReasonCode;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Picks the queue, skills and priority for a message: the first enabled rule whose conditions
 * all hold, else the entry point's queue, else the fallback queue.
 */
@Service
public class RoutingEngine {

    private final RoutingRules rules;
    private final EntryPoints entryPoints;
    private final Queues queues;
    private final RoutingSettings settings;

    RoutingEngine(RoutingRules rules, EntryPoints entryPoints, Queues queues, RoutingSettings settings) {
        this.rules = rules;
        this.entryPoints = entryPoints;
        this.queues = queues;
        this.settings = settings;
    }

    public RoutingDecision decide(RoutingInput input) {
        Priority base = input.vip() ? Priority.HIGH : Priority.NORMAL;
        Optional<Match> match = firstMatch(input);
        if (match.isPresent()) {
            RoutingRule rule = match.get().rule();
            return new RoutingDecision.RuleMatched(rule.name(), rule.queueId(), rule.skills(),
                    rule.priority() == null ? base : rule.priority(), match.get().held().reason(), match.get().held().why());
        }
        Optional<EntryPoint> entryPoint = entryPoints.find(input.entryPoint(), input.channel());
        if (entryPoint.isPresent()) {
            String queue = queues.get(entryPoint.get().queueId()).name();
            return new RoutingDecision.EntryPointQueue(entryPoint.get().queueId(), base,
                    "no rule matched; entry point " + entryPoint.get().address() + " belongs to queue " + queue,
                    ReasonCode.of("routing.why.entryPointQueue", entryPoint.get().address(), queue));
        }
        Queue fallback = queues.findByName(settings.fallbackQueue())
                .or(() -> queues.all().stream().findFirst())
                .orElseThrow(() -> new RoutingItemNotFound("queue", settings.fallbackQueue()));
        return new RoutingDecision.Fallback(fallback.id(), base,
                "no rule matched and " + (input.entryPoint() == null ? "no entry point was given" : "'" + input.entryPoint()
                        + "' is not an entry point") + "; fallback queue " + fallback.name(),
                input.entryPoint() == null ? ReasonCode.of("routing.why.fallback", fallback.name())
                        : ReasonCode.of("routing.why.fallbackUnknown", input.entryPoint(), fallback.name()));
    }

    /**
     * The rule that would take this message, if one would: the first enabled rule whose conditions all hold, as in
     * {@link #decide}. Nothing is stored; the chat bot asks it whether a person should answer ({@link RoutingRule#personAnswers()}).
     */
    public Optional<RoutingRule> matchingRule(RoutingInput input) {
        return firstMatch(input).map(Match::rule);
    }

    private record Match(RoutingRule rule, RulePolicy.Held held) {
    }

    private Optional<Match> firstMatch(RoutingInput input) {
        FoldedText folded = new FoldedText(input);
        for (RoutingRule rule : rules.all()) {
            if (!rule.enabled()) {
                continue;
            }
            Optional<RulePolicy.Held> held = RulePolicy.explain(rule, input, folded);
            if (held.isPresent()) {
                return Optional.of(new Match(rule, held.get()));
            }
        }
        return Optional.empty();
    }
}
