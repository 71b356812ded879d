package io.temas.routing;

import io.temas.channels.Channels;
import io.temas.conversations.Workload;
import io.temas.shared.ChannelType;
import io.temas.shared.ReasonCode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * The expected response time an acknowledgement states. Each qualified agent online gives first
 * responses at the channel's handling rate (the queue's measured rate stands for the team once
 * there is history); the wait for the k-th of them is Erlang-distributed and promised at a
 * quantile calibrated so that the target share of customers (80% by default) is answered by the
 * promise, counted in business hours and rounded up to a time people say.
 *
 * <p>The work ahead is the work already held, not only what waits: a conversation an agent took
 * waits behind that agent's conversations on the channel still without a first response; a
 * waiting one behind everything the qualified agents hold unanswered plus the queue's waiting
 * conversations, and never gets an earlier time than an agent's held conversations would be
 * promised now or than a customer still unanswered in the same queue and channel was promised.
 * A promise past the conversation's first-response due time says so ({@link Eta#beyondSla()}).
 */
@Service
public class EtaEstimator {

    /**
     * The promise: answer by {@code by} (local to {@code zone}), a wait of about {@code expectedWait}, how it was
     * worked out, and whether it falls after the SLA's first-response due time (the customer is then told it may
     * take longer than usual). {@code basis} says how in English (audit trail, API); {@code why} says the same as
     * codes the console says in the reader's language, one per part.
     */
    public record Eta(Instant by, Duration expectedWait, ZoneId zone, String basis, boolean beyondSla, List<ReasonCode> why) {

        public Eta {
            why = why == null ? List.of() : List.copyOf(why);
        }

        public Eta(Instant by, Duration expectedWait, ZoneId zone, String basis, boolean beyondSla) {
            this(by, expectedWait, zone, basis, beyondSla, List.of());
        }

        public Eta(Instant by, Duration expectedWait, ZoneId zone, String basis) {
            this(by, expectedWait, zone, basis, false);
        }

        public ZonedDateTime localBy() {
            return by.atZone(zone);
        }
    }

    /**
     * What a promise is worked out from, read from the database or simulated.
     *
     * @param online               qualified agents online
     * @param agentRate            first responses one agent gives per hour
     * @param teamRate             first responses the queue gives per hour (measured, or agents × agent rate)
     * @param measured             whether {@code teamRate} was measured
     * @param waitingAhead         conversations waiting in the queue before this one
     * @param heldUnanswered       per qualified online agent (while nobody is online, per qualified agent of the queue),
     *                             their conversations on the channel without a first response
     * @param heldByAssignee       for a conversation an agent has, that agent's unanswered conversations on the channel,
     *                             this one included; null while it waits
     * @param latestPromise        the latest time promised to a customer still unanswered in the queue on the channel
     * @param slaDue               the conversation's first-response due time, if any
     */
    public record Situation(int online, double agentRate, double teamRate, boolean measured, int waitingAhead,
                            List<Integer> heldUnanswered, Integer heldByAssignee, Instant latestPromise, Instant slaDue) {

        public Situation {
            heldUnanswered = List.copyOf(heldUnanswered);
        }
    }

    private static final int MEASURED_MINIMUM = 5;
    private static final int WAITING_CAP = 10_000;
    private static final Duration STATS_TTL = Duration.ofSeconds(1);

    private final java.util.concurrent.ConcurrentHashMap<String, QueueStats> recent = new java.util.concurrent.ConcurrentHashMap<>();
    /** The conversations waiting in each queue, read at most once a second per queue whatever the channels and skills asked about. */
    private final java.util.concurrent.ConcurrentHashMap<UUID, Waiting> waiting = new java.util.concurrent.ConcurrentHashMap<>();

    /** A queue's waiting conversations when read, and how many were estimated since (each one more waiting). */
    private record Waiting(int count, java.util.concurrent.atomic.AtomicInteger estimatedSince, Instant readAt) {
    }

