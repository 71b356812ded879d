package io.temas.routing;

import io.temas.conversations.Workload;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * How many messages each entry point took per week over the last weeks, oldest week first, so
 * an admin sees whether an address is still in use before retiring it. One query over the
 * inbound messages of those weeks, by an index on (recipient, created_at).
 */
@Service
public class EntryPointTraffic {

    /** An entry point's messages per week, oldest first; the last is the current week so far. */
    public record Weeks(List<LocalDate> starts, Map<UUID, List<Integer>> counts) {

        public List<Integer> of(UUID entryPoint) {
            return counts.getOrDefault(entryPoint, starts.stream().map(s -> 0).toList());
        }

        /** The largest weekly count of any entry point, for scaling bars (at least 1). */
        public int most() {
            return Math.max(1, counts.values().stream().flatMap(List::stream).mapToInt(Integer::intValue).max().orElse(1));
        }
    }

    private final EntryPoints entryPoints;
    private final Workload workload;
    private final Clock clock;
    private final ZoneId zone;

    EntryPointTraffic(EntryPoints entryPoints, Workload workload, Clock clock, RoutingSettings settings) {
        this.entryPoints = entryPoints;
        this.workload = workload;
        this.clock = clock;
        this.zone = ZoneId.of(settings.zone());
    }

    public Weeks lastWeeks(int weeks) {
        LocalDate thisWeek = LocalDate.now(clock.withZone(zone)).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        List<LocalDate> starts = new ArrayList<>();
        for (int i = weeks - 1; i >= 0; i--) {
            starts.add(thisWeek.minusWeeks(i));
        }
        List<EntryPoint> all = entryPoints.all();
        // Channels hand over the address as written; the stored spelling and its usual variants are all asked for.
        Set<String> spellings = new LinkedHashSet<>();
        for (EntryPoint e : all) {
            spellings.add(e.address());
            spellings.add(e.address().toLowerCase(Locale.ROOT));
            spellings.add(e.address().toUpperCase(Locale.ROOT));
        }
        Map<String, Map<LocalDate, Integer>> byRecipient = workload.inboundPerWeek(spellings, starts.getFirst().atStartOfDay(zone).toInstant(),
                zone);
        Map<String, Map<LocalDate, Integer>> byAddress = new HashMap<>();
        byRecipient.forEach((recipient, counts) -> counts.forEach((week, n) -> byAddress
                .computeIfAbsent(EntryPointAddresses.normalise(recipient), a -> new HashMap<>()).merge(week, n, Integer::sum)));
        Map<UUID, List<Integer>> counts = new HashMap<>();
        for (EntryPoint e : all) {
            Map<LocalDate, Integer> own = byAddress.getOrDefault(e.address(), Map.of());
            counts.put(e.id(), starts.stream().map(s -> own.getOrDefault(s, 0)).toList());
        }
        return new Weeks(List.copyOf(starts), counts);
    }
}
