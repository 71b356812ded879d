package io.temas.channels;

import io.temas.shared.ReasonCode;
import io.temas.shared.ChannelType;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers due outbox entries through their channel's transport. Each entry is claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so several nodes can dispatch side by side. Every registered
 * channel has a transport (see {@link Transports}).
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
    private final java.util.concurrent.locks.ReentrantLock round = new java.util.concurrent.locks.ReentrantLock();
    private final AtomicBoolean again = new AtomicBoolean();

    OutboxDispatcher(JdbcClient jdbc, Outbox outbox, OutboxSettings settings, TransactionTemplate transactions,
                     ApplicationEventPublisher events, Clock clock, ChannelReach reach, List<OutboundGuard> guards) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.settings = settings;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
        this.guards = List.copyOf(guards);
        this.transports = reach.transports();
        outbox.whenDueNow(this::nudge);
    }

    /** Sends what is due now rather than at the next round (a chat reply); a round under way goes once more instead. */
    void nudge() {
        again.set(true);
        Thread.startVirtualThread(() -> {
            if (round.tryLock()) {
                rounds();
            }
        });
    }

    /** The name of the transport that sends on a channel, empty for a channel no package registered. */
    java.util.Optional<String> transportOf(ChannelType channel) {
        return transports.of(channel).map(OutboundTransport::name);
    }

    /**
     * Sends what is due, a batch per transaction, until nothing is due; answers how many entries it
     * handled. A round already under way on this node is waited for, then this one runs.
     */
    @Scheduled(fixedDelayString = "${temas.outbox.poll-interval:500ms}")
    public int dispatch() {
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
                List<Outbox.Reference> references = new java.util.ArrayList<>();
                batch = Objects.requireNonNullElse(transactions.execute(tx -> sendBatch(references)), 0);
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

    private int sendBatch(List<Outbox.Reference> references) {
        List<Outbox.Entry> due = jdbc.sql("""
                        select * from outbox where status = 'pending' and next_attempt_at <= ?
                        order by next_attempt_at limit ? for update skip locked""")
                .params(Timestamp.from(clock.instant()), settings.batchSize()).query((rs, n) -> outbox.entry(rs)).list();
        due.forEach(entry -> send(entry, references));
        return due.size();
    }

    private void send(Outbox.Entry entry, List<Outbox.Reference> references) {
        OutboundTransport transport = transports.of(entry.channel()).orElse(null);
        if (transport == null) {
            // Written before its channel was removed: it can never be sent, and must not block the batch.
            String reason = "no transport for channel '" + entry.channel() + "'";
            ReasonCode code = ReasonCode.of("delivery.noTransport", ReasonCode.key("channel." + entry.channel().code()));
            jdbc.sql("update outbox set status = 'failed', last_error = ?, last_error_code = ?, last_error_args = ? where id = ?")
                    .params(reason, code.key(), code.storedArgs(), entry.id()).update();
            events.publishEvent(new OutboundFailed(entry.id(), entry.channel(), entry.conversationId(), entry.messageId(), reason, code));
            return;
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
                    jdbc.sql("update outbox set next_attempt_at = ?, last_error = ? where id = ?")
                            .params(Timestamp.from(hold.until()), "held: " + hold.reason(), entry.id()).update();
                    return;
                }
                case OutboundGuard.Drop drop -> {
                    jdbc.sql("update outbox set status = 'dropped', last_error = ? where id = ?").params(drop.reason(), entry.id()).update();
                    events.publishEvent(new OutboundDropped(entry.id(), entry.channel(), entry.conversationId(), entry.messageId(), drop.reason()));
                    return;
                }
            }
        }
        SendResult result;
        try {
            result = transport.send(message);
        } catch (RuntimeException e) {
            result = new SendResult.TemporaryFailure(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        int attempts = entry.attempts() + 1;
        switch (result) {
            case SendResult.Sent sent -> {
                jdbc.sql("""
                                update outbox set status = 'sent', attempts = ?, sent_at = ?, transport = ?, reference = ?, last_error = null,
                                last_error_code = null, last_error_args = null where id = ?""")
                        .params(attempts, Timestamp.from(clock.instant()), transport.name(), sent.reference(), entry.id()).update();
                events.publishEvent(new OutboundSent(entry.id(), entry.channel(), entry.conversationId(), entry.messageId(), transport.name()));
                if (sent.reference() != null) {
                    // Receipts that overtook this send (kept by Outbox.delivered) apply once the reference commits.
                    references.add(new Outbox.Reference(transport.name(), sent.reference()));
                }
            }
            case SendResult.NotSent notSent -> {
                // Nothing left and nothing will: a drop with the reason, never a send.
                log.info("Send {} over {} not made: {}", entry.id(), transport.name(), notSent.reason());
                jdbc.sql("""
                                update outbox set status = 'dropped', attempts = ?, last_error = ?, last_error_code = ?, last_error_args = ?,
                                transport = ? where id = ?""")
                        .params(attempts, notSent.reason(), codeKey(notSent.code()), codeArgs(notSent.code()), transport.name(), entry.id())
                        .update();
                events.publishEvent(new OutboundDropped(entry.id(), entry.channel(), entry.conversationId(), entry.messageId(),
                        notSent.reason(), notSent.code()));
            }
            case SendResult.TemporaryFailure temporary when attempts < settings.maxAttempts() -> {
                Instant next = clock.instant().plus(settings.backoff(attempts));
                log.warn("Send {} over {} failed (attempt {}), retrying at {}: {}", entry.id(), transport.name(), attempts, next, temporary.reason());
                jdbc.sql("""
                                update outbox set attempts = ?, next_attempt_at = ?, last_error = ?, last_error_code = ?, last_error_args = ?,
                                transport = ? where id = ?""")
                        .params(attempts, Timestamp.from(next), temporary.reason(), codeKey(temporary.code()), codeArgs(temporary.code()),
                                transport.name(), entry.id()).update();
            }
            // The reason it kept failing for, in the reader's language where the transport gave one (a throttle it never got past).
            case SendResult.TemporaryFailure temporary -> fail(entry, transport, attempts,
                    "gave up after " + attempts + " attempts: " + temporary.reason(),
                    temporary.code() != null ? temporary.code() : ReasonCode.of("delivery.gaveUp", attempts, temporary.reason()));
            case SendResult.PermanentFailure permanent -> fail(entry, transport, attempts, permanent.reason(), permanent.code());
        }
    }

    private void fail(Outbox.Entry entry, OutboundTransport transport, int attempts, String reason, ReasonCode code) {
        log.warn("Send {} over {} failed for good: {}", entry.id(), transport.name(), reason);
        jdbc.sql("""
                        update outbox set status = 'failed', attempts = ?, last_error = ?, last_error_code = ?, last_error_args = ?, transport = ?
                        where id = ?""")
                .params(attempts, reason, codeKey(code), codeArgs(code), transport.name(), entry.id()).update();
        events.publishEvent(new OutboundFailed(entry.id(), entry.channel(), entry.conversationId(), entry.messageId(), reason, code));
    }

    private static String codeKey(ReasonCode code) {
        return code == null ? null : code.key();
    }

    private static String[] codeArgs(ReasonCode code) {
        return code == null ? null : code.storedArgs();
    }
}
