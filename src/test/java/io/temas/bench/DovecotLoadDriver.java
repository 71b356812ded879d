package io.temas.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * The IMAP fetcher against a real IMAP server: a Dovecot of the driver's own (see
 * {@link DovecotMailbox}) holding {@code bench.mails} messages written straight into its Maildir,
 * and the packaged Temas jar in a process of its own with one mailbox on it.
 *
 * <ol>
 *   <li><b>throughput</b>: messages per second from the moment Temas reports UP until every
 *   message is a committed receipt, and between the first and the last commit;</li>
 *   <li><b>kill</b>: the same on a fresh database and mailbox, but Temas is killed with SIGKILL
 *   once {@code bench.kill-after} messages are committed, started again on the same data
 *   directory, and afterwards every message must be exactly one committed receipt and one stored
 *   message, flagged {@code \Seen} in the Maildir, and the mailbox's mark on the last UID;</li>
 *   <li><b>backlog</b> (only when asked for): Temas first takes {@code bench.warmup-mails} messages and waits
 *   {@code bench.settle} seconds, then a mail server delivers {@code bench.mails} more into the running mailbox at once;
 *   messages per second from the delivery until every one of them is a committed receipt. This is a night's backlog
 *   reaching a Temas that has been running, its code compiled, rather than one that has just started.</li>
 * </ol>
 *
 * Counting goes straight to the embedded PostgreSQL (its port is fixed with
 * {@code TEMAS_EMBEDDED_PORT}, its password is in the data directory).
 */
public final class DovecotLoadDriver {

    private static final PrintStream OUT = System.out;
    private static final String MAILBOX = "fatura@ornek.com.tr";

    private final int mails = Integer.getInteger("bench.mails", 10_000);
    private final String parallelism = System.getProperty("bench.parallelism");
    private final long maxSeconds = Long.getLong("bench.max-seconds", 900);
    private final long seed = Long.getLong("bench.seed", 42);

    public static void main(String[] args) throws Exception {
        DovecotMailbox.requireInstalled();
        DovecotLoadDriver driver = new DovecotLoadDriver();
        String mode = System.getProperty("bench.mode", "both");
        OUT.printf("load before: %s%n", uptime());
        if (mode.equals("backlog")) {
            driver.backlog(Integer.getInteger("bench.warmup-mails", driver.mails), Long.getLong("bench.settle", 10));
            OUT.printf("load after: %s%n", uptime());
            return;
        }
        if (!mode.equals("kill")) {
            driver.throughput();
        }
        if (!mode.equals("throughput")) {
            driver.kill(Integer.getInteger("bench.kill-after", driver.mails / 3));
        }
        OUT.printf("load after: %s%n", uptime());
    }

    private void throughput() throws Exception {
        String run = "t" + Long.toHexString(System.nanoTime());
        try (DovecotMailbox dovecot = DovecotMailbox.start(MAILBOX, PackagedJar.secret(), generate(run));
             Temas temas = Temas.start(dovecot, parallelism, "temas.log")) {
            long up = System.nanoTime();
            OUT.printf("throughput: %,d messages in Dovecot (port %d), Temas UP after %.1f s, parallelism %s%n", mails, dovecot.port(),
                    temas.bootSeconds(), parallelism == null ? "default" : parallelism);
            int committed = awaitCommitted(temas, run, mails, up);
            double seconds = (System.nanoTime() - up) / 1e9;
            OUT.printf("throughput: %,d of %,d committed in %.1f s after UP = %.1f messages/s%n", committed, mails, seconds,
                    committed / seconds);
            try (Connection db = temas.database()) {
                OUT.printf("throughput: first to last commit %.1f s = %.1f messages/s%n", span(db, run), (committed - 1) / span(db, run));
                verify(db, dovecot, run);
            }
            OUT.printf("load at the end: %s%n", uptime());
        }
    }

