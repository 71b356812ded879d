package io.temas.console;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many wrong passwords the sign-in takes before it makes the guesser wait.
 *
 * @param maxFailuresPerUser    failed sign-ins for one user name within the window; then that name waits
 * @param maxFailuresPerAddress failed sign-ins from one client address within the window, whatever the names
 *                              (an office behind one address shares it); then that address waits
 * @param window                how far back failures count
 */
@ConfigurationProperties("temas.console.sign-in")
record SignInSettings(@DefaultValue("5") int maxFailuresPerUser,
                      @DefaultValue("20") int maxFailuresPerAddress,
                      @DefaultValue("15m") Duration window) {
}
