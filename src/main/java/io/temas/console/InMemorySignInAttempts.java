package io.temas.console;

import io.temas.platform.ClientWindow;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins in memory: enough for one node, which is how Temas runs next to its embedded
 * database. A success clears the user name's count but not the address's, so an attacker with one
 * account of their own cannot reset the address count between guesses at another.
 */
@Component
class InMemorySignInAttempts implements SignInAttempts {

    private final ClientWindow byUser;
    private final ClientWindow byAddress;

    InMemorySignInAttempts(SignInSettings settings, Clock clock) {
        this.byUser = new ClientWindow(settings.maxFailuresPerUser(), settings.window(), clock);
        this.byAddress = new ClientWindow(settings.maxFailuresPerAddress(), settings.window(), clock);
    }

    @Override
    public Optional<Duration> blockedFor(String username, String address) {
        return Stream.of(byUser.blockedFor(user(username)), byAddress.blockedFor(address))
                .flatMap(Optional::stream).max(Duration::compareTo);
    }

    @Override
    public void failed(String username, String address) {
        byUser.record(user(username));
        byAddress.record(address);
    }

    @Override
    public void succeeded(String username, String address) {
        byUser.reset(user(username));
    }

    /** Sign-in folds the name to lower case, so "Ayse" and "ayse" are one count. */
    private static String user(String username) {
        return username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
    }
}
