package io.temas.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** A real JVM with {@link CleanStop} installed, stopped the way a terminal or spring-boot:run stops it. */
@DisabledOnOs(OS.WINDOWS)
class CleanStopIntegrationTests {

    static final String READY = "ready";
    static final String CLOSED = "shutdown hooks ran";

    /** The child: installs the handlers, says so, and waits to be stopped. */
    public static void main(String[] args) throws InterruptedException {
        CleanStop.install();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println(CLOSED)));
        System.out.println(READY);
        System.out.flush();
        Thread.sleep(TimeUnit.MINUTES.toMillis(5));
        System.exit(3);
    }

    @Test
    void sigtermEndsTheJvmWithStatusZeroAfterTheShutdownHooks() throws Exception {
        assertStopsCleanly("TERM");
    }

    @Test
    void sigintEndsTheJvmWithStatusZeroAfterTheShutdownHooks() throws Exception {
        // A process started in the background by a non-interactive shell ignores SIGINT, and so does every child it
        // starts: no JVM can be stopped with it there, which says nothing about Temas.
        assumeFalse(ignoredSinceStart(2), "SIGINT is ignored by this process (started in the background by a shell), and "
                + "so by the child: run the tests in the foreground to test it");
        assertStopsCleanly("INT");
    }

    /** Whether this process ignores the signal, as its parent left it (Linux's {@code /proc}; elsewhere: no). */
    private static boolean ignoredSinceStart(int signal) throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return false;
        }
        return Files.readAllLines(status).stream().filter(line -> line.startsWith("SigIgn:")).findFirst()
                .map(line -> new BigInteger(line.substring("SigIgn:".length()).strip(), 16).testBit(signal - 1)).orElse(false);
    }

    private static void assertStopsCleanly(String signal) throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CleanStopIntegrationTests.class.getName())
                .redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader output = child.inputReader()) {
            String line;
            while ((line = output.readLine()) != null && !line.equals(READY)) {
                lines.add(line);
            }
            assertThat(line).as("the child's output:%n%s", String.join("\n", lines)).isEqualTo(READY);
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).inheritIO().start();
            assertThat(kill.waitFor()).isZero();
            while ((line = output.readLine()) != null) {
                lines.add(line);
            }
        } finally {
            if (!child.waitFor(60, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
        assertThat(child.exitValue()).as(String.join("\n", lines)).isZero();
        assertThat(lines).contains(CLOSED);
    }
}
