package io.temas.routing;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The promise's quantile ({@link WaitModel#quantileHours}) as every opening message asks it: the
 * {@code k}-th next response of a queue answering 40 an hour, promised for 80 % of customers. With
 * a full queue {@code k} is the number waiting ahead plus what the agents hold. {@link #quantile}
 * works it out; {@link #quantileAskedAgain} is the next message asking for the same {@code k} while
 * the count of those waiting stands, answered from the quantiles kept.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class WaitModelBenchmarks {

    @Param({"3", "200", "5000", "20000"})
    int ahead;

    @Benchmark
    public double quantile() {
        return WaitModel.solve(ahead, 0.8) / 40;
    }

    @Benchmark
    public double quantileAskedAgain() {
        return WaitModel.quantileHours(ahead, 40, 0.8);
    }
}
