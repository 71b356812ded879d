package io.temas.routing;

import io.temas.shared.Priority;
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
                    rule.priority() == null ? base : rule.priority(), match.get().reason());
        }
        Optional<EntryPoint> entryPoint = entryPoints.find(input.entryPoint(), input.channel());
        if (entryPoint.isPresent()) {
            return new RoutingDecision.EntryPointQueue(entryPoint.get().queueId(), base,
                    "no rule matched; entry point " + entryPoint.get().address() + " belongs to queue "
                            + queues.get(entryPoint.get().queueId()).name());
        }
        Queue fallback = queues.findByName(settings.fallbackQueue())
                .or(() -> queues.all().stream().findFirst())
                .orElseThrow(() -> new RoutingItemNotFound("queue", settings.fallbackQueue()));
        return new RoutingDecision.Fallback(fallback.id(), base,
                "no rule matched and " + (input.entryPoint() == null ? "no entry point was given" : "'" + input.entryPoint()
                        + "' is not an entry point") + "; fallback queue " + fallback.name());
    }

    /**
     * The rule that would take this message, if one would: the first enabled rule whose conditions all hold, as in
     * {@link #decide}. Nothing is stored; the chat bot asks it whether a person should answer ({@link RoutingRule#personAnswers()}).
     */
    public Optional<RoutingRule> matchingRule(RoutingInput input) {
        return firstMatch(input).map(Match::rule);
    }

    private record Match(RoutingRule rule, String reason) {
    }

    private Optional<Match> firstMatch(RoutingInput input) {
        FoldedText folded = new FoldedText(input);
        for (RoutingRule rule : rules.all()) {
            if (!rule.enabled()) {
                continue;
            }
            Optional<String> reason = RulePolicy.evaluate(rule, input, folded);
            if (reason.isPresent()) {
                return Optional.of(new Match(rule, reason.get()));
            }
        }
        return Optional.empty();
    }
}
