package io.temas.routing;

import io.temas.conversations.Conversations;
import io.temas.conversations.SlaBreached;
import java.time.Clock;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Watches SLA due times: overdue conversations are marked breached and escalated one priority up. */
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

    @ApplicationModuleListener
    void on(SlaBreached breach) {
        conversations.escalate(breach.conversationId());
    }
}
