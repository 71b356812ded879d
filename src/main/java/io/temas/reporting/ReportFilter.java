package io.temas.reporting;

import io.temas.shared.InvalidInput;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;
import java.util.UUID;

/**
 * What a report covers: the days {@code from} to {@code to} (both included) in the reader's zone,
 * optionally one queue and one channel, and the queues the reader may see ({@code null}: all).
 */
public record ReportFilter(LocalDate from, LocalDate to, ZoneId zone, UUID queue, String channel, Set<UUID> visibleQueues) {

    public ReportFilter {
        if (from == null || to == null || zone == null) {
            throw new InvalidInput("from", "a report needs a first and a last day");
        }
        if (to.isBefore(from)) {
            throw new InvalidInput("to", "the last day is before the first");
        }
        visibleQueues = visibleQueues == null ? null : Set.copyOf(visibleQueues);
    }

    /** The first instant covered: midnight of the first day in the reader's zone. */
    public Instant start() {
        return from.atStartOfDay(zone).toInstant();
    }

    /** The first instant no longer covered: midnight after the last day. */
    public Instant end() {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** Days covered. */
    public long days() {
        return java.time.temporal.ChronoUnit.DAYS.between(from, to) + 1;
    }
}
