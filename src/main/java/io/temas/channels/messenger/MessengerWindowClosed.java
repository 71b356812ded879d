package io.temas.channels.messenger;

import io.temas.shared.RefusedByRule;
import java.time.Instant;

/**
 * A free-form Messenger or Instagram reply refused before it was queued: the customer last wrote
 * more than 24 hours ago, so Meta would refuse it. Other channels the customer is reachable on
 * remain open to the agent.
 */
public class MessengerWindowClosed extends RefusedByRule {

    MessengerWindowClosed(String label, Instant closedAt) {
        super(label + " accepts a free-form reply only within 24 hours of the customer's last message; the window closed at "
                + closedAt + ": answer on another channel");
    }
}
