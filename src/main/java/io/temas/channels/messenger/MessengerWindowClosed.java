package io.temas.channels.messenger;

import io.temas.shared.RefusedByRule;
import java.time.Instant;

/**
 * A free-form Messenger or Instagram reply refused before it was queued: the customer last wrote
 * more than 24 hours ago, or never wrote on the channel at all, so Meta would refuse it. Other channels the customer is reachable on
 * remain open to the agent.
 */
public class MessengerWindowClosed extends RefusedByRule {

    private final Instant closedAt;

    /** @param closedAt when the window closed; null when the customer never wrote on the channel, so it never opened */
    MessengerWindowClosed(String label, Instant closedAt) {
        super(closedAt == null
                ? label + " accepts a free-form reply only after the customer has written; this customer never did here: answer on another channel"
                : label + " accepts a free-form reply only within 24 hours of the customer's last message; the window closed at "
                + closedAt + ": answer on another channel");
        this.closedAt = closedAt;
    }

    /** True when the customer never wrote on the channel (as far as this installation knows). */
    public boolean neverHeard() {
        return closedAt == null;
    }
}
