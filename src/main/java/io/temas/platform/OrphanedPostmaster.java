package io.temas.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL left running on the data directory by a Temas that was killed ({@code kill -9},
 * out of memory): the postmaster outlives the JVM and holds {@code postmaster.pid}, so the next
 * start would fail. Called while Temas holds the data directory's lock, so a live postmaster
 * found here has nobody left who uses it.
 */
final class OrphanedPostmaster {

    static final String PID_FILE = "postmaster.pid";

    /** A smart shutdown with no clients left takes a checkpoint's time; a busy disk can make that long. */
    private static final Duration STOP_WAIT = Duration.ofMinutes(2);

    private static final Logger log = LoggerFactory.getLogger(OrphanedPostmaster.class);

    private OrphanedPostmaster() {
    }

    /** Stops the postmaster {@code postmaster.pid} names if it still runs on this data directory. */
    static void stopIfRunning(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve(PID_FILE);
        List<String> lines;
        try {
            lines = Files.readAllLines(pidFile);
        } catch (NoSuchFileException e) {
            return;
        }
        Optional<Long> pid = lines.isEmpty() ? Optional.empty() : parse(lines.getFirst());
        if (pid.isEmpty()) {
            // PostgreSQL refuses to start over an empty or garbled lock file, and none of ours is starting.
            log.warn("Removing the unreadable {} in {}", PID_FILE, dataDirectory);
            Files.delete(pidFile);
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            // PostgreSQL itself replaces a lock file whose process is gone, after checking its shared memory is free.
            log.info("{} in {} names process {}, which is gone; PostgreSQL replaces it", PID_FILE, dataDirectory, pid.get());
            return;
        }
        if (!isPostmasterOf(process.get(), dataDirectory)) {
            // The number was handed to an unrelated process since; PostgreSQL would refuse to start over it.
            log.warn("Removing {} in {}: process {} is no PostgreSQL of this directory", PID_FILE, dataDirectory, pid.get());
            Files.delete(pidFile);
            return;
        }
        stop(process.get(), dataDirectory);
    }

    private static void stop(ProcessHandle postmaster, Path dataDirectory) {
        log.warn("Stopping the PostgreSQL (process {}) a killed Temas left running on {}", postmaster.pid(), dataDirectory);
        // SIGTERM: a smart shutdown, which waits for clients; the killed JVM's connections are gone.
        if (!postmaster.destroy()) {
            throw new IllegalStateException("Could not signal the PostgreSQL (process " + postmaster.pid() + ") still running on "
                    + dataDirectory + "; stop it and start Temas again");
        }
        try {
            postmaster.onExit().get(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("The PostgreSQL (process " + postmaster.pid() + ") still running on " + dataDirectory
                    + " did not stop within " + STOP_WAIT.toSeconds() + " s; stop it and start Temas again", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping the PostgreSQL left running on " + dataDirectory, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        log.info("The PostgreSQL left running on {} has stopped", dataDirectory);
    }

    /**
     * The postmaster runs the {@code postgres} binary (named {@value ServerAllocator#REAL} behind Temas' script) from
     * inside its data directory; where {@code /proc} is missing, its command line names the directory.
     */
    static boolean isPostmasterOf(ProcessHandle process, Path dataDirectory) throws IOException {
        boolean postgres = process.info().command().map(Path::of).map(Path::getFileName)
                .map(name -> name.toString().equals("postgres") || name.toString().equals(ServerAllocator.REAL)).orElse(false);
        if (!postgres) {
            return false;
        }
        Path workingDirectory = Path.of("/proc", Long.toString(process.pid()), "cwd");
        if (Files.isSymbolicLink(workingDirectory)) {
            try {
                return Files.isSameFile(Files.readSymbolicLink(workingDirectory), dataDirectory);
            } catch (NoSuchFileException e) {
                return false;
            }
        }
        return process.info().commandLine().map(line -> line.contains(dataDirectory.toString())).orElse(false);
    }

    private static Optional<Long> parse(String line) {
        try {
            return Optional.of(Long.parseLong(line.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
