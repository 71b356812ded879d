package io.temas.portal;

import io.temas.platform.ClientWindow;
import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Votes and searches per client address: a reader votes a few times and searches a few dozen times,
 * a script that stuffs the ratings or floods the search index with failed searches is cut off.
 */
@Component
class PortalLimits {

    private final ClientWindow votes;
    private final ClientWindow searches;

    PortalLimits(PortalSettings settings, Clock clock) {
        this.votes = new ClientWindow(settings.votesPerClient(), settings.voteWindow(), clock);
        this.searches = new ClientWindow(settings.searchesPerClient(), settings.searchWindow(), clock);
    }

    /** Counts one vote; false when the client has had its share. */
    boolean vote(String client) {
        return votes.tryAcquire(client);
    }

    /** Counts one search; false when the client has had its share. */
    boolean search(String client) {
        return searches.tryAcquire(client);
    }

    /** How long until this client may vote again; zero when it may now. */
    Duration voteWait(String client) {
        return votes.blockedFor(client).orElse(Duration.ZERO);
    }

    /** How long until this client may search again; zero when it may now. */
    Duration searchWait(String client) {
        return searches.blockedFor(client).orElse(Duration.ZERO);
    }
}