    private final Workload workload;
    private final Agents agents;
    private final Queues queues;
    private final SlaClock sla;
    private final RoutingSettings settings;
    private final Channels channels;
    private final Assigner assigner;

    EtaEstimator(Workload workload, Agents agents, Queues queues, SlaClock sla, RoutingSettings settings, Channels channels,
                 Assigner assigner) {
        this.workload = workload;
        this.agents = agents;
        this.queues = queues;
        this.sla = sla;
        this.settings = settings;
        this.channels = channels;
        this.assigner = assigner;
    }

    /**
     * Estimates the first-response time for a conversation in a queue.
     *
     * @param assigneeId the agent who has the conversation, or null while it waits
     * @param slaDue     its first-response due time, or null
     */
    public Eta estimate(UUID queueId, ChannelType channel, List<String> skills, UUID assigneeId, Instant slaDue, Instant now) {
        return estimate(queueId, channel, skills, assigneeId, slaDue, now, true, null);
    }

    /**
     * Estimates the first-response time for a conversation about to be opened (not stored yet, so not among the counts it
     * is estimated from): the promise it will be stored with.
     *
     * @param promised the queue's latest promise already read in this transaction
     *                 ({@link Assigner.ForNew#promised()}); null: read it
     * @see #estimate(UUID, ChannelType, List, UUID, Instant, Instant)
     */
    public Eta estimateOpening(UUID queueId, ChannelType channel, List<String> skills, UUID assigneeId, Instant slaDue, Instant now,
                               Workload.Promised promised) {
        return estimate(queueId, channel, skills, assigneeId, slaDue, now, false, promised);
    }

    private Eta estimate(UUID queueId, ChannelType channel, List<String> skills, UUID assigneeId, Instant slaDue, Instant now,
                         boolean stored, Workload.Promised promised) {
        QueueStats stats = stats(queueId, channel, skills, now);
        // The backlog as read at most once a second, plus one for each conversation estimated waiting since the read: counting
        // up to ten thousand waiting conversations for every message of a full queue cost more than the rest of the message.
        int waitingAhead = assigneeId != null ? 0 : waitingAhead(queueId, now, stored);
        BusinessHours hours = sla.hours(null, queueId);
        double perAgent = settings.handlingRate(channels.of(channel));
        java.util.OptionalDouble measuredRate = measuredRate(stats.measured(), hours, settings.rateWindow(), now);
        boolean measured = measuredRate.isPresent();
        double teamRate = measured ? measuredRate.getAsDouble() : Math.max(1, stats.team().size()) * perAgent;
        // The team's unanswered work as read with the figures; the assignee's own, which this conversation just joined, now.
        Map<UUID, Integer> unanswered = stats.unanswered();
        Integer heldByAssignee = assigneeId == null ? null
                : Math.max(1, workload.unanswered(List.of(assigneeId), channel).getOrDefault(assigneeId, 0) + (stored ? 0 : 1));
        Situation situation = new Situation(stats.online().size(), perAgent, teamRate, measured,
                waitingAhead,
                stats.team().stream().map(a -> unanswered.getOrDefault(a, 0)).toList(),
                heldByAssignee,
                assigneeId == null ? (promised != null ? promised.latest() : workload.latestPromise(queueId, channel)) : null,
                slaDue);
        return estimate(situation, hours, settings.promiseQuantile(), now);
    }

    /**
     * The queue's measured first responses per hour: those of the last {@code window} over the business time the
     * window held (a window that spans the night measured the night, not the team); empty with too few responses
     * or under half an hour of business time to tell.
     */
    public static java.util.OptionalDouble measuredRate(int responses, BusinessHours hours, Duration window, Instant now) {
        if (responses < MEASURED_MINIMUM) {
            return java.util.OptionalDouble.empty();
        }
        long openMinutes = 0;
        for (Instant minute = now.minus(window); minute.isBefore(now); minute = minute.plus(Duration.ofMinutes(1))) {
            if (hours.isOpen(minute)) {
                openMinutes++;
            }
        }
        return openMinutes < 30 ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(responses * 60.0 / openMinutes);
    }

