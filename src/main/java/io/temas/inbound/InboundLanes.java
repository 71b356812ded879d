package io.temas.inbound;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.temas.channels.InboundMessage;
import io.temas.channels.Receipt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.TransientDataAccessResourceException;

/**
 * Group commit for the pipeline. Callers hand their message to one of a fixed number of lanes, chosen by the sender's
 * identifier that decides whose message it is, so one customer's messages keep their order; each lane takes everything waiting (up to
 * {@code batchMax}) and runs it in one transaction, one commit and one disk sync for the lot. Every caller is answered
 * only after that commit, exactly as with a transaction of its own.
 *
 * <p>A batch that fails for any reason (one message's bad input, a lock conflict, a deadlock with another lane) is
 * rolled back whole, and then each of its messages runs again alone, with the retries and the quarantine a single
 * message gets: one bad message never takes the others with it, and what is kept or quarantined is exactly what it
 * would be without batching. A lane waits for nothing: a message arriving at an idle lane is a batch of one, so light
 * load keeps single-message latency; batches grow only while messages queue up behind a commit.
 */
final class InboundLanes {

    private static final Logger log = LoggerFactory.getLogger(InboundLanes.class);

    /** What the lanes run. */
    interface Work {

        /** Runs the messages in one transaction, answering a receipt per message in order; throws and commits nothing on failure. */
        List<Receipt> together(List<InboundMessage> batch);

        /** Runs one message in its own transaction, with its retries and quarantine. */
        Receipt alone(InboundMessage message);
    }

    /** More messages wait for the lanes than {@code temas.pipeline.max-waiting} allows: the sender should try again shortly. */
    static final class Busy extends TransientDataAccessResourceException {

        Busy(int waiting) {
            super("the inbound pipeline has " + waiting + " messages waiting; send again shortly");
        }
    }

    private record Pending(InboundMessage message, CompletableFuture<Receipt> answer, long handedIn) {
    }

    private final Lane[] lanes;
    private final int batchMax;
    private final int maxWaiting;
    private final Function<InboundMessage, String> key;
    private final Work work;
    private final Timer latency;
    private final DistributionSummary batchSize;

    InboundLanes(int lanes, int batchMax, int maxWaiting, Function<InboundMessage, String> key, Work work, MeterRegistry meters) {
        this.batchMax = batchMax;
        this.maxWaiting = maxWaiting;
        this.key = key;
        this.work = work;
        this.latency = Timer.builder("temas.pipeline.latency")
                .description("From a message's hand-in to the commit of its transaction")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(meters);
        this.batchSize = DistributionSummary.builder("temas.pipeline.batch.size")
                .description("Messages per committed transaction of the pipeline")
                .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256)
                .register(meters);
        this.lanes = new Lane[lanes];
        for (int i = 0; i < lanes; i++) {
            this.lanes[i] = new Lane(i);
        }
    }

    /** Hands the message to its lane and waits for its transaction's commit; runs it here when the lanes are closing. */
    Receipt submit(InboundMessage message) {
        if (queued() >= maxWaiting) {
            throw new Busy(maxWaiting);
        }
        Pending pending = new Pending(message, new CompletableFuture<>(), System.nanoTime());
        Lane lane = lanes[Math.floorMod(key.apply(message).hashCode(), lanes.length)];
        if (!lane.offer(pending)) {
            return work.alone(message);
        }
        return await(pending.answer());
    }

    /** Messages handed in and not yet taken into a batch. */
    int queued() {
        int queued = 0;
        for (Lane lane : lanes) {
            queued += lane.waiting.size();
        }
        return queued;
    }

    /** Lets every lane finish what it holds, then stops them; later messages run in their callers' threads. */
    void close(Duration patience) {
        for (Lane lane : lanes) {
            lane.close();
        }
        long deadline = System.nanoTime() + patience.toNanos();
        for (Lane lane : lanes) {
            try {
                lane.thread.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (lane.thread.isAlive()) {
                log.warn("Inbound lane {} still busy after {}; stopping without it", lane.number, patience);
            }
        }
    }

    private static Receipt await(CompletableFuture<Receipt> answer) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return answer.get();
                } catch (InterruptedException e) {
                    // The message is in a transaction already; its caller must learn how it ended.
                    interrupted = true;
                } catch (ExecutionException e) {
                    switch (e.getCause()) {
                        case RuntimeException runtime -> throw runtime;
                        case Error error -> throw error;
                        default -> throw new IllegalStateException(e.getCause());
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run(List<Pending> batch) {
        batchSize.record(batch.size());
        if (batch.size() == 1) {
            alone(batch.getFirst());
            return;
        }
        List<Receipt> receipts;
        try {
            receipts = work.together(batch.stream().map(Pending::message).toList());
        } catch (RuntimeException | Error e) {
            log.debug("A batch of {} inbound messages failed ({}); each runs again alone", batch.size(), e.toString());
            batch.forEach(this::alone);
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            answered(batch.get(i));
            batch.get(i).answer().complete(receipts.get(i));
        }
    }

    private void alone(Pending pending) {
        try {
            Receipt receipt = work.alone(pending.message());
            answered(pending);
            pending.answer().complete(receipt);
        } catch (RuntimeException | Error e) {
            pending.answer().completeExceptionally(e);
        }
    }

    private void answered(Pending pending) {
        latency.record(System.nanoTime() - pending.handedIn(), TimeUnit.NANOSECONDS);
    }

    private final class Lane implements Runnable {

        private static final Pending CLOSED = new Pending(null, null, 0);

        private final int number;
        private final LinkedBlockingQueue<Pending> waiting = new LinkedBlockingQueue<>();
        private final Thread thread;
        private boolean open = true;

        Lane(int number) {
            this.number = number;
            this.thread = Thread.ofPlatform().name("inbound-lane-" + number).daemon().start(this);
        }

        synchronized boolean offer(Pending pending) {
            return open && waiting.offer(pending);
        }

        synchronized void close() {
            if (open) {
                open = false;
                waiting.offer(CLOSED);
            }
        }

        @Override
        public void run() {
            List<Pending> batch = new ArrayList<>(batchMax);
            while (true) {
                try {
                    batch.add(waiting.take());
                } catch (InterruptedException e) {
                    log.warn("Inbound lane {} interrupted; its callers run their messages themselves from now", number);
                    close();
                }
                waiting.drainTo(batch, batchMax - 1);
                boolean closed = batch.removeIf(p -> p == CLOSED);
                if (closed) {
                    // What was offered before the closing mark is ahead of it or still queued: all of it runs.
                    waiting.drainTo(batch);
                    batch.removeIf(p -> p == CLOSED);
                }
                try {
                    for (int from = 0; from < batch.size(); from += batchMax) {
                        InboundLanes.this.run(batch.subList(from, Math.min(batch.size(), from + batchMax)));
                    }
                } catch (RuntimeException | Error e) {
                    log.error("Inbound lane {} failed outside any message", number, e);
                    batch.forEach(p -> p.answer().completeExceptionally(e));
                } finally {
                    batch.clear();
                }
                if (closed) {
                    return;
                }
            }
        }
    }
}
