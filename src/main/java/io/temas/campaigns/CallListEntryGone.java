package io.temas.campaigns;

import io.temas.shared.Conflict;

/**
 * The entry an agent acts on is no longer theirs to call: it left the list (the customer answered
 * the campaign elsewhere, may not be called) or went back to it. Carries the entry as it is now.
 */
public class CallListEntryGone extends Conflict {

    private final transient CallLists.Hold entry;

    public CallListEntryGone(CallLists.Hold entry) {
        super("the call list entry " + entry.entryId() + " is no longer held by the agent (" + entry.status()
                + (entry.reason() == null ? "" : ": " + entry.reason()) + ")");
        this.entry = entry;
    }

    /** The entry as it is now. */
    public CallLists.Hold entry() {
        return entry;
    }
}
