package io.temas.portal;

import io.temas.platform.ClientWindow;
import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Per client address, on this node: codes asked for (whatever address is typed, so one client
 * cannot mail-bomb a thousand people) and codes typed in (so one client cannot spread its guesses
 * over many addresses). The limits per address live in the database ({@link SignInCodes}).
 */
@Component
class SignInThrottle {

    private final ClientWindow requests;
    private final ClientWindow guesses;

    SignInThrottle(SignInSettings settings, Clock clock) {
        this.requests = new ClientWindow(settings.requestsPerClient(), settings.clientWindow(), clock);
        this.guesses = new ClientWindow(settings.guessesPerClient(), settings.clientWindow(), clock);
    }

    boolean request(String client) {
        return requests.tryAcquire(client);
    }

    Duration requestWait(String client) {
        return requests.blockedFor(client).orElse(Duration.ZERO);
    }

    boolean guess(String client) {
        return guesses.tryAcquire(client);
    }

    Duration guessWait(String client) {
        return guesses.blockedFor(client).orElse(Duration.ZERO);
    }
}