    /**
     * The promise for a situation: the model itself, with no reads, so a simulation runs the same
     * arithmetic the acknowledgements do. More work ahead (a larger backlog, more held, a later
     * earlier promise) never gives an earlier time.
     */
    public static Eta estimate(Situation s, BusinessHours hours, double quantile, Instant now) {
        boolean staffed = s.online() > 0 || s.heldByAssignee() != null;
        Instant by;
        String work;
        List<ReasonCode> why = new java.util.ArrayList<>();
        if (s.heldByAssignee() != null) {
            Instant raw = rawPromise(s.heldByAssignee(), s.agentRate(), quantile, staffed, hours, now);
            by = withinSla(roundUp(now, raw, hours.zone()), raw, s.slaDue());
            work = "assigned, " + s.heldByAssignee() + " unanswered with the agent at " + fixed(s.agentRate(), 1) + " responses/h";
            why.add(ReasonCode.of("eta.basis.assigned", s.heldByAssignee(), ReasonCode.number(s.agentRate())));
        } else {
            int held = s.heldUnanswered().stream().mapToInt(Integer::intValue).sum();
            int k = held + s.waitingAhead() + 1;
            // The quantile is costly with many ahead: computed once, rounded for the promise, kept raw for the SLA check.
            Instant raw = rawPromise(k, s.teamRate(), quantile, staffed, hours, now);
            by = withinSla(roundUp(now, raw, hours.zone()), raw, s.slaDue());
            // Nobody waiting is promised an earlier time than what the agents already hold would be promised now.
            int most = s.heldUnanswered().stream().mapToInt(Integer::intValue).max().orElse(0);
            if (most > 0) {
                by = later(by, promise(most, s.agentRate(), quantile, staffed, hours, now));
            }
            // ... nor an earlier time than a customer still unanswered in the same queue and channel was promised.
            by = later(by, s.latestPromise());
            work = "waiting, " + s.waitingAhead() + " ahead and " + held + " held unanswered by " + s.online() + " qualified agents online, "
                    + fixed(s.teamRate(), 1) + " responses/h (" + (s.measured() ? "measured" : "nominal") + ")";
            why.add(ReasonCode.of("eta.basis.waiting", s.waitingAhead(), held, s.online(), ReasonCode.number(s.teamRate()),
                    ReasonCode.key(s.measured() ? "eta.rate.measured" : "eta.rate.nominal")));
        }
        boolean beyond = s.slaDue() != null && by.isAfter(s.slaDue());
        String basis = work + ", quantile " + fixed(quantile, 2) + ", " + (hours.isOpen(now) ? "open now" : "opens " + hours.nextOpening(now))
                + (beyond ? ", later than the first response due at " + s.slaDue() : "");
        why.add(ReasonCode.of("eta.quantile", ReasonCode.number(Math.round(quantile * 100))));
        why.add(hours.isOpen(now) ? ReasonCode.of("eta.openNow") : ReasonCode.of("eta.opens", ReasonCode.at(hours.nextOpening(now))));
        if (beyond) {
            why.add(ReasonCode.of("eta.beyondSla", ReasonCode.at(s.slaDue())));
        }
        return new Eta(by, Duration.between(now, by), hours.zone(), basis, beyond, why);
    }

