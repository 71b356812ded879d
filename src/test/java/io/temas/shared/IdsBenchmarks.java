package io.temas.shared;

import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A new id ({@link Ids#next}), of which a new conversation's message takes a dozen (customer, identifiers, conversation,
 * message, timeline entries, receipt, acknowledgement): from one thread, and from four sharing the generator as the
 * pipeline's lanes and the HTTP threads do.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class IdsBenchmarks {

    private final Ids ids = new Ids(Clock.systemUTC());

    @Benchmark
    public UUID next() {
        return ids.next();
    }

    @Benchmark
    @Threads(4)
    public UUID nextFromFourThreads() {
        return ids.next();
    }
}
