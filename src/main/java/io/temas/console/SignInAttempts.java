package io.temas.console;

import java.time.Duration;
import java.util.Optional;

/** Failed sign-ins by user name and client address: whether one more try is allowed now. */
interface SignInAttempts {

    /** How long this user name or address has to wait before trying again; empty when it may try now. */
    Optional<Duration> blockedFor(String username, String address);

    void failed(String username, String address);

    /** A correct password clears the failures counted against the user name. */
    void succeeded(String username, String address);
}
