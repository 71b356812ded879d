package io.temas.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** The script put in front of the server's binary, on binaries laid out as zonky unpacks them. */
class ServerAllocatorTests {

    /** Stands in for the server: an ELF header, then a shell script that prints the variable and its arguments. */
    private static final String FAKE_SERVER = "\u007fELF\n";

    @TempDir
    Path binaries;

    Path postgres;

    @BeforeEach
    void unpacked() throws IOException {
        assumeThat(System.getProperty("os.name", "").toLowerCase(Locale.ROOT)).startsWith("linux");
        postgres = Files.createDirectories(binaries.resolve("bin")).resolve("postgres");
        Files.writeString(postgres, FAKE_SERVER);
    }

    @Test
    void theBinaryMovesBesideAScriptThatRunsItWithTheSettingsAheadOfTheOperatorsOwn() throws Exception {
        ServerAllocator.install(binaries, DataSize.ofMegabytes(8));

        assertThat(Files.readString(postgres.resolveSibling(ServerAllocator.REAL))).isEqualTo(FAKE_SERVER);
        assertThat(Files.readString(postgres)).startsWith("#!/bin/sh\n").contains("glibc.malloc.trim_threshold=8388608",
                "glibc.malloc.mmap_threshold=8388608", "glibc.malloc.top_pad=1048576");
        assertThat(Files.isExecutable(postgres)).isTrue();

        // The script as the shell runs it, in front of a stand-in server that says what it was given.
        Files.writeString(postgres.resolveSibling(ServerAllocator.REAL), "#!/bin/sh\necho \"$GLIBC_TUNABLES|$*\"\n");
        Files.setPosixFilePermissions(postgres.resolveSibling(ServerAllocator.REAL),
                java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        assertThat(run("-D", "data dir")).isEqualTo("glibc.malloc.trim_threshold=8388608:glibc.malloc.mmap_threshold=8388608"
                + ":glibc.malloc.top_pad=1048576|-D data dir");
        assertThat(run("GLIBC_TUNABLES=glibc.malloc.trim_threshold=1", "-V")).as("the operator's own come last, so they win")
                .startsWith("glibc.malloc.trim_threshold=8388608").contains(":glibc.malloc.trim_threshold=1|-V");
    }

    @Test
    void installingAgainKeepsTheScriptAndAnotherSizeRewritesIt() throws Exception {
        ServerAllocator.install(binaries, DataSize.ofMegabytes(8));
        String first = Files.readString(postgres);
        ServerAllocator.install(binaries, DataSize.ofMegabytes(8));

        assertThat(Files.readString(postgres)).isEqualTo(first);
        assertThat(Files.readString(postgres.resolveSibling(ServerAllocator.REAL))).isEqualTo(FAKE_SERVER);

        ServerAllocator.install(binaries, DataSize.ofMegabytes(32));
        assertThat(Files.readString(postgres)).contains("glibc.malloc.trim_threshold=33554432").doesNotContain("8388608");
        assertThat(Files.readString(postgres.resolveSibling(ServerAllocator.REAL))).isEqualTo(FAKE_SERVER);
        try (var files = Files.list(postgres.getParent())) {
            assertThat(files.map(file -> file.getFileName().toString())).as("no temporary file left")
                    .containsExactlyInAnyOrder("postgres", ServerAllocator.REAL);
        }
    }

    @Test
    void theBinariesDirectoryKeepsItsTimeWhateverTheScriptDoes() throws Exception {
        // zonky unpacks everything again when anything beside its mark of a finished unpacking is newer than the mark.
        FileTime unpacked = FileTime.from(Instant.parse("2026-01-01T00:00:00Z"));
        Path directory = postgres.getParent();
        Files.setLastModifiedTime(directory, unpacked);

        ServerAllocator.install(binaries, DataSize.ofMegabytes(8));
        assertThat(Files.readString(postgres)).isEqualTo(ServerAllocator.script(DataSize.ofMegabytes(8)));
        assertThat(Files.getLastModifiedTime(directory)).isEqualTo(unpacked);
        ServerAllocator.install(binaries, DataSize.ofMegabytes(32));
        assertThat(Files.getLastModifiedTime(directory)).isEqualTo(unpacked);
        ServerAllocator.install(binaries, DataSize.ofBytes(0));
        assertThat(Files.readString(postgres)).isEqualTo(FAKE_SERVER);
        assertThat(Files.getLastModifiedTime(directory)).isEqualTo(unpacked);
    }

    @Test
    void zeroPutsTheBinaryBackInPlace() throws Exception {
        ServerAllocator.install(binaries, DataSize.ofMegabytes(8));
        ServerAllocator.install(binaries, DataSize.ofBytes(0));

        assertThat(Files.readString(postgres)).isEqualTo(FAKE_SERVER);
        assertThat(postgres.resolveSibling(ServerAllocator.REAL)).doesNotExist();
    }

    @Test
    void aMappingThresholdAboveWhatGlibcTakesIsCappedAndTheTrimThresholdIsNot() {
        assertThat(ServerAllocator.script(DataSize.ofMegabytes(64))).contains("glibc.malloc.trim_threshold=67108864",
                "glibc.malloc.mmap_threshold=33554432", "glibc.malloc.top_pad=8388608");
    }

    @Test
    void theScriptWithoutTheServerBesideItStopsTheStartSayingWhatToDo() throws Exception {
        ServerAllocator.install(binaries, DataSize.ofMegabytes(8));
        Files.delete(postgres.resolveSibling(ServerAllocator.REAL));

        assertThatThrownBy(() -> ServerAllocator.install(binaries, DataSize.ofMegabytes(8))).isInstanceOf(IOException.class)
                .hasMessageContaining("is missing").hasMessageContaining("unpacked again");
    }

    @Test
    void anOperatorsOwnScriptIsLeftAlone() throws Exception {
        Files.writeString(postgres, "#!/bin/sh\nexec /opt/pg/bin/postgres \"$@\"\n");

        ServerAllocator.install(binaries, DataSize.ofMegabytes(8));

        assertThat(Files.readString(postgres)).isEqualTo("#!/bin/sh\nexec /opt/pg/bin/postgres \"$@\"\n");
        assertThat(postgres.resolveSibling(ServerAllocator.REAL)).doesNotExist();
    }

    /** Runs {@code bin/postgres} with the arguments, a leading {@code NAME=value} going into its environment instead. */
    private String run(String... arguments) throws Exception {
        ProcessBuilder builder = new ProcessBuilder();
        builder.environment().remove("GLIBC_TUNABLES");
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(postgres.toString()));
        for (String argument : arguments) {
            if (command.size() == 1 && argument.matches("[A-Z_]+=.*")) {
                String[] pair = argument.split("=", 2);
                builder.environment().put(pair[0], pair[1]);
            } else {
                command.add(argument);
            }
        }
        Process process = builder.command(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
