package io.temas.portal;

import io.temas.platform.ClientWindow;
import java.time.Clock;
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
}
