package io.temas.routing;

import io.temas.shared.Priority;
import io.temas.shared.ReasonCode;
import java.util.List;
import java.util.UUID;

/** Where a message goes and why, in words a supervisor can read. */
public sealed interface RoutingDecision {

    UUID queueId();

    List<String> skills();

    Priority priority();

    /** The name of what decided: a rule's name, "entry point" or "fallback". */
    String rule();

    /** Why, in English: kept on the conversation for the audit trail and the API. */
    String reason();

    /** Why, as a code the console says in the reader's language. */
    ReasonCode why();

    /** A routing rule's conditions all held. */
    record RuleMatched(String rule, UUID queueId, List<String> skills, Priority priority, String reason, ReasonCode why) implements RoutingDecision {
    }

    /** No rule held; the entry point's queue takes it. */
    record EntryPointQueue(UUID queueId, Priority priority, String reason, ReasonCode why) implements RoutingDecision {

        @Override
        public List<String> skills() {
            return List.of();
        }

        @Override
        public String rule() {
            return "entry point";
        }
    }

    /** Neither a rule nor a known entry point: the fallback queue takes it. */
    record Fallback(UUID queueId, Priority priority, String reason, ReasonCode why) implements RoutingDecision {

        @Override
        public List<String> skills() {
            return List.of();
        }

        @Override
        public String rule() {
            return "fallback";
        }
    }
}
