package io.temas.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Makes a stop request a clean stop: on SIGTERM or SIGINT (Ctrl-C) the JVM exits with status 0
 * after the usual shutdown (the application context closes, the embedded database stops), instead
 * of the 143 or 130 a signal leaves by default. {@code spring-boot:run} takes any status other
 * than 0 or 130 as a failed build, and it sends SIGTERM itself when the application takes more
 * than a few seconds to stop after Ctrl-C, so without this every stop ended in "BUILD FAILURE".
 * A supervisor (systemd, a container runtime) sees a stop it asked for end successfully.
 */
public final class CleanStop {

    private static final Logger log = LoggerFactory.getLogger(CleanStop.class);

    private CleanStop() {
    }

    /** Installs the handlers; call first thing in {@code main}. Where a signal cannot be handled, its default stays. */
    public static void install() {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    log.info("SIG{} received: stopping Temas", signal.getName());
                    // Runs the shutdown hooks (the context closes); a second signal while they run changes nothing.
                    System.exit(0);
                });
            } catch (IllegalArgumentException | UnsupportedOperationException unavailable) {
                log.debug("SIG{} cannot be handled here: {}", name, unavailable.getMessage());
            }
        }
    }
}
