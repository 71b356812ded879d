package io.temas.chat;

import io.temas.routing.BusinessCalendars;
import io.temas.routing.EntryPoints;
import io.temas.routing.Queues;
import io.temas.shared.ChannelType;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Whether agents are at work for a chat entry point now: the business hours of the entry point's
 * queue (a queue without hours is always open). Out of hours the bot does not hand over to an
 * empty room; the customer is told when agents are back and offered e-mail or a call-back.
 */
@Component
class AgentHours {

    private final EntryPoints entryPoints;
    private final Queues queues;
    private final BusinessCalendars calendars;

    AgentHours(EntryPoints entryPoints, Queues queues, BusinessCalendars calendars) {
        this.entryPoints = entryPoints;
        this.queues = queues;
        this.calendars = calendars;
    }

    /**
     * Empty when the entry point's queue is open at {@code now} (or has no hours, or the address is not a chat entry
     * point, whose hand-off then goes by routing's fallback); else the next opening.
     */
    Optional<Instant> closedUntil(String entryPointAddress, Instant now) {
        return entryPoints.find(entryPointAddress, ChannelType.CHAT)
                .flatMap(entryPoint -> queues.find(entryPoint.queueId()))
                .flatMap(queue -> Optional.ofNullable(queue.businessHoursId()))
                .map(calendars::get)
                .filter(hours -> !hours.isOpen(now))
                .map(hours -> hours.nextOpening(now));
    }
}
