package io.temas.platform;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.unit.DataSize;

/**
 * How the embedded server's processes take memory from the system and give it back: glibc's allocator, tuned so that a
 * backend keeps what its last statements freed for its next ones.
 *
 * <p>PostgreSQL frees a statement's memory when the statement ends. glibc gives the top of its heap back to the system
 * whenever more than 128 kB of it is free ({@code M_TRIM_THRESHOLD}), and a statement that needs it again takes it back:
 * under the pipeline's load every backend shrank and grew its heap many times a second, each shrink flushing the other
 * core's address translations, each regrowth faulting every page in again. A profile of the server under the load driver
 * put an eighth of its CPU there (BENCHMARKS.md). Keeping up to {@code kept} of freed memory at the top of the heap, and
 * serving blocks up to that size from the heap rather than from mappings of their own, ends it; a process holds at most
 * that much more than it uses, and only once it has used it.
 *
 * <p>glibc reads these settings only from the environment ({@code GLIBC_TUNABLES}), and zonky starts the server with
 * the JVM's environment, which a running JVM cannot change. So in the server's binaries {@code bin/postgres} becomes a
 * short script that adds them and runs the server, kept beside it as {@code postgres.real} (the same file, by a hard
 * link where the file system has them); initdb, zonky and Temas' own checks still run {@code bin/postgres}. A setting
 * the operator already gives glibc in the environment comes after these and wins. Only on Linux, where the server links
 * glibc; with {@code kept} zero the binary goes back in place. A {@code bin/postgres} that is neither the binary nor
 * this script (an operator's own) is left alone.
 */
final class ServerAllocator {

    /** The name the server's binary takes beside the script; the running server's executable has this name. */
    static final String REAL = "postgres.real";

    private static final Logger log = LoggerFactory.getLogger(ServerAllocator.class);
    private static final String HEAD = "#!/bin/sh\n# Temas: the PostgreSQL server with glibc's allocator keeping freed memory\n";
    private static final byte[] ELF = {0x7f, 'E', 'L', 'F'};
    private static final long MMAP_THRESHOLD_MAX = 32L * 1024 * 1024;

    private ServerAllocator() {
    }

    /** Puts the script in front of {@code bin/postgres} under {@code binaries} for {@code kept}, or takes it away for zero. */
    static synchronized void install(Path binaries, DataSize kept) throws IOException {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
            return;
        }
        Path postgres = server(binaries).orElse(null);
        if (postgres == null) {
            return;
        }
        // zonky unpacks the binaries again (two seconds of CPU) at a start that finds anything beside its mark of a
        // finished unpacking newer than the mark: the directory keeps its time, so a change here does not count as one.
        Path directory = postgres.getParent();
        FileTime unpacked = Files.getLastModifiedTime(directory);
        try {
            wrap(binaries, postgres, kept);
        } finally {
            Files.setLastModifiedTime(directory, unpacked);
        }
    }

    private static void wrap(Path binaries, Path postgres, DataSize kept) throws IOException {
        Path real = postgres.resolveSibling(REAL);
        boolean binary = startsWith(postgres, ELF);
        boolean ours = !binary && startsWith(postgres, HEAD.getBytes(StandardCharsets.UTF_8));
        if (!binary && !ours) {
            log.warn("{} is neither the PostgreSQL binary nor Temas' script; glibc's allocator is left as it is", postgres);
            return;
        }
        if (kept.toBytes() <= 0) {
            if (ours && Files.isRegularFile(real)) {
                Files.move(real, postgres, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            return;
        }
        if (binary) {
            // The binary stays where it is until its second name is in place, so bin/postgres always runs something.
            Path link = postgres.resolveSibling(REAL + "." + UUID.randomUUID());
            try {
                Files.createLink(link, postgres);
            } catch (IOException | UnsupportedOperationException e) {
                Files.copy(postgres, link, StandardCopyOption.COPY_ATTRIBUTES);
            }
            if (!startsWith(link, ELF)) {
                // Another process put its script in place meanwhile: the binary is already beside it.
                Files.delete(link);
                return;
            }
            Files.move(link, real, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } else if (!Files.isRegularFile(real)) {
            throw new IOException(postgres + " is Temas' script, but the server it runs, " + real + ", is missing; delete "
                    + binaries + " and the binaries are unpacked again at the next start");
        } else if (Files.readString(postgres).equals(script(kept))) {
            return;
        }
        Path written = postgres.resolveSibling("postgres." + UUID.randomUUID());
        Files.writeString(written, script(kept));
        Files.setPosixFilePermissions(written, PosixFilePermissions.fromString("rwx------"));
        Files.move(written, postgres, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The {@code bin/postgres} zonky unpacked under {@code binaries} (in a directory named by the bundle's hash), if any. */
    static Optional<Path> server(Path binaries) throws IOException {
        try (var tree = Files.walk(binaries)) {
            return tree.filter(path -> path.endsWith(Path.of("bin", "postgres"))).findFirst();
        }
    }

    /**
     * The script: glibc's settings for {@code kept} ahead of any in the environment, then the server in its place. glibc
     * takes no mapping threshold above 32 MB on 64-bit systems (and would ignore a larger one).
     */
    static String script(DataSize kept) {
        long bytes = kept.toBytes();
        String tunables = "glibc.malloc.trim_threshold=" + bytes + ":glibc.malloc.mmap_threshold=" + Math.min(bytes, MMAP_THRESHOLD_MAX)
                + ":glibc.malloc.top_pad=" + Math.max(bytes / 8, 131072);
        return HEAD
                + "GLIBC_TUNABLES=\"" + tunables + "${GLIBC_TUNABLES:+:$GLIBC_TUNABLES}\"\n"
                + "export GLIBC_TUNABLES\n"
                + "exec \"$(dirname \"$0\")/" + REAL + "\" \"$@\"\n";
    }

    private static boolean startsWith(Path file, byte[] head) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(head.length), head);
        }
    }
}