    /**
     * {@code value} with {@code places} decimals, rounded half up, as {@code String.format(Locale.ROOT, "%.1f")} writes a
     * finite non-negative number, without a {@link java.util.Formatter} for every promise.
     */
    static String fixed(double value, int places) {
        if (!Double.isFinite(value)) {
            return String.format(Locale.ROOT, "%." + places + "f", value);
        }
        return java.math.BigDecimal.valueOf(value).setScale(places, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    /** A promise rounded past the SLA's due time although the wait itself fits keeps the due time instead. */
    private static Instant withinSla(Instant rounded, Instant raw, Instant due) {
        return due != null && !raw.isAfter(due) && rounded.isAfter(due) ? due : rounded;
    }

    private static Instant later(Instant a, Instant b) {
        return b != null && b.isAfter(a) ? b : a;
    }

    /**
     * The promised time for the {@code k}-th next response at {@code rate} per hour: the quantile of
     * the wait counted in business hours from now (from the next opening when nobody is working),
     * rounded up.
     */
    static Instant promise(int k, double rate, double percentile, boolean staffed, BusinessHours hours, Instant now) {
        return roundUp(now, rawPromise(k, rate, percentile, staffed, hours, now), hours.zone());
    }

    private static Instant rawPromise(int k, double rate, double percentile, boolean staffed, BusinessHours hours, Instant now) {
        double hoursNeeded = WaitModel.quantileHours(k, rate, percentile);
        Instant start = staffed && hours.isOpen(now) ? now : hours.nextOpening(now);
        return hours.plusBusinessTime(start, Duration.ofSeconds((long) Math.ceil(hoursNeeded * 3600)));
    }

    /** Who is online and the measured rate, read at most once a second per queue, channel and skill set; the work held is read every time. */
    private QueueStats stats(UUID queueId, ChannelType channel, List<String> skills, Instant now) {
        String key = queueId + "|" + channel.code() + "|" + String.join(",", skills.stream().sorted().toList());
        QueueStats cached = recent.get(key);
        if (cached != null && cached.readAt().plus(STATS_TTL).isAfter(now) && !cached.readAt().isAfter(now)) {
            return cached;
        }
        List<UUID> online = qualified(agents.onlineInQueue(queueId), channel, skills);
        // While nobody is online, the queue's agents stand for the team that will open.
        List<UUID> team = online.isEmpty() ? qualified(agents.inQueue(queueId), channel, skills) : online;
        QueueStats fresh = new QueueStats(online, team, Map.copyOf(workload.unanswered(team, channel)),
                workload.firstResponsesSince(queueId, now.minus(settings.rateWindow())),
                now);
        recent.put(key, fresh);
        return fresh;
    }

    /**
     * The queue's waiting conversations, counted up to a cap: the same for every channel and skill set of the queue, so
     * one count a second serves them all (with full queues the count reads thousands of index entries).
     */
    private int waitingAhead(UUID queueId, Instant now, boolean stored) {
        Waiting read = waiting.compute(queueId, (queue, cached) ->
                cached != null && cached.readAt().plus(waitingTtl(cached.count())).isAfter(now) && !cached.readAt().isAfter(now) ? cached
                        : new Waiting(workload.waitingCount(queueId, WAITING_CAP), new java.util.concurrent.atomic.AtomicInteger(), now));
        // A stored conversation is in the count; each one estimated since the count is one more ahead.
        return Math.max(0, read.count() - (stored ? 1 : 0) + read.estimatedSince().getAndIncrement());
    }

    /**
     * How long a queue's waiting count stands: a second, and a second more for every thousand waiting, up to ten. Reading
     * the count costs in proportion to it (ten thousand index entries took 15 ms, a read a second per queue), while what
     * it misses in between (conversations taken or answered) is a small share of a long line; the ones estimated since
     * the read are added as they come.
     */
    static Duration waitingTtl(int count) {
        return Duration.ofSeconds(Math.clamp(count / 1_000 + 1, 1, 10));
    }

    /** Who can take the queue's conversations on the channel and how fast it has been answered: slow to change, so cached. */
    private List<UUID> qualified(List<Agent> candidates, ChannelType channel, List<String> skills) {
        return candidates.stream().filter(a -> a.hasSkills(skills)).filter(a -> assigner.capacity(a, channel) > 0).map(Agent::id).toList();
    }

    /**
     * A queue's slow-changing figures, read at most once a second: who is online, who is on the team and the work each
     * member has not answered yet, the responses of the rate window (the queue's waiting line is read apart, once for
     * every channel and skill set of the queue: {@link Waiting}).
     */
    private record QueueStats(List<UUID> online, List<UUID> team, Map<UUID, Integer> unanswered, int measured, Instant readAt) {
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
