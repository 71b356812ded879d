package io.temas.chat;

import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Whether agents are there for a chat entry point now, and if not, when they are back. */
@Component
class AgentHours {

    /** Empty when the entry point's queue is open now; otherwise when it opens next. */
    Optional<Instant> closedUntil(String entryPointAddress, Instant now) {
        return Optional.empty();
    }
}