    private void backlog(int warmup, long settleSeconds) throws Exception {
        String tag = Long.toHexString(System.nanoTime());
        String first = "w" + tag;
        String run = "b" + tag;
        try (DovecotMailbox dovecot = DovecotMailbox.start(MAILBOX, PackagedJar.secret(), generate(first, warmup, seed + 1, 1_000));
             Temas temas = Temas.start(dovecot, parallelism, "temas.log")) {
            long up = System.nanoTime();
            int warmed = awaitCommitted(temas, first, warmup, up);
            OUT.printf("backlog: Temas UP after %.1f s, parallelism %s; %,d warm-up messages committed %.1f s after UP%n",
                    temas.bootSeconds(), parallelism == null ? "default" : parallelism, warmed, (System.nanoTime() - up) / 1e9);
            Thread.sleep(TimeUnit.SECONDS.toMillis(settleSeconds));
            List<byte[]> backlog = generate(run, mails, seed, 1_000 + warmup);
            OUT.printf("backlog: load before the delivery: %s%n", uptime());
            Duration cpuBefore = temas.cpu();
            long start = System.nanoTime();
            dovecot.deliver(tag, backlog);
            double delivery = (System.nanoTime() - start) / 1e9;
            int committed = awaitCommitted(temas, run, mails, start);
            double seconds = (System.nanoTime() - start) / 1e9;
            Duration cpu = temas.cpu().minus(cpuBefore);
            OUT.printf("backlog: %,d messages delivered in %.2f s; %,d of them committed %.1f s after the delivery began = %.1f messages/s%n",
                    mails, delivery, committed, seconds, committed / seconds);
            OUT.printf("backlog: Temas JVM CPU meanwhile %.1f s = %.2f ms a message (PostgreSQL and Dovecot not counted)%n",
                    cpu.toMillis() / 1e3, (double) cpu.toMillis() / committed);
            awaitFlagged(dovecot, warmup + mails);
            try (Connection db = temas.database()) {
                OUT.printf("backlog: first to last commit %.1f s = %.1f messages/s%n", span(db, run), (committed - 1) / span(db, run));
                boolean ok = verify(db, dovecot, run, mails, warmup + mails);
                OUT.printf("backlog: %s%n", ok ? "every message is exactly one receipt and one stored message, all flagged"
                        : "FAILED: see the counts above");
            }
            OUT.printf("load at the end: %s%n", uptime());
        }
    }

    private void kill(int killAfter) throws Exception {
        String run = "k" + Long.toHexString(System.nanoTime());
        try (DovecotMailbox dovecot = DovecotMailbox.start(MAILBOX, PackagedJar.secret(), generate(run))) {
            Path data = Files.createTempDirectory("temas-dovecot-bench");
            try {
                Temas first = Temas.start(dovecot, parallelism, data, "temas-1.log");
                long up = System.nanoTime();
                awaitCommitted(first, run, killAfter, up);
                first.process.destroyForcibly();
                first.process.waitFor();
                int atKill;
                try (Connection db = first.database()) {
                    atKill = committed(db, run);
                }
                OUT.printf("kill: SIGKILL to Temas with %,d of %,d committed, %,d flagged in the Maildir%n", atKill, mails, dovecot.seen());
                try (Temas second = Temas.start(dovecot, parallelism, data, "temas-2.log")) {
                    long again = System.nanoTime();
                    int committed = awaitCommitted(second, run, mails, again);
                    OUT.printf("kill: after the restart %,d committed in %.1f s%n", committed, (System.nanoTime() - again) / 1e9);
                    awaitFlagged(dovecot, mails);
                    try (Connection db = second.database()) {
                        boolean ok = verify(db, dovecot, run);
                        OUT.printf("kill: %s%n", ok ? "every message is exactly one receipt and one stored message, all flagged"
                                : "FAILED: see the counts above");
                    }
                }
            } finally {
                delete(data);
            }
        }
    }

    private int awaitCommitted(Temas temas, String run, int target, long since) throws Exception {
        int committed = 0;
        long deadline = since + TimeUnit.SECONDS.toNanos(maxSeconds);
        while (committed < target && System.nanoTime() < deadline) {
            if (!temas.process.isAlive()) {
                throw new IllegalStateException("Temas ended, exit " + temas.process.exitValue());
            }
            Thread.sleep(100);
            try (Connection db = temas.database()) {
                committed = committed(db, run);
            } catch (SQLException notYet) {
                // the database is starting
            }
        }
        return committed;
    }

    /** Waits (30 s at most) until the Maildir holds {@code total} flagged files: the last commits are flagged by the flush after them. */
    private static void awaitFlagged(DovecotMailbox dovecot, int total) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (dovecot.seen() < total && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }

