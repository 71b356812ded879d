package io.temas.conversations;

import io.temas.shared.RefusedByRule;

/** Two conversations that cannot be merged, and why. */
public class ConversationMergeRefused extends RefusedByRule {

    /** Why a merge is refused. */
    public enum Reason {
        SAME_CONVERSATION("a conversation cannot be merged into itself"),
        OTHER_CUSTOMER("only conversations of the same customer can be merged; merge the customers first");

        private final String description;

        Reason(String description) {
            this.description = description;
        }
    }

    private final Reason reason;

    public ConversationMergeRefused(Reason reason) {
        super(reason.description);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
