package io.temas.channels.email;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * How far behind each mailbox's fetcher is, as gauges tagged with the mailbox's address:
 * {@code temas.mailbox.fetch.age} (seconds since the fetcher last listed the mailbox; a healthy
 * fetcher lists it at least once per poll interval, IDLE or not, so a growing figure means it
 * cannot connect or is stuck) and {@code temas.mailbox.uncommitted} (messages it has listed but
 * not yet committed: the backlog it is working through).
 * <p>
 * Fed in memory by the fetcher through {@link MailboxStates}: when it lists the mailbox and when
 * it records a committed batch. A scrape reads two fields. A mailbox that is changed starts its
 * figures again when its new fetcher lists it; one that is removed (or no longer fetched) loses them.
 */
@Component
class MailboxLag {

    /** Where one mailbox's fetcher stands: when it last listed, the UIDs it saw (sorted), the last UID committed. */
    private record Position(Instant listedAt, long[] seen, long committed) {

        int uncommitted() {
            int at = Arrays.binarySearch(seen, committed);
            int firstAfter = at >= 0 ? at + 1 : -at - 1;
            return seen.length - firstAfter;
        }
    }

    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<String, Position> positions = new ConcurrentHashMap<>();
    private final Map<String, List<Meter>> gauges = new ConcurrentHashMap<>();
    /** Mailboxes removed or no longer fetched: a fetcher still finishing its last round must not bring their gauges back. */
    private final Set<String> gone = ConcurrentHashMap.newKeySet();

    MailboxLag(MeterRegistry meters, Clock clock, Mailboxes mailboxes) {
        this.meters = meters;
        this.clock = clock;
        mailboxes.onChange(this::changed);
    }

    /** The fetcher listed the mailbox: it had committed up to {@code committed} and found {@code uids}. */
    synchronized void listed(String address, long committed, long[] uids) {
        if (gone.contains(address)) {
            return;
        }
        long[] sorted = uids.clone();
        Arrays.sort(sorted);
        positions.put(address, new Position(clock.instant(), sorted, committed));
        gauges.computeIfAbsent(address, this::register);
    }

    /** The fetcher committed every message up to {@code lastUid}. */
    void committed(String address, long lastUid) {
        positions.computeIfPresent(address, (a, p) -> new Position(p.listedAt(), p.seen(), Math.max(p.committed(), lastUid)));
    }

    private List<Meter> register(String address) {
        return List.of(
                Gauge.builder("temas.mailbox.fetch.age", () -> age(address))
                        .description("Seconds since the mailbox's fetcher last listed it").baseUnit("seconds")
                        .tag("mailbox", address).register(meters),
                Gauge.builder("temas.mailbox.uncommitted", () -> {
                            Position p = positions.get(address);
                            return p == null ? 0 : p.uncommitted();
                        })
                        .description("Messages the mailbox's fetcher has listed but not yet committed")
                        .tag("mailbox", address).register(meters));
    }

    private double age(String address) {
        Position p = positions.get(address);
        return p == null ? 0 : Math.max(0, Duration.between(p.listedAt(), clock.instant()).toMillis() / 1000.0);
    }

    /** A mailbox was added, changed or removed: its figures start again with its new fetcher, if it has one. */
    private synchronized void changed(Mailbox mailbox) {
        if (mailbox.fetches()) {
            gone.remove(mailbox.address());
        } else {
            gone.add(mailbox.address());
        }
        forget(mailbox.address());
    }

    private void forget(String address) {
        positions.remove(address);
        List<Meter> removed = gauges.remove(address);
        if (removed != null) {
            removed.forEach(meters::remove);
        }
    }
}