    /** Receipts, stored messages, conversations, quarantine, the mark and the Maildir's flags; true when all add up. */
    private boolean verify(Connection db, DovecotMailbox dovecot, String run) throws SQLException, IOException {
        return verify(db, dovecot, run, mails, mails);
    }

    /** The same for {@code mails} messages of {@code run} in a mailbox that has held {@code total} in all. */
    private static boolean verify(Connection db, DovecotMailbox dovecot, String run, int mails, int total) throws SQLException, IOException {
        String like = "'<" + run + "-%'";
        long receipts = single(db, "select count(*) from inbound_receipts where channel = 'email' and external_id like " + like);
        long committed = committed(db, run);
        long stored = single(db, "select count(*) from messages where external_id like " + like);
        long distinct = single(db, "select count(distinct external_id) from messages where external_id like " + like);
        long conversations = single(db, "select count(distinct conversation_id) from messages where external_id like " + like);
        long quarantined = single(db, "select count(*) from quarantine where external_id like " + like);
        long mark = single(db, "select coalesce(max(last_uid), -1) from mailbox_state where address = '" + MAILBOX + "'");
        long seen = dovecot.seen();
        OUT.printf("  receipts %,d (committed %,d), stored messages %,d (distinct ids %,d), conversations %,d, quarantined %,d,"
                + " mark UID %,d, flagged in the Maildir %,d of %,d%n", receipts, committed, stored, distinct, conversations, quarantined,
                mark, seen, total);
        return receipts == mails && committed == mails && stored == mails && distinct == mails && quarantined == 0 && mark == total
                && seen == total;
    }

    private static int committed(Connection db, String run) throws SQLException {
        return (int) single(db, "select count(*) from inbound_receipts where channel = 'email' and message_id is not null and external_id like '<"
                + run + "-%'");
    }

