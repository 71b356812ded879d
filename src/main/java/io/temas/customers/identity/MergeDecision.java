package io.temas.customers.identity;

/** Whether two customers may become one, with the reason a supervisor can read. */
public sealed interface MergeDecision {

    String reason();

    record Allowed(String reason) implements MergeDecision {
    }

    record Refused(String reason) implements MergeDecision {
    }
}
