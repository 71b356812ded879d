package io.temas.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Dovecot IMAP server of the benchmark's own: a generated configuration in a temporary
 * directory (its own loopback port, plain authentication against a generated passwd-file, one
 * Maildir per user), run in the foreground as a child process. Mail is written straight into the
 * Maildir. Dovecot is not installed by the driver: it must be there ({@code apt-get install -y
 * dovecot-imapd}).
 *
 * <p>Started by root, the master process keeps root (Dovecot needs it to change users) and every
 * process that touches mail runs as {@code nobody}; started by anyone else, everything runs as
 * that user.
 */
final class DovecotMailbox implements AutoCloseable {

    static final String BINARY = "/usr/sbin/dovecot";
    private static final String NOBODY = "65534";

    private final Path root;
    private final int port;
    private final String user;
    private final String password;
    private final Process process;
    private final boolean asRoot;

    private DovecotMailbox(Path root, int port, String user, String password, Process process, boolean asRoot) {
        this.root = root;
        this.port = port;
        this.user = user;
        this.password = password;
        this.process = process;
        this.asRoot = asRoot;
    }

    /** Fails with the command that installs Dovecot when it is missing. */
    static void requireInstalled() {
        if (!Files.isExecutable(Path.of(BINARY))) {
            throw new IllegalStateException("Dovecot is not installed (" + BINARY + " is missing); install it with:\n"
                    + "    sudo apt-get install -y dovecot-imapd\n"
                    + "(the benchmark starts a Dovecot of its own; the system service need not run)");
        }
    }

    /**
     * Writes the configuration and a Maildir for {@code user} holding {@code mails} (half of them
     * in {@code new/}, half already in {@code cur/} without flags, both unread), then starts
     * Dovecot and waits until it answers.
     */
    static DovecotMailbox start(String user, String password, List<byte[]> mails) throws Exception {
        requireInstalled();
        boolean asRoot = "0".equals(run("id", "-u").strip());
        String uid = asRoot ? NOBODY : run("id", "-u").strip();
        String gid = asRoot ? NOBODY : run("id", "-g").strip();
        String self = run("id", "-un").strip();
        String group = run("id", "-gn").strip();
        Path root = Files.createTempDirectory("temas-dovecot");
        int port = PackagedJar.freePort();
        Path maildir = root.resolve("mail").resolve(user);
        for (String dir : List.of("cur", "new", "tmp")) {
            Files.createDirectories(maildir.resolve(dir));
        }
        long now = System.currentTimeMillis() / 1000;
        for (int i = 0; i < mails.size(); i++) {
            byte[] mail = mails.get(i);
            // Names sort in delivery order, so Dovecot numbers the messages in that order.
            String base = "%d.M%06dP1.bench,S=%d".formatted(now, i, mail.length);
            Path file = i % 2 == 0 ? maildir.resolve("new").resolve(base) : maildir.resolve("cur").resolve(base + ":2,");
            Files.write(file, mail);
        }
        Files.writeString(root.resolve("passwd"), user + ":{PLAIN}" + password + "::::::\n");
        String config = """
                instance_name = temas-bench-%1$d
                base_dir = %2$s/run
                state_dir = %2$s/state
                log_path = %2$s/dovecot.log
                protocols = imap
                listen = 127.0.0.1
                ssl = no
                disable_plaintext_auth = no
                auth_mechanisms = plain
                mail_location = maildir:%2$s/mail/%%u
                first_valid_uid = 1
                last_valid_uid = 0
                first_valid_gid = 1
                default_internal_user = %3$s
                default_internal_group = %4$s
                default_login_user = %3$s
                passdb {
                  driver = passwd-file
                  args = scheme=PLAIN username_format=%%u %2$s/passwd
                }
                userdb {
                  driver = static
                  args = uid=%5$s gid=%6$s home=%2$s/home/%%u
                }
                service imap-login {
                  chroot =
                  inet_listener imap {
                    address = 127.0.0.1
                    port = %1$d
                  }
                  inet_listener imaps {
                    port = 0
                  }
                }
                service anvil {
                  chroot =
                }
                """.formatted(port, root, asRoot ? "nobody" : self, asRoot ? "nogroup" : group, uid, gid);
        Files.writeString(root.resolve("dovecot.conf"), config);
        if (asRoot) {
            // The mail processes run as nobody: they must reach the Maildir and own it.
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
            run("chown", "-R", NOBODY + ":" + NOBODY, root.resolve("mail").toString());
            Files.createDirectories(root.resolve("home").resolve(user));
            run("chown", "-R", NOBODY + ":" + NOBODY, root.resolve("home").toString());
        }
        Process process = new ProcessBuilder(BINARY, "-F", "-c", root.resolve("dovecot.conf").toString())
                .redirectErrorStream(true).redirectOutput(root.resolve("dovecot.out").toFile()).start();
        DovecotMailbox dovecot = new DovecotMailbox(root, port, user, password, process, asRoot);
        dovecot.awaitListening();
        return dovecot;
    }

    /**
     * Delivers more mail while Dovecot runs, as a mail server would: every file is written in
     * {@code tmp/} first and then renamed into {@code new/}, so Dovecot never sees half a message.
     * Returns once the last rename is done.
     */
    void deliver(String batch, List<byte[]> mails) throws IOException, InterruptedException {
        Path maildir = root.resolve("mail").resolve(user);
        long now = System.currentTimeMillis() / 1000;
        List<String> names = new ArrayList<>(mails.size());
        for (int i = 0; i < mails.size(); i++) {
            byte[] mail = mails.get(i);
            String base = "%d.M%06dP%s.bench,S=%d".formatted(now, i, batch, mail.length);
            Files.write(maildir.resolve("tmp").resolve(base), mail);
            names.add(base);
        }
        if (asRoot) {
            run("chown", "-R", NOBODY + ":" + NOBODY, maildir.resolve("tmp").toString());
        }
        for (String name : names) {
            Files.move(maildir.resolve("tmp").resolve(name), maildir.resolve("new").resolve(name));
        }
    }

    int port() {
        return port;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    /** Messages whose Maildir file carries the {@code S} (seen) flag. */
    long seen() throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("mail").resolve(user).resolve("cur"))) {
            return files.map(p -> p.getFileName().toString()).filter(name -> {
                int info = name.indexOf(":2,");
                return info >= 0 && name.substring(info + 3).contains("S");
            }).count();
        }
    }

    private void awaitListening() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Dovecot ended at start, exit " + process.exitValue() + ":\n" + log());
            }
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("Dovecot did not listen on " + port + " within 30 s:\n" + log());
    }

    String log() {
        List<String> lines = new ArrayList<>();
        for (String name : List.of("dovecot.out", "dovecot.log")) {
            try {
                lines.addAll(Files.readAllLines(root.resolve(name), StandardCharsets.UTF_8));
            } catch (IOException missing) {
                // not written
            }
        }
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    boolean runsAsRoot() {
        return asRoot;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }
}
