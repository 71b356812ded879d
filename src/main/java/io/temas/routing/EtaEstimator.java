package io.temas.routing;

import io.temas.channels.Channels;
import io.temas.conversations.Workload;
import io.temas.shared.ChannelType;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * The expected response time an acknowledgement states: from the queue's backlog, the qualified
 * agents online, the queue's measured response rate (or the nominal rate per agent until there
 * is history) and the business hours, taken at a percentile (80th by default) of an Erlang wait
 * and rounded up, so the team beats the promise rather than breaks it.
 */
@Service
public class EtaEstimator {

    /** The promise: answer by {@code by} (local to {@code zone}), a wait of about {@code expectedWait}, and how it was worked out. */
    public record Eta(Instant by, Duration expectedWait, ZoneId zone, String basis) {

        public ZonedDateTime localBy() {
            return by.atZone(zone);
        }
    }

    private static final int MEASURED_MINIMUM = 5;
    private static final int WAITING_CAP = 10_000;
    private static final Duration STATS_TTL = Duration.ofSeconds(1);

    private final java.util.concurrent.ConcurrentHashMap<String, QueueStats> recent = new java.util.concurrent.ConcurrentHashMap<>();

    private final Workload workload;
    private final Agents agents;
    private final Queues queues;
    private final SlaClock sla;
    private final RoutingSettings settings;
    private final Channels channels;

    EtaEstimator(Workload workload, Agents agents, Queues queues, SlaClock sla, RoutingSettings settings, Channels channels) {
        this.workload = workload;
        this.agents = agents;
        this.queues = queues;
        this.sla = sla;
        this.settings = settings;
        this.channels = channels;
    }

    /**
     * Estimates the first-response time for a conversation in a queue.
     *
     * @param assigned whether the conversation already has an agent (then only its own answer is awaited)
     */
    public Eta estimate(UUID queueId, ChannelType channel, List<String> skills, boolean assigned, Instant now) {
        BusinessHours hours = sla.hours(null, queueId);
        QueueStats stats = stats(queueId, skills, now);
        int online = stats.online();
        double perAgent = settings.handlingRate(channels.of(channel));
        int measured = stats.measured();
        double measuredRate = measured / (settings.rateWindow().toMinutes() / 60.0);
        double nominalRate = Math.max(1, online) * perAgent;
        double rate = measured >= MEASURED_MINIMUM ? measuredRate : nominalRate;
        int ahead = assigned ? 0 : Math.max(0, stats.waiting() - 1);
        int k = ahead + 1;
        if (assigned) {
            rate = perAgent;
        }
        Instant by = promise(k, rate, settings.etaPercentile(), online > 0, hours, now);
        Instant start = online > 0 && hours.isOpen(now) ? now : hours.nextOpening(now);
        String basis = String.format(Locale.ROOT, "%d ahead, %d qualified agents online, %.1f responses/h (%s), p%d, %s",
                ahead, online, rate, measured >= MEASURED_MINIMUM ? "measured" : "nominal",
                Math.round(settings.etaPercentile() * 100), hours.isOpen(now) ? "open now" : "opens " + start);
        return new Eta(by, Duration.between(now, by), hours.zone(), basis);
    }

    /**
     * The promised time for the {@code k}-th next response at {@code rate} per hour: the quantile of
     * the wait counted in business hours from now (from the next opening when nobody is working),
     * rounded up.
     */
    static Instant promise(int k, double rate, double percentile, boolean staffed, BusinessHours hours, Instant now) {
        double hoursNeeded = WaitModel.quantileHours(k, rate, percentile);
        Instant start = staffed && hours.isOpen(now) ? now : hours.nextOpening(now);
        Instant raw = hours.plusBusinessTime(start, Duration.ofSeconds((long) Math.ceil(hoursNeeded * 3600)));
        return roundUp(now, raw, hours.zone());
    }

    /** The live figures of a queue, read at most once a second per queue and skill set: an estimate needs no fresher data. */
    private QueueStats stats(UUID queueId, List<String> skills, Instant now) {
        String key = queueId + "|" + String.join(",", skills);
        QueueStats cached = recent.get(key);
        if (cached != null && cached.readAt().plus(STATS_TTL).isAfter(now) && !cached.readAt().isAfter(now)) {
            return cached;
        }
        QueueStats fresh = new QueueStats(
                (int) agents.onlineInQueue(queueId).stream().filter(a -> a.hasSkills(skills)).count(),
                workload.firstResponsesSince(queueId, now.minus(settings.rateWindow())),
                workload.waitingCount(queueId, WAITING_CAP),
                now);
        recent.put(key, fresh);
        return fresh;
    }

    private record QueueStats(int online, int measured, int waiting, Instant readAt) {
    }

    /** Rounds up to a time people say: minutes under ten, quarter hours under two hours, then whole hours. */
    static Instant roundUp(Instant now, Instant raw, ZoneId zone) {
        Duration wait = Duration.between(now, raw);
        ZonedDateTime local = raw.atZone(zone);
        if (wait.compareTo(Duration.ofMinutes(10)) <= 0) {
            return ceil(local, ChronoUnit.MINUTES, 1).toInstant();
        }
        if (wait.compareTo(Duration.ofHours(2)) <= 0) {
            return ceil(local, ChronoUnit.MINUTES, 15).toInstant();
        }
        return ceil(local, ChronoUnit.HOURS, 1).toInstant();
    }

    private static ZonedDateTime ceil(ZonedDateTime time, ChronoUnit unit, int step) {
        ZonedDateTime truncated = time.truncatedTo(unit == ChronoUnit.MINUTES ? ChronoUnit.MINUTES : ChronoUnit.HOURS);
        if (unit == ChronoUnit.MINUTES) {
            int minute = truncated.getMinute();
            int rounded = ((minute + step - 1) / step) * step;
            ZonedDateTime result = truncated.withMinute(0).plusMinutes(rounded);
            if (result.isBefore(time)) {
                result = result.plusMinutes(step);
            }
            return result;
        }
        return truncated.equals(time) ? truncated : truncated.plusHours(1);
    }
}
