package io.temas.routing;

import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The loop protection's question, asked of every message's sender: is this address one of our entry points
 * ({@link EntryPoints#isOurs})? Senders are many and asked about once each: 100,000 different ones in turn, phone
 * numbers as SMS providers write them or e-mail addresses, against the demo organisation's entry points.
 * {@link #spellEverySender} is the question as it was asked before: every sender's address spelled (a phone number
 * parsed) and remembered. {@link #tellSendersApart} is {@link EntryPoints#isOurs} now.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class EntryPointAddressesBenchmarks {

    private static final Set<String> OURS = Set.of("fatura@ornek.com.tr", "destek@ornek.com.tr", "bilgi@ornek.com.tr",
            "+908502220000", "kampanya@ornek.com.tr", "KIS2026", "WEB-ILETISIM", "WEB-SOHBET");

    @Param({"phone", "email"})
    String sender;

    private String[] senders;
    private Set<String> endings;
    private int next;

    @Setup
    public void setUp() {
        Random random = new Random(7);
        senders = new String[100_000];
        for (int i = 0; i < senders.length; i++) {
            int subscriber = 1_000_000 + random.nextInt(9_000_000);
            senders[i] = "phone".equals(sender) ? "+90532" + subscriber : "musteri" + subscriber + "@example.com";
        }
        endings = EntryPointAddresses.endings(OURS);
    }

    private String nextSender() {
        String address = senders[next];
        next = next + 1 == senders.length ? 0 : next + 1;
        return address;
    }

    @Benchmark
    public boolean spellEverySender() {
        return OURS.contains(EntryPointAddresses.normalise(nextSender()));
    }

    @Benchmark
    public boolean tellSendersApart() {
        return EntryPointAddresses.isOneOf(nextSender(), OURS, endings);
    }
}
