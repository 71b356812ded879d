package io.temas.portal;

import io.temas.platform.ClientWindow;
import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The public contact form opens a conversation and sends an acknowledgement to the address typed
 * in it, so one client may send at most {@link #LIMIT} messages per {@link #WINDOW}: enough for a
 * customer, too few to turn the form into a mail cannon. Counted per client address on this node.
 */
@Component
class ContactThrottle {

    static final int LIMIT = 5;
    static final Duration WINDOW = Duration.ofMinutes(10);

    private final ClientWindow window;

    ContactThrottle(Clock clock) {
        this.window = new ClientWindow(LIMIT, WINDOW, clock);
    }

    /** Counts one message from this client; false when it is over the limit. */
    boolean allow(String client) {
        return window.tryAcquire(client);
    }

    /** How long until this client may send again; zero when it may now. */
    Duration wait(String client) {
        return window.blockedFor(client).orElse(Duration.ZERO);
    }
}
