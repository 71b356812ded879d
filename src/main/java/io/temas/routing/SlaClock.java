package io.temas.routing;

import io.temas.shared.ChannelType;
import io.temas.shared.Priority;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Due times from the SLA policy for a channel and priority, counted in its business hours. */
@Service
public class SlaClock {

    /** When the first response and the resolution are due; null where no policy applies. */
    public record Due(Instant firstResponse, Instant resolution, String policy) {
    }

    private final SlaPolicies policies;
    private final BusinessCalendars calendars;
    private final Queues queues;
    private final RoutingSettings settings;

    SlaClock(SlaPolicies policies, BusinessCalendars calendars, Queues queues, RoutingSettings settings) {
        this.policies = policies;
        this.calendars = calendars;
        this.queues = queues;
        this.settings = settings;
    }

    public Due due(ChannelType channel, Priority priority, UUID queueId, Instant start) {
        Optional<SlaPolicy> policy = policies.find(channel, priority);
        if (policy.isEmpty()) {
            return new Due(null, null, null);
        }
        BusinessHours hours = hours(policy.get().businessHoursId(), queueId);
        return new Due(hours.plusBusinessTime(start, policy.get().firstResponse()),
                hours.plusBusinessTime(start, policy.get().resolution()), policy.get().name());
    }

    /** The policy's calendar, else the queue's, else around the clock. */
    BusinessHours hours(UUID policyHours, UUID queueId) {
        if (policyHours != null) {
            return calendars.get(policyHours);
        }
        return queues.find(queueId).map(Queue::businessHoursId).map(calendars::get)
                .orElseGet(() -> BusinessHours.alwaysOpen(ZoneId.of(settings.zone())));
    }
}