    private static double span(Connection db, String run) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
                "select extract(epoch from max(received_at) - min(received_at)) from inbound_receipts where external_id like '<" + run + "-%'")) {
            rs.next();
            return rs.getDouble(1);
        }
    }

    private static long single(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    // --- the mail ---

    private static final String[] SUBJECTS = {"Fatura itirazı", "Ödeme yapamıyorum", "Kartımdan iki kez çekim yapıldı",
            "Abonelik iptali", "Faturamı göremiyorum", "Otomatik ödeme talimatı"};
    private static final String[] BODIES = {"Merhaba,\n\nBu ayki faturamda anlamadığım bir kalem var. Yardımcı olur musunuz?\n\nTeşekkürler",
            "İyi günler, ödeme sayfasında hata alıyorum.\n\n-- \nAli", "Kartımdan iki kez ödeme alınmış, iadesini rica ediyorum.",
            "> Önceki mesajınız\n> alıntı\n\nAboneliğimi iptal etmek istiyorum."};

    private List<byte[]> generate(String run) throws MessagingException, IOException {
        return generate(run, mails, seed, 1_000);
    }

    /**
     * The messages, as the load driver's IMAP phase makes them: a third from 200 returning senders, the rest each from
     * a sender of its own, numbered from {@code firstNewSender}.
     */
    static List<byte[]> generate(String run, int mails, long seed, int firstNewSender) throws MessagingException, IOException {
        Random random = new Random(seed);
        Session session = Session.getInstance(new Properties());
        List<byte[]> out = new ArrayList<>(mails);
        for (int i = 0; i < mails; i++) {
            int sender = random.nextInt(3) == 0 ? random.nextInt(200) : firstNewSender + i;
            String messageId = "<" + run + "-" + i + "@bench.example.com>";
            MimeMessage message = new MimeMessage(session) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", messageId);
                }
            };
            message.setFrom(new InternetAddress("musteri" + sender + "@example.com.tr"));
            message.setRecipients(Message.RecipientType.TO, MAILBOX);
            message.setSubject(SUBJECTS[random.nextInt(SUBJECTS.length)], "UTF-8");
            message.setText(BODIES[random.nextInt(BODIES.length)], "UTF-8");
            message.saveChanges();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            message.writeTo(bytes);
            out.add(bytes.toByteArray());
        }
        return out;
    }

    // --- Temas ---

    /** The packaged jar in a process of its own, with the Dovecot mailbox configured. */
    private record Temas(Process process, Path data, int dbPort, boolean ownsData, double bootSeconds) implements AutoCloseable {

        static Temas start(DovecotMailbox dovecot, String parallelism, String log) throws Exception {
            return start(dovecot, parallelism, Files.createTempDirectory("temas-dovecot-bench"), log, true);
        }

        static Temas start(DovecotMailbox dovecot, String parallelism, Path data, String log) throws Exception {
            return start(dovecot, parallelism, data, log, false);
        }

        private static Temas start(DovecotMailbox dovecot, String parallelism, Path data, String log, boolean ownsData) throws Exception {
            int port = PackagedJar.freePort();
            int dbPort = PackagedJar.freePort();
            Map<String, String> env = new HashMap<>(System.getenv());
            env.putAll(Map.ofEntries(
                    Map.entry("TEMAS_DATA_DIR", data.toString()),
                    Map.entry("PORT", Integer.toString(port)),
                    Map.entry("TEMAS_EMBEDDED_PORT", Integer.toString(dbPort)),
                    Map.entry("TEMAS_DEMO_DATA", "true"),
                    Map.entry("TEMAS_BOOTSTRAP_ADMIN_PASSWORD", PackagedJar.secret()),
                    Map.entry("TEMAS_BOOTSTRAP_API_TOKEN", PackagedJar.secret()),
                    Map.entry("TEMAS_EMAIL_MAILBOXES_0_ADDRESS", MAILBOX),
                    Map.entry("TEMAS_EMAIL_MAILBOXES_0_QUEUE", "Fatura"),
                    Map.entry("TEMAS_EMAIL_MAILBOXES_0_IMAP_HOST", "127.0.0.1"),
                    Map.entry("TEMAS_EMAIL_MAILBOXES_0_IMAP_PORT", Integer.toString(dovecot.port())),
                    Map.entry("TEMAS_EMAIL_MAILBOXES_0_IMAP_SSL", "false"),
                    Map.entry("TEMAS_EMAIL_MAILBOXES_0_IMAP_USERNAME", dovecot.user()),
                    Map.entry("TEMAS_EMAIL_MAILBOXES_0_IMAP_PASSWORD", dovecot.password())));
            if (parallelism != null) {
                env.put("TEMAS_EMAIL_PARALLELISM", parallelism);
            }
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            command.addAll(PackagedJar.options("bench.jvm-args"));
            command.addAll(List.of("-jar", PackagedJar.jar().toString()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(data.resolve(log).toFile());
            builder.environment().clear();
            builder.environment().putAll(env);
            long start = System.nanoTime();
            Process process = builder.start();
            try {
                awaitHealth(process, "http://127.0.0.1:" + port);
            } catch (Exception e) {
                process.destroyForcibly();
                throw e;
            }
            return new Temas(process, data, dbPort, ownsData, (System.nanoTime() - start) / 1e9);
        }

        /**
         * Waits until the jar reports UP, {@code bench.boot-seconds} at most (a restart after
         * SIGKILL first stops the orphaned PostgreSQL and lets it recover, which on a busy machine
         * takes longer than a first start).
         */
        private static void awaitHealth(Process temas, String base) throws Exception {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            long limit = Long.getLong("bench.boot-seconds", 900);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(limit);
            while (System.nanoTime() < deadline) {
                if (!temas.isAlive()) {
                    throw new IllegalStateException("Temas stopped during start, exit " + temas.exitValue());
                }
                try {
                    java.net.http.HttpResponse<String> health = client.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(base + "/actuator/health")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
                    if (health.statusCode() == 200 && health.body().contains("UP")) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(250);
            }
            throw new IllegalStateException("Temas did not report UP within " + limit + " s");
        }

        /** CPU time the Temas JVM has used so far, all its threads. */
        Duration cpu() {
            return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
        }

        Connection database() throws SQLException, IOException {
            Properties props = new Properties();
            props.put("user", "postgres");
            props.put("password", Files.readString(data.resolve("postgres-password"), StandardCharsets.UTF_8).strip());
            props.put("connectTimeout", "5");
            return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + dbPort + "/postgres", props);
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
            if (ownsData) {
                delete(data);
            }
        }
    }

    private static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static String uptime() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
