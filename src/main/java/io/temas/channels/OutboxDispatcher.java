package io.temas.channels;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.temas.platform.GenericPlans;
import io.temas.shared.ReasonCode;
import io.temas.shared.ReasonSlices;
import io.temas.shared.ChannelType;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers due outbox entries through their channel's transport. Each channel has a lane of its own, so a slow provider or
 * a backlog on one channel (a night's e-mail, an SMS provider that answers in seconds) never holds up another: a chat
 * reply leaves while the e-mail lane works through ten thousand acknowledgements. Each entry is claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so several nodes can dispatch side by side. Every registered channel has a transport
 * (see {@link Transports}); entries of a channel no longer registered have a lane that fails them.
 */
@Component
public class OutboxDispatcher {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);
    private static final int MAX_PER_ROUND = 5_000;

    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final OutboxSettings settings;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Transports transports;
    private final List<OutboundGuard> guards;
    private final Map<ChannelType, Lane> lanes = new LinkedHashMap<>();
    private final Lane unregistered;
    private static final long UNREGISTERED_EVERY_NANOS = Duration.ofMinutes(1).toNanos();
    /** The pace of each channel whose transport keeps to a rate. */
    private final Map<ChannelType, SendPacing> pacing = new ConcurrentHashMap<>();
    private volatile long lastUnregisteredLook;
    private volatile boolean unregisteredLooked;

    OutboxDispatcher(JdbcClient jdbc, Outbox outbox, OutboxSettings settings, TransactionTemplate transactions,
                     ApplicationEventPublisher events, Clock clock, ChannelReach reach, Channels channels, List<OutboundGuard> guards,
                     MeterRegistry meters) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.settings = settings;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
        this.guards = List.copyOf(guards);
        this.transports = reach.transports();
        channels.types().forEach(channel -> lanes.put(channel, new Lane(channel, Timer.builder("temas.outbox.wait")
                .description("From a send's due time (queued, its scheduled time, or its retry) until its lane takes it to send")
                .tag("channel", channel.code())
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofHours(1))
                .register(meters))));
        this.unregistered = new Lane(null, null);
        outbox.whenDueNow(this::nudge);
    }

    /**
     * Sends what is due on a channel now rather than at the next round (a chat reply); a round of its lane already under
     * way goes once more instead.
     */
    void nudge(ChannelType channel) {
        Lane lane = lanes.get(channel);
        if (lane != null) {
            lane.nudge();
        }
    }

    /** The name of the transport that sends on a channel, empty for a channel no package registered. */
    Optional<String> transportOf(ChannelType channel) {
        return transports.of(channel).map(OutboundTransport::name);
    }

    /**
     * Starts a round in every lane that is not sending already (one that is goes once more), without waiting for any:
     * a lane whose provider is slow keeps only itself busy, and the poll is never late for its own sake.
     */
    @Scheduled(fixedRateString = "${temas.outbox.poll-interval:500ms}")
    void poll() {
        lanes.values().forEach(Lane::nudge);
        long now = System.nanoTime();
        if (now - lastUnregisteredLook >= UNREGISTERED_EVERY_NANOS || !unregisteredLooked) {
            // Such entries come only from a channel removed before a restart, and finding them reads every pending
            // entry: once a minute is enough.
            unregisteredLooked = true;
            lastUnregisteredLook = now;
            unregistered.nudge();
        }
    }

    /**
     * Sends what is due on every channel, a batch per transaction, until nothing is due; answers how many entries it
     * handled. A lane's round already under way on this node is waited for, then this one runs.
     */
    public int dispatch() {
        int handled = 0;
        for (Lane lane : lanes.values()) {
            handled += lane.dispatch();
        }
        return handled + unregistered.dispatch();
    }

    /** One channel's sends (or, with no channel, those of channels no longer registered): one round at a time on a node. */
    private final class Lane {

        private final ChannelType channel;
        private final Timer wait;
        private final ReentrantLock round = new ReentrantLock();
        private final AtomicBoolean again = new AtomicBoolean();

        Lane(ChannelType channel, Timer wait) {
            this.channel = channel;
            this.wait = wait;
        }

        void nudge() {
            again.set(true);
            Thread.startVirtualThread(() -> {
                if (round.tryLock()) {
                    try {
                        rounds();
                    } catch (RuntimeException e) {
                        // The database went away, say: the entries stay due and the next round takes them.
                        log.warn("Outbox round on {} failed: {}", channel == null ? "unregistered channels" : channel, e.toString());
                    }
                }
            });
        }

        int dispatch() {
            round.lock();
            return rounds();
        }

        /** Runs rounds while holding the round lock, and releases it. */
        private int rounds() {
            try {
                int handled = 0;
                int batch;
                do {
                    again.set(false);
                    List<Outbox.Reference> references = new ArrayList<>();
                    batch = Objects.requireNonNullElse(transactions.execute(tx -> sendBatch(claim(), references)), 0);
                    handled += batch;
                    // A receipt kept while the batch was uncommitted could not see the references; now it can.
                    if (!references.isEmpty()) {
                        transactions.executeWithoutResult(tx -> outbox.applyKept(references));
                    }
                } while ((batch == settings.batchSize() || again.get()) && handled < MAX_PER_ROUND);
                return handled;
            } finally {
                round.unlock();
                if (again.get()) {
                    // A nudge that came as this round was ending found it running and left it to this round.
                    nudge();
                }
            }
        }

        /** The lane's due entries, oldest first, locked for this transaction; each one's wait since it fell due is timed. */
        private List<Outbox.Entry> claim() {
            Instant at = clock.instant();
            Timestamp now = Timestamp.from(at);
            if (channel != null) {
                List<Outbox.Entry> due = jdbc.sql("""
                                select * from outbox where status = 'pending' and channel = ? and next_attempt_at <= ?
                                order by next_attempt_at limit ? for update skip locked""")
                        .params(channel.code(), now, settings.batchSize()).query((rs, n) -> outbox.entry(rs)).list();
                due.forEach(entry -> wait.record(Duration.between(entry.nextAttemptAt(), at)));
                return due;
            }
            return jdbc.sql("""
                            select * from outbox where status = 'pending' and channel <> all(?::text[]) and next_attempt_at <= ?
                            order by next_attempt_at limit ? for update skip locked""")
                    .params(lanes.keySet().stream().map(ChannelType::code).toArray(String[]::new), now, settings.batchSize())
                    .query((rs, n) -> outbox.entry(rs)).list();
        }
    }

    /**
     * Sends a lane's batch and settles it. A transport that {@linkplain OutboundTransport#sendsSideBySide sends side by
     * side} gets up to {@code temas.outbox.sends-at-once} sends at a time, each on a thread of its own (its guards asked
     * there too, reading what is committed), one recipient's in their order; the others send one after the other in
     * the batch's transaction. Either way an entry's guards are asked just before its own send starts, and the batch's
     * rows stay locked until all of them are settled.
     */
    private int sendBatch(List<Outbox.Entry> due, List<Outbox.Reference> references) {
        Outcome[] outcomes = new Outcome[due.size()];
        OutboundTransport shared = due.isEmpty() ? null : transports.of(due.getFirst().channel()).orElse(null);
        if (shared != null && shared.sendsSideBySide() && settings.sendsAtOnce() > 1 && due.size() > 1) {
            sendSideBySide(due, outcomes);
        } else {
            for (int i = 0; i < due.size(); i++) {
                outcomes[i] = attempt(due.get(i));
            }
        }
        Settlements settled = new Settlements();
        for (Outcome outcome : outcomes) {
            settled.add(outcome.settled());
            if (outcome.reference() != null) {
                // Receipts that overtook this send (kept by Outbox.delivered) apply once the reference commits.
                references.add(outcome.reference());
            }
        }
        settle(settled);
        return due.size();
    }

    private void sendSideBySide(List<Outbox.Entry> due, Outcome[] outcomes) {
        Semaphore permits = new Semaphore(settings.sendsAtOnce(), true);
        Map<String, Future<?>> lastTo = new HashMap<>();
        try (ExecutorService sends = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < due.size(); i++) {
                int index = i;
                Outbox.Entry entry = due.get(i);
                String recipient = entry.recipient() == null ? "" : entry.recipient().toLowerCase(Locale.ROOT);
                Future<?> earlier = lastTo.get(recipient);
                lastTo.put(recipient, sends.submit(() -> {
                    if (earlier != null) {
                        // The customer reads them in order: this one waits until the one before it has been answered.
                        waitFor(earlier);
                    }
                    permits.acquireUninterruptibly();
                    try {
                        outcomes[index] = attempt(entry);
                    } finally {
                        permits.release();
                    }
                }));
            }
        }
    }

    private static void waitFor(Future<?> send) {
        try {
            send.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // Its outcome says what happened; this one goes on.
        }
    }

    /**
     * An entry as the batch leaves it: every column the dispatcher may change, the unchanged ones as they were, so that
     * the whole batch is written with one statement once it has been sent.
     */
    private record Settled(Outbox.Entry entry, String status, int attempts, Instant nextAttemptAt, Instant sentAt, String transport,
                           String reference, String lastError, ReasonCode code) {

        /** The entry as it was, for a change to state from. */
        static Settled of(Outbox.Entry entry) {
            return new Settled(entry, entry.status(), entry.attempts(), entry.nextAttemptAt(), entry.sentAt(), entry.transport(),
                    entry.reference(), entry.lastError(), entry.lastErrorCode());
        }

        Settled status(String status) {
            return new Settled(entry, status, attempts, nextAttemptAt, sentAt, transport, reference, lastError, code);
        }

        Settled attempt(int attempts, String transport) {
            return new Settled(entry, status, attempts, nextAttemptAt, sentAt, transport, reference, lastError, code);
        }

        Settled error(String lastError, ReasonCode code) {
            return new Settled(entry, status, attempts, nextAttemptAt, sentAt, transport, reference, lastError, code);
        }

        Settled next(Instant nextAttemptAt) {
            return new Settled(entry, status, attempts, nextAttemptAt, sentAt, transport, reference, lastError, code);
        }

        Settled sent(Instant at, String reference) {
            return new Settled(entry, "sent", attempts, nextAttemptAt, at, transport, reference, null, null);
        }

        OutboxOutcome outcome() {
            return new OutboxOutcome(entry.id(), entry.channel(), entry.conversationId(), entry.messageId(), transport, lastError, code);
        }
    }

    /** What a batch did: each entry as it leaves it, and the entries that were sent, failed for good or were dropped. */
    private static final class Settlements {
        final List<Settled> rows = new ArrayList<>();
        final List<OutboxOutcome> sent = new ArrayList<>();
        final List<OutboxOutcome> failed = new ArrayList<>();
        final List<OutboxOutcome> dropped = new ArrayList<>();

        void add(Settled row) {
            rows.add(row);
            switch (row.status()) {
                case "sent" -> sent.add(row.outcome());
                case "failed" -> failed.add(row.outcome());
                case "dropped" -> dropped.add(row.outcome());
                default -> {
                }
            }
        }
    }

    /**
     * Writes the batch's entries with one statement and tells the listeners once per outcome, in the batch's transaction
     * (which holds the entries' locks until it commits). The write and the listeners' (the messages' delivery) join arrays
     * of the batch's rows, which PostgreSQL would plan again on every run: from here on the transaction runs on generic
     * plans, as the pipeline's do ({@link GenericPlans}).
     */
    private void settle(Settlements settled) {
        if (settled.rows.isEmpty()) {
            return;
        }
        GenericPlans.forThisTransaction(jdbc);
        List<Settled> rows = settled.rows;
        ReasonSlices codes = ReasonSlices.of(rows.stream().map(Settled::code).toList());
        jdbc.sql("""
                        update outbox o set status = t.status, attempts = t.attempts, next_attempt_at = t.next_attempt_at, sent_at = t.sent_at,
                        transport = t.transport, reference = t.reference, last_error = t.last_error, last_error_code = t.code,
                        last_error_args = %s
                        from unnest(?::uuid[], ?::text[], ?::int[], ?::timestamptz[], ?::timestamptz[], ?::text[], ?::text[], ?::text[], ?::text[],
                                    ?::int[], ?::int[])
                             as t(id, status, attempts, next_attempt_at, sent_at, transport, reference, last_error, code, args_from, args_count)
                        where o.id = t.id""".formatted(ReasonSlices.argsSql("?::text[]", "t.args_from", "t.args_count")))
                .params(codes.args(),
                        rows.stream().map(r -> r.entry().id()).toArray(UUID[]::new),
                        rows.stream().map(Settled::status).toArray(String[]::new),
                        rows.stream().map(Settled::attempts).toArray(Integer[]::new),
                        rows.stream().map(r -> Timestamp.from(r.nextAttemptAt())).toArray(Timestamp[]::new),
                        rows.stream().map(r -> r.sentAt() == null ? null : Timestamp.from(r.sentAt())).toArray(Timestamp[]::new),
                        rows.stream().map(Settled::transport).toArray(String[]::new),
                        rows.stream().map(Settled::reference).toArray(String[]::new),
                        rows.stream().map(Settled::lastError).toArray(String[]::new),
                        codes.keys(), codes.from(), codes.count())
                .update();
        if (!settled.sent.isEmpty()) {
            events.publishEvent(new OutboundSent(settled.sent));
        }
        if (!settled.failed.isEmpty()) {
            events.publishEvent(new OutboundFailed(settled.failed));
        }
        if (!settled.dropped.isEmpty()) {
            events.publishEvent(new OutboundDropped(settled.dropped));
        }
    }

    /** What becomes of an entry once its guards have been asked. */
    private sealed interface Next permits Outcome, Ready {
    }

    /** An entry as it leaves the batch, and the reference a send got, for receipts that overtook it (else null). */
    private record Outcome(Settled settled, Outbox.Reference reference) implements Next {
    }

    /** An entry its guards let through, with its transport and its message, ready to send. */
    private record Ready(Settled before, OutboundTransport transport, OutboundMessage message) implements Next {
    }

    /** Asks the entry's guards and, when they let it through, sends it. */
    private Outcome attempt(Outbox.Entry entry) {
        Next next = guarded(entry);
        return next instanceof Ready ready ? deliver(ready) : (Outcome) next;
    }

    /** The entry's transport and guards: {@link Ready} to send, or its {@link Outcome}. */
    private Next guarded(Outbox.Entry entry) {
        Settled before = Settled.of(entry);
        OutboundTransport transport = transports.of(entry.channel()).orElse(null);
        if (transport == null) {
            // Written before its channel was removed: it can never be sent, and must not block the batch.
            return new Outcome(before.status("failed").error("no transport for channel '" + entry.channel() + "'",
                    ReasonCode.of("delivery.noTransport", ReasonCode.key("channel." + entry.channel().code()))), null);
        }
        OutboundMessage message = new OutboundMessage(entry.channel(), entry.sender(), entry.recipient(), entry.subject(),
                entry.body(), entry.headers(), entry.conversationId(), entry.messageId());
        for (OutboundGuard guard : guards) {
            OutboundGuard.Verdict verdict;
            try {
                verdict = guard.check(message);
            } catch (RuntimeException e) {
                // A guard that cannot decide must neither let the message through nor fail the whole batch.
                log.warn("Guard {} failed on {}: {}", guard.getClass().getSimpleName(), entry.id(), e.toString());
                verdict = new OutboundGuard.Hold(clock.instant().plus(settings.backoff(entry.attempts() + 1)), "guard failed: " + e.getMessage());
            }
            switch (verdict) {
                case OutboundGuard.Proceed proceed -> {
                }
                case OutboundGuard.Hold hold -> {
                    return new Outcome(before.next(hold.until()).error("held: " + hold.reason(), null), null);
                }
                case OutboundGuard.Drop drop -> {
                    return new Outcome(before.status("dropped").error(drop.reason(), null), null);
                }
            }
        }
        return new Ready(before, transport, message);
    }

    /** Sends through the transport and says how the entry leaves the batch. */
    private Outcome deliver(Ready ready) {
        OutboundTransport transport = ready.transport();
        Outbox.Entry entry = ready.before().entry();
        SendResult result;
        try {
            if (transport.sendsPerSecond() > 0) {
                pacing.computeIfAbsent(entry.channel(), c -> new SendPacing(transport.sendsPerSecond(), System::nanoTime)).await();
            }
            result = transport.send(ready.message());
        } catch (RuntimeException e) {
            result = new SendResult.TemporaryFailure(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        int attempts = entry.attempts() + 1;
        Settled attempted = ready.before().attempt(attempts, transport.name());
        return switch (result) {
            case SendResult.Sent sent -> new Outcome(attempted.sent(clock.instant(), sent.reference()),
                    sent.reference() == null ? null : new Outbox.Reference(transport.name(), sent.reference()));
            case SendResult.NotSent notSent -> {
                // Nothing left and nothing will: a drop with the reason, never a send.
                log.info("Send {} over {} not made: {}", entry.id(), transport.name(), notSent.reason());
                yield new Outcome(attempted.status("dropped").error(notSent.reason(), notSent.code()), null);
            }
            case SendResult.TemporaryFailure temporary when attempts < settings.maxAttempts() -> {
                Instant next = clock.instant().plus(settings.backoff(attempts, temporary.retryAfter()));
                log.warn("Send {} over {} failed (attempt {}), retrying at {}: {}", entry.id(), transport.name(), attempts, next, temporary.reason());
                yield new Outcome(attempted.next(next).error(temporary.reason(), temporary.code()), null);
            }
            // The reason it kept failing for, in the reader's language where the transport gave one (a throttle it never got past).
            case SendResult.TemporaryFailure temporary -> fail(attempted, "gave up after " + attempts + " attempts: " + temporary.reason(),
                    temporary.code() != null ? temporary.code() : ReasonCode.of("delivery.gaveUp", attempts, temporary.reason()));
            case SendResult.PermanentFailure permanent -> fail(attempted, permanent.reason(), permanent.code());
        };
    }

    private static Outcome fail(Settled attempted, String reason, ReasonCode code) {
        log.warn("Send {} over {} failed for good: {}", attempted.entry().id(), attempted.transport(), reason);
        return new Outcome(attempted.status("failed").error(reason, code), null);
    }
}
