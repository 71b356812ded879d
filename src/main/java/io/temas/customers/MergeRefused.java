package io.temas.customers;

import io.temas.shared.RefusedByRule;

/** The merge rules do not allow these two customers to become one; the message says why. */
public class MergeRefused extends RefusedByRule {

    public MergeRefused(String reason) {
        super(reason);
    }
}
