package io.temas.routing;

import io.temas.shared.ChannelType;
import io.temas.shared.Priority;
import java.time.Duration;
import java.util.UUID;

/** Response targets for one channel and priority, counted in business time. */
public record SlaPolicy(UUID id, String name, ChannelType channel, Priority priority, Duration firstResponse, Duration resolution,
                        UUID businessHoursId) {
}
