package io.temas.inbound;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.temas.shared.ChannelType;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline's own figures: the time of each step ({@code temas.pipeline.step}, tag {@code step}) and the messages
 * taken, repeated and quarantined by channel ({@code temas.inbound.messages}, tags {@code channel}, {@code outcome}).
 * Meters are made once and kept, so recording costs a clock read and an add.
 */
final class PipelineMeters {

    /**
     * The pipeline's steps, in the order a message passes them: store the raw receipt; resolve the sender; find the
     * conversation; open and route it (or join it) and store the message; campaign attribution and suppression; assign;
     * acknowledge; the event that the message was received; then, once per transaction however many messages, the
     * timeline entries and the receipts' completion of all of them, and the commit.
     */
    enum Step {
        RECEIVE, IDENTIFY, THREAD, OPEN, ATTRIBUTE, ASSIGN, ACKNOWLEDGE, RECORD, WRITE, COMMIT
    }

    /** What became of a message: taken, recognised as a repeat, quarantined, or refused for now (busy, database away). */
    enum Outcome {
        TAKEN, DUPLICATE, QUARANTINED, BUSY
    }

    private final MeterRegistry meters;
    private final Timer[] steps = new Timer[Step.values().length];
    private final Map<String, Counter[]> outcomes = new ConcurrentHashMap<>();

    PipelineMeters(MeterRegistry meters) {
        this.meters = meters;
        for (Step step : Step.values()) {
            steps[step.ordinal()] = Timer.builder("temas.pipeline.step")
                    .description("Time a message spends in one step of the inbound pipeline (write and commit: per transaction)")
                    .tag("step", step.name().toLowerCase(Locale.ROOT))
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofNanos(50_000))
                    .maximumExpectedValue(Duration.ofSeconds(5))
                    .register(meters);
        }
    }

    /** Starts timing a message's steps here. */
    Laps laps() {
        return new Laps(System.nanoTime());
    }

    void time(Step step, long nanos) {
        steps[step.ordinal()].record(nanos, TimeUnit.NANOSECONDS);
    }

    void count(ChannelType channel, Outcome outcome) {
        outcomes.computeIfAbsent(channel.code(), code -> {
            Counter[] counters = new Counter[Outcome.values().length];
            for (Outcome o : Outcome.values()) {
                counters[o.ordinal()] = Counter.builder("temas.inbound.messages")
                        .description("Inbound messages by channel and what became of them")
                        .tag("channel", code).tag("outcome", o.name().toLowerCase(Locale.ROOT))
                        .register(meters);
            }
            return counters;
        })[outcome.ordinal()].increment();
    }

    /** A stopwatch over one message's steps: each {@link #step} records the time since the one before. */
    final class Laps {

        private long last;

        private Laps(long start) {
            this.last = start;
        }

        void step(Step step) {
            long now = System.nanoTime();
            time(step, now - last);
            last = now;
        }
    }
}
