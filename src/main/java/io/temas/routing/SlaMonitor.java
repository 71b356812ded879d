package io.temas.routing;

import io.temas.conversations.Conversations;
import java.time.Clock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Watches SLA due times: overdue conversations are marked breached and escalated one priority up, in one statement. */
@Component
class SlaMonitor {

    private final Conversations conversations;
    private final Clock clock;

    SlaMonitor(Conversations conversations, Clock clock) {
        this.conversations = conversations;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${temas.sla.check-interval:30s}")
    void check() {
        conversations.markBreaches(clock.instant());
    }
}
