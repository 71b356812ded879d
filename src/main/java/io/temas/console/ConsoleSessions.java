package io.temas.console;

import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.stereotype.Component;

/**
 * The signed-in sessions of console users on this node. A user who is disabled or gets a new password
 * loses every open session at once: the next request of each goes back to the sign-in page.
 */
@Component
class ConsoleSessions {

    private final SessionRegistry registry;
    private final LiveUpdates live;

    ConsoleSessions(SessionRegistry registry, LiveUpdates live) {
        this.registry = registry;
        this.live = live;
    }

    /** Ends every session of this user, and closes their live update streams. */
    void endAll(String username) {
        live.endAll(username);
        for (Object principal : registry.getAllPrincipals()) {
            if (principal instanceof UserDetails user && user.getUsername().equals(username)) {
                for (SessionInformation session : registry.getAllSessions(principal, false)) {
                    session.expireNow();
                }
            }
        }
    }
}
