package io.temas.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What {@link IdleHeap} leaves the JVM with, each case in a JVM of its own started with the
 * options an operator would give (the test JVM's own flags are shared with every other test).
 */
class IdleHeapTests {

    @Test
    void onG1AQuietHeapIsCollectedAfterTheInterval() throws Exception {
        assertThat(probe("45s", "-XX:+UseG1GC")).isEqualTo("45000");
    }

    @Test
    void anIntervalGivenOnTheCommandLineWins() throws Exception {
        assertThat(probe("45s", "-XX:+UseG1GC", "-XX:G1PeriodicGCInterval=7000")).isEqualTo("7000");
    }

    @Test
    void zeroLeavesTheJvmAsItIsAndOtherCollectorsAreLeftAlone() throws Exception {
        assertThat(probe("0s", "-XX:+UseG1GC")).isEqualTo("0");
        assertThat(probe("45s", "-XX:+UseSerialGC")).isEqualTo("0");
    }

    /** Runs {@link Probe} in a new JVM with these options and returns what it printed. */
    private static String probe(String interval, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
        command.addAll(List.of(options));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Probe.class.getName(), interval));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output.lines().filter(line -> line.startsWith("interval=")).findFirst()
                .map(line -> line.substring("interval=".length())).orElseThrow(() -> new AssertionError(output));
    }

    /** Does what Temas does when it is ready, then prints the JVM's periodic collection interval. */
    static final class Probe {

        public static void main(String[] args) {
            new IdleHeap(new MemorySettings(Duration.parse("PT" + args[0].toUpperCase()))).onReady();
            HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            System.out.println("interval=" + hotspot.getVMOption(IdleHeap.INTERVAL).getValue());
        }
    }
}
