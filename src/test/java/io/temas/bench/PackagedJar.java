package io.temas.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** What the drivers that run Temas as users do (the packaged jar in a process of its own) share. */
final class PackagedJar {

    private PackagedJar() {
    }

    /** The jar to run: {@code -Dbench.jar}, else the newest {@code target/temas-*.jar}. */
    static Path jar() throws IOException {
        String given = System.getProperty("bench.jar");
        if (given != null) {
            return Path.of(given);
        }
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("temas-.*\\.jar") && !p.toString().endsWith("-plain.jar"))
                    .max(Comparator.comparing(p -> p.toFile().lastModified()))
                    .orElseThrow(() -> new IllegalStateException("no target/temas-*.jar: run ./mvnw -DskipTests package first"));
        }
    }

    /** The blank-separated words of a system property ({@code bench.jvm-args}, {@code bench.server-args}); none when unset. */
    static List<String> options(String property) {
        String value = System.getProperty(property, "").strip();
        return value.isEmpty() ? List.of() : List.of(value.split("\\s+"));
    }

    /** A port nothing listens on now. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A fresh random secret (tokens, passwords, webhook keys) for one run. */
    static String secret() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Waits until the started jar reports UP (five minutes at most), failing at once if its process ends. */
    static void awaitHealth(Process temas, java.net.http.HttpClient http, String base) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (!temas.isAlive()) {
                throw new IllegalStateException("Temas stopped during start, exit " + temas.exitValue());
            }
            try {
                java.net.http.HttpResponse<String> health = http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(base + "/actuator/health")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("UP")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Temas did not report UP within 5 minutes");
    }
}
