package io.temas.bench;

import io.temas.TemasApplication;
import io.temas.bench.ConsoleTexts.Topic;
import io.temas.console.ConsoleUsers;
import io.temas.console.Role;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Fills a Temas database with a production-sized history for the agent console's scale test:
 * by default one million conversations, five million messages, 300 thousand customers with their
 * identities, and timeline entries for the last half year.
 *
 * <p>Three steps:
 * <ol>
 *   <li>Boots the application once on {@code temas.data-dir} with the demo organisation, so Flyway
 *       creates the schema and the demo queues, agents and SLA policies exist; reads their ids; creates
 *       console users for the demo agents and the supervisor {@code selin} (password {@code temas-demo})
 *       where they are missing. Refuses a database that already holds conversations.</li>
 *   <li>Starts the embedded PostgreSQL on the same directory without the application, drops the
 *       secondary indexes and the foreign keys of the five tables it fills, and streams the rows with
 *       binary {@code COPY} (customers and identities together, then conversations, then messages and
 *       timeline entries together).</li>
 *   <li>Adds the foreign keys back (PostgreSQL checks every row while doing so), rebuilds the indexes,
 *       moves {@code conversation_reference_seq} past the last reference, and runs {@code VACUUM (ANALYZE)}.</li>
 * </ol>
 * Everything is drawn from seeded random sources per row, so a seed gives the same database
 * (relative to {@code bench.now}).
 *
 * <p>System properties (all optional):
 * <pre>
 * temas.data-dir         where the database lives                 (./bench-data)
 * bench.conversations    conversations                            (1000000)
 * bench.messages         messages, exactly; 1 to 12 per conversation (5000000)
 * bench.customers        customers                                (300000)
 * bench.timeline-days    timeline entries for conversations opened in
 *                        the last this many days                  (180)
 * bench.seed             seed                                     (42)
 * bench.now              the generator's "now", ISO instant       (the current time)
 * </pre>
 */
public final class ConsoleDataGenerator {

    private static final long MINUTE = 60_000L;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;
    private static final int HOT_CUSTOMERS = 1000;
    private static final String DEMO_PASSWORD = "temas-demo";
    private static final String[] QUEUE_NAMES = {"Fatura", "Teknik Destek", "Genel"};
    private static final List<String> LOADED_TABLES = List.of("customers", "identities", "conversations", "messages", "timeline_entries");

    private static final byte IN = 0;
    private static final byte OUT = 1;
    private static final byte ACK = 2;
    private static final byte NOTE = 3;

    private static final int STREAM_CUSTOMER = 1;
    private static final int STREAM_COUNT = 2;
    private static final int STREAM_CONVERSATION = 3;
    private static final int STREAM_MESSAGE = 4;
    private static final int STREAM_ADJUST = 5;

    private static final String[] LANGUAGES = {"tr", "en", "az"};
    private static final String[] DOMAINS = {"example.com.tr", "example.com", "example.net", "example.org"};
    private static final String[][] SEGMENTS = {{"bireysel"}, {"kurumsal"}, {"premium"}, {"bireysel", "kampanya"}};
    private static final String[] TAGS = {"iade", "şikayet", "kampanya", "arıza", "tekrar-eden", "acil"};
    private static final DateTimeFormatter ACK_TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm").withZone(ZoneId.of("Europe/Istanbul"));

    private final PrintStream out = System.out;
    private final Path dataDir;
    private final int conversations;
    private final long messages;
    private final int customers;
    private final int timelineDays;
    private final long seed;
    private final long now;
    private final long start;
    private final long span;

    // Read from the database after the demo organisation loaded.
    private final UUID[] queueIds = new UUID[3];
    private final List<List<AgentRow>> queueAgents = new ArrayList<>();
    private long referenceBase;

    // Customers, kept for the conversations that refer to them.
    private long[] customerMsb;
    private long[] customerLsb;
    private long[] customerCreated;
    private short[] customerFirst;
    private short[] customerLast;
    private byte[] customerLanguage;
    private byte[] customerDomain;
    private boolean[] customerVip;
    private byte[] messageCounts;

    record AgentRow(UUID id, String username, String displayName, int weight) {
    }

    private ConsoleDataGenerator() {
        dataDir = Path.of(System.getProperty("temas.data-dir", "./bench-data")).toAbsolutePath().normalize();
        conversations = (int) bounded("bench.conversations", 1_000_000, 1, 20_000_000);
        messages = bounded("bench.messages", 5L * conversations, conversations, 12L * conversations);
        customers = (int) bounded("bench.customers", Math.max(1, conversations * 3L / 10), 1, conversations);
        timelineDays = (int) bounded("bench.timeline-days", 180, 0, 3 * 366);
        seed = Long.getLong("bench.seed", 42L);
        String fixedNow = System.getProperty("bench.now");
        now = (fixedNow == null || fixedNow.isBlank() ? Instant.now() : Instant.parse(fixedNow.trim()))
                .truncatedTo(ChronoUnit.SECONDS).toEpochMilli();
        start = now - 3 * 365 * DAY;
        span = now - start - 10 * MINUTE;
    }

    public static void main(String[] args) throws Exception {
        new ConsoleDataGenerator().run();
    }

    private void run() throws Exception {
        out.printf("%nTemas console data generator%n");
        out.printf("  data directory %s%n", dataDir);
        out.printf("  %,d conversations, %,d messages, %,d customers, timeline for the last %d days, seed %d, now %s%n%n",
                conversations, messages, customers, timelineDays, seed, Instant.ofEpochMilli(now));
        long t0 = System.nanoTime();
        prepareWithApplication();
        out.printf("schema, demo organisation and console users ready (%.1f s)%n", (System.nanoTime() - t0) / 1e9);

        planMessageCounts();
        Files.createDirectories(dataDir.resolve("postgres-bin"));
        try (EmbeddedPostgres postgres = startDatabase()) {
            DataSource dataSource = postgres.getPostgresDatabase();
            try (Connection a = dataSource.getConnection(); Connection b = dataSource.getConnection()) {
                a.setAutoCommit(true);
                b.setAutoCommit(true);
                long loadStart = System.nanoTime();
                List<String> restore = dropIndexesAndForeignKeys(a);
                long rows = 0;
                try {
                    rows += loadCustomers(a, b);
                    rows += loadConversations(a);
                    rows += loadMessagesAndTimeline(a, b);
                } finally {
                    restore(a, restore);
                }
                long loaded = System.nanoTime() - loadStart;
                out.printf("%nloaded %,d rows in %.1f s including foreign keys and indexes: %,.0f rows/s%n", rows, loaded / 1e9,
                        rows / (loaded / 1e9));
                finish(a);
            }
        }
        out.printf("%ndone in %.1f s; the console page driver reuses this directory:%n"
                        + "  ./mvnw -Pbench -q test-compile exec:java -Dexec.mainClass=io.temas.bench.ConsolePageDriver -Dtemas.data-dir=%s%n",
                (System.nanoTime() - t0) / 1e9, System.getProperty("temas.data-dir", "./bench-data"));
    }

    // ---------------------------------------------------------------- step 1: the application

    private void prepareWithApplication() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("spring.main.banner-mode", "off");
        defaults.put("logging.level.root", "WARN");
        defaults.put("logging.level.org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration", "ERROR");
        defaults.put("temas.durable", "false");
        ConfigurableApplicationContext app = new SpringApplicationBuilder(TemasApplication.class)
                .properties(defaults)
                .logStartupInfo(false)
                .run("--temas.data-dir=" + dataDir, "--temas.ephemeral=false", "--temas.demo-data=true", "--temas.demo-conversations=false", "--server.port=0",
                        "--server.address=127.0.0.1");
        try {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            long existing = jdbc.sql("select count(*) from conversations").query(Long.class).single();
            if (existing > 0) {
                throw new IllegalStateException("The database in " + dataDir + " already holds " + existing
                        + " conversations; generate into an empty temas.data-dir.");
            }
            Map<String, UUID> queues = new HashMap<>();
            jdbc.sql("select id, name from queues").query((rs, n) -> queues.put(rs.getString(2), rs.getObject(1, UUID.class))).list();
            for (int q = 0; q < QUEUE_NAMES.length; q++) {
                queueIds[q] = queues.get(QUEUE_NAMES[q]);
                if (queueIds[q] == null) {
                    throw new IllegalStateException("Queue '" + QUEUE_NAMES[q] + "' of the demo organisation is missing");
                }
                queueAgents.add(new ArrayList<>());
            }
            Map<String, Integer> weights = Map.of("ayse", 3, "mehmet", 3, "zeynep", 3);
            Map<String, String> names = new LinkedHashMap<>();
            jdbc.sql("""
                            select a.id, a.username, a.display_name, q.name from agents a
                            join agent_queues aq on aq.agent_id = a.id join queues q on q.id = aq.queue_id order by a.username""")
                    .query((rs, n) -> {
                        int q = List.of(QUEUE_NAMES).indexOf(rs.getString(4));
                        if (q >= 0) {
                            String username = rs.getString(2);
                            queueAgents.get(q).add(new AgentRow(rs.getObject(1, UUID.class), username, rs.getString(3),
                                    weights.getOrDefault(username, 2)));
                            names.put(username, rs.getString(3));
                        }
                        return null;
                    }).list();
            for (int q = 0; q < QUEUE_NAMES.length; q++) {
                if (queueAgents.get(q).isEmpty()) {
                    throw new IllegalStateException("Queue '" + QUEUE_NAMES[q] + "' has no agents");
                }
            }
            referenceBase = jdbc.sql("select case when is_called then last_value + 1 else last_value end from conversation_reference_seq")
                    .query(Long.class).single();

            ConsoleUsers users = app.getBean(ConsoleUsers.class);
            names.forEach((username, name) -> {
                if (!users.exists(username)) {
                    users.save(username, name, Role.AGENT, DEMO_PASSWORD);
                }
            });
            if (!users.exists("selin")) {
                users.save("selin", "Selin Aksoy", Role.SUPERVISOR, DEMO_PASSWORD);
            }
            out.printf("  queues %s; agents %s%n", String.join(", ", QUEUE_NAMES), String.join(", ", names.keySet()));
        } finally {
            app.close();
        }
    }

    // ---------------------------------------------------------------- step 2: the database on its own

    private EmbeddedPostgres startDatabase() throws java.io.IOException {
        return EmbeddedPostgres.builder()
                .setRegisterShutdownHook(false)
                .setDataDirectory(dataDir.resolve("postgres"))
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(dataDir.resolve("postgres-bin").toFile())
                // Temas locked the database to its role and password on its start in step 1.
                .setConnectConfig("password", Files.readString(dataDir.resolve("postgres-password")).strip())
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("unix_socket_directories", "")
                .setServerConfig("max_connections", "200")
                .setServerConfig("shared_buffers", "256MB")
                .setServerConfig("max_wal_size", "4GB")
                .setServerConfig("checkpoint_timeout", "30min")
                .setServerConfig("maintenance_work_mem", "512MB")
                .setServerConfig("autovacuum", "off")
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .start();
    }

    /** Drops what slows a bulk load down; answers the statements that put it back. */
    private List<String> dropIndexesAndForeignKeys(Connection c) throws SQLException {
        List<String> restore = new ArrayList<>();
        List<String> drops = new ArrayList<>();
        String tables = "array['" + String.join("','", LOADED_TABLES) + "']";
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select conrelid::regclass::text, conname, pg_get_constraintdef(oid) from pg_constraint "
                     + "where contype = 'f' and conrelid::regclass::text = any(" + tables + ") order by 1, 2")) {
            while (rs.next()) {
                drops.add("alter table " + rs.getString(1) + " drop constraint " + rs.getString(2));
                restore.add("alter table " + rs.getString(1) + " add constraint " + rs.getString(2) + " " + rs.getString(3));
            }
        }
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) from pg_index i "
                     + "where i.indrelid::regclass::text = any(" + tables + ") "
                     + "and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid) order by 1")) {
            while (rs.next()) {
                drops.add("drop index " + rs.getString(1));
                restore.add(rs.getString(2));
            }
        }
        try (Statement s = c.createStatement()) {
            for (String drop : drops) {
                s.execute(drop);
            }
        }
        out.printf("dropped %d foreign keys and secondary indexes for the load%n", drops.size());
        return restore;
    }

    private void restore(Connection c, List<String> statements) throws SQLException {
        out.printf("%nforeign keys (checked over all rows) and indexes%n");
        try (Statement s = c.createStatement()) {
            for (String sql : statements) {
                long t = System.nanoTime();
                s.execute(sql);
                out.printf("  %6.1f s  %s%n", (System.nanoTime() - t) / 1e9, abbreviate(sql, 150));
            }
        }
    }

    private void finish(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            long last = referenceBase + conversations - 1;
            s.execute("select setval('conversation_reference_seq', " + last + ", true)");
            long t = System.nanoTime();
            s.execute("vacuum (analyze)");
            out.printf("VACUUM (ANALYZE) %.1f s; conversation_reference_seq now at T-%d%n", (System.nanoTime() - t) / 1e9, last);
            s.execute("checkpoint");
            out.printf("%n%-22s %12s %10s %10s %10s%n", "table", "rows", "table MiB", "index MiB", "total MiB");
            try (ResultSet rs = s.executeQuery("""
                    select c.relname, c.reltuples::bigint, pg_table_size(c.oid), pg_indexes_size(c.oid), pg_total_relation_size(c.oid)
                    from pg_class c join pg_namespace n on n.oid = c.relnamespace
                    where n.nspname = 'public' and c.relkind = 'r' and pg_total_relation_size(c.oid) > 1048576
                    order by pg_total_relation_size(c.oid) desc""")) {
                while (rs.next()) {
                    out.printf("%-22s %,12d %,10d %,10d %,10d%n", rs.getString(1), rs.getLong(2), rs.getLong(3) >> 20, rs.getLong(4) >> 20,
                            rs.getLong(5) >> 20);
                }
            }
            try (ResultSet rs = s.executeQuery("select pg_database_size(current_database())")) {
                rs.next();
                out.printf("database size %,d MiB%n", rs.getLong(1) >> 20);
            }
            try (ResultSet rs = s.executeQuery("""
                    select count(*) filter (where status = 'open'), count(*) filter (where status = 'pending'),
                           count(*) filter (where status = 'open' and assignee_id is null),
                           count(*) filter (where status in ('open', 'pending') and sla_due < now()),
                           count(*) filter (where status in ('open', 'pending') and sla_due = 'infinity')
                    from conversations""")) {
                rs.next();
                out.printf("live conversations: %,d open (%,d unassigned), %,d pending; %,d past their SLA deadline, %,d without one%n",
                        rs.getLong(1), rs.getLong(3), rs.getLong(2), rs.getLong(4), rs.getLong(5));
            }
            try (ResultSet rs = s.executeQuery("""
                    select a.username, count(*) filter (where c.status in ('open', 'pending')), count(*)
                    from conversations c join agents a on a.id = c.assignee_id group by a.username order by 1""")) {
                while (rs.next()) {
                    out.printf("  %-8s %,7d live, %,9d in all%n", rs.getString(1), rs.getLong(2), rs.getLong(3));
                }
            }
        }
    }

    // ---------------------------------------------------------------- customers and identities

    private long loadCustomers(Connection a, Connection b) throws SQLException {
        customerMsb = new long[customers];
        customerLsb = new long[customers];
        customerCreated = new long[customers];
        customerFirst = new short[customers];
        customerLast = new short[customers];
        customerLanguage = new byte[customers];
        customerDomain = new byte[customers];
        customerVip = new boolean[customers];
        long t = System.nanoTime();
        try (BinaryCopy rows = new BinaryCopy(a, "customers", "id, display_name, language, vip, segments, created_at, updated_at");
             BinaryCopy ids = new BinaryCopy(b, "identities", "id, customer_id, type, value, original, verified, created_at")) {
            for (int j = 0; j < customers; j++) {
                SplittableRandom r = random(STREAM_CUSTOMER, j);
                long created = start + (long) ((double) j * span * 0.95 / customers);
                UUID id = uuid7(created, r);
                customerMsb[j] = id.getMostSignificantBits();
                customerLsb[j] = id.getLeastSignificantBits();
                customerCreated[j] = created;
                customerFirst[j] = (short) r.nextInt(ConsoleTexts.FIRST_NAMES.length);
                customerLast[j] = (short) r.nextInt(ConsoleTexts.LAST_NAMES.length);
                double u = r.nextDouble();
                customerLanguage[j] = (byte) (u < 0.9 ? 0 : u < 0.95 ? 1 : 2);
                customerDomain[j] = (byte) r.nextInt(DOMAINS.length);
                customerVip[j] = r.nextDouble() < 0.02;
                double s = r.nextDouble();
                String[] segments = customerVip[j] ? SEGMENTS[2] : s < 0.78 ? SEGMENTS[0] : s < 0.93 ? SEGMENTS[1] : SEGMENTS[3];
                long updated = created + (long) (r.nextDouble() * (now - created));
                rows.row(7).uuid(id).text(customerName(j)).text(LANGUAGES[customerLanguage[j]]).bool(customerVip[j])
                        .textArray(segments).timestamp(created).timestamp(updated);

                boolean email = r.nextDouble() < 0.85;
                boolean phone = r.nextDouble() < 0.6 || !email;
                if (email) {
                    String value = email(j);
                    String original = r.nextInt(4) == 0 ? ConsoleTexts.capitalise(value) : value;
                    ids.row(7).uuid(uuid7(created, r)).uuid(id).text("email").text(value).text(original).bool(r.nextDouble() < 0.4)
                            .timestamp(created);
                }
                if (phone) {
                    String value = phone(j);
                    String original = "0" + value.substring(3, 6) + " " + value.substring(6, 9) + " " + value.substring(9, 11) + " "
                            + value.substring(11);
                    ids.row(7).uuid(uuid7(created, r)).uuid(id).text("phone").text(value).text(original).bool(false)
                            .timestamp(created + r.nextInt(1000));
                }
                if (r.nextDouble() < 0.08) {
                    String value = cookie(j);
                    ids.row(7).uuid(uuid7(created, r)).uuid(id).text("cookie").text(value).text(value).bool(false).timestamp(created);
                }
                if (r.nextDouble() < 0.05) {
                    String value = social(j);
                    ids.row(7).uuid(uuid7(created, r)).uuid(id).text("social").text(value).text(value).bool(false).timestamp(created);
                }
            }
            long c = rows.finish();
            long i = ids.finish();
            report("customers + identities", c + i, t);
            out.printf("    customers %,d, identities %,d%n", c, i);
            return c + i;
        }
    }

    private String customerName(int j) {
        return ConsoleTexts.FIRST_NAMES[customerFirst[j]] + " " + ConsoleTexts.LAST_NAMES[customerLast[j]];
    }

    private String email(int j) {
        return ConsoleTexts.slug(ConsoleTexts.FIRST_NAMES[customerFirst[j]]) + "." + ConsoleTexts.slug(ConsoleTexts.LAST_NAMES[customerLast[j]])
                + "." + j + "@" + DOMAINS[customerDomain[j]];
    }

    private static String phone(int j) {
        return "+90" + (5_300_000_000L + j);
    }

    private static String cookie(int j) {
        return "ck-" + Long.toHexString(mix(j * 31L + 7) & 0xFFFF_FFFF_FFFFL) + Integer.toString(j, 36);
    }

    private String social(int j) {
        return "instagram:" + ConsoleTexts.slug(ConsoleTexts.FIRST_NAMES[customerFirst[j]]) + "_" + j;
    }

    private UUID customerId(int j) {
        return new UUID(customerMsb[j], customerLsb[j]);
    }

    // ---------------------------------------------------------------- conversations

    /** Messages per conversation: 1 to 12, mostly few, some long threads; then nudged to the exact total. */
    private void planMessageCounts() {
        messageCounts = new byte[conversations];
        long total = 0;
        for (int i = 0; i < conversations; i++) {
            SplittableRandom r = random(STREAM_COUNT, i);
            int k;
            if (r.nextDouble() < 0.15) {
                k = 6 + r.nextInt(7);
            } else {
                k = 1;
                for (int b = 0; b < 11; b++) {
                    if (r.nextDouble() < 0.3) {
                        k++;
                    }
                }
            }
            messageCounts[i] = (byte) k;
            total += k;
        }
        SplittableRandom adjust = random(STREAM_ADJUST, 0);
        while (total != messages) {
            int i = adjust.nextInt(conversations);
            if (total < messages && messageCounts[i] < 12) {
                messageCounts[i]++;
                total++;
            } else if (total > messages && messageCounts[i] > 1) {
                messageCounts[i]--;
                total--;
            }
        }
    }

    /** Everything about one conversation except its texts; the same index always gives the same plan. */
    static final class Plan {
        int index;
        UUID id;
        String reference;
        int customer;
        String channel;
        String entryPoint;
        Topic topic;
        int queue;
        String priority;
        String[] skills;
        String rule;
        String reason;
        String status;
        AgentRow assignee;
        AgentRow author;
        long assignedAt;
        String campaign;
        String medium;
        boolean customerWasNew;
        String chatSession;
        String language;
        String subject;
        String[] tags;
        long created;
        long lastMessageAt;
        long firstResponseDue;
        long resolutionDue;
        long firstRespondedAt;
        long resolvedAt;
        boolean firstResponseBreached;
        boolean resolutionBreached;
        long lastAckAt;
        int count;
        byte[] kinds = new byte[12];
        long[] times = new long[12];
    }

    private Plan plan(int i, Plan p) {
        SplittableRandom r = random(STREAM_CONVERSATION, i);
        p.index = i;
        p.created = start + (long) ((i + r.nextDouble()) * span / conversations);
        p.id = uuid7(p.created, r);
        p.reference = "T-" + (referenceBase + i);

        double u = r.nextDouble();
        p.channel = u < 0.45 ? "email" : u < 0.65 ? "chat" : u < 0.80 ? "sms" : u < 0.90 ? "voice" : "social";
        p.campaign = null;
        p.medium = null;
        double t = r.nextDouble();
        Topic keywordTopic = t < 0.3 ? Topic.BILLING : t < 0.6 ? Topic.TECHNICAL : Topic.GENERAL;
        boolean byEntryPoint = false;
        switch (p.channel) {
            case "email" -> {
                double e = r.nextDouble();
                byEntryPoint = true;
                if (e < 0.35) {
                    p.entryPoint = "fatura@ornek.com.tr";
                    p.topic = Topic.BILLING;
                } else if (e < 0.70) {
                    p.entryPoint = "destek@ornek.com.tr";
                    p.topic = Topic.TECHNICAL;
                } else if (e < 0.92) {
                    p.entryPoint = "bilgi@ornek.com.tr";
                    p.topic = Topic.GENERAL;
                } else {
                    p.entryPoint = "kampanya@ornek.com.tr";
                    p.topic = Topic.GENERAL;
                    p.campaign = "KIS2026";
                    p.medium = "email";
                }
            }
            case "chat" -> {
                p.entryPoint = "web-sohbet";
                p.topic = keywordTopic;
            }
            case "sms" -> {
                if (r.nextDouble() < 0.1) {
                    p.entryPoint = "KIS2026";
                    p.campaign = "KIS2026";
                    p.medium = "sms";
                    p.topic = Topic.GENERAL;
                } else {
                    p.entryPoint = "+908502220000";
                    p.topic = keywordTopic;
                }
            }
            case "voice" -> {
                p.entryPoint = "+908502220000";
                p.topic = keywordTopic == Topic.BILLING ? Topic.GENERAL : keywordTopic;
            }
            default -> {
                p.entryPoint = "instagram";
                p.topic = keywordTopic;
            }
        }

        double f = (double) (p.created - start) / span;
        int reach = (int) Math.max(1, Math.min(customers, f / 0.95 * customers));
        p.customer = r.nextDouble() < 0.06 ? r.nextInt(Math.min(HOT_CUSTOMERS, reach)) : r.nextInt(reach);
        p.language = LANGUAGES[customerLanguage[p.customer]];
        p.customerWasNew = r.nextDouble() < 0.15;

        double pr = r.nextDouble();
        p.priority = pr < 0.05 ? "low" : pr < 0.93 ? "normal" : pr < 0.98 ? "high" : "urgent";
        if (customerVip[p.customer]) {
            p.queue = 2;
            p.priority = "high";
            p.skills = new String[] {"vip"};
            p.rule = "VIP müşteriler öncelikli";
            p.reason = "the customer is VIP";
        } else if (!byEntryPoint && p.topic == Topic.BILLING) {
            p.queue = 0;
            p.skills = new String[] {"billing"};
            p.rule = "Kısa kanallarda fatura soruları";
            p.reason = "the text mentions 'fatura'";
        } else if (!byEntryPoint && p.topic == Topic.TECHNICAL) {
            p.queue = 1;
            p.skills = new String[] {"technical"};
            p.rule = "Kısa kanallarda teknik sorunlar";
            p.reason = "the text mentions 'bağlantı'";
        } else {
            p.queue = p.topic.ordinal();
            p.skills = new String[0];
            p.rule = null;
            p.reason = "no rule matched; entry point " + p.entryPoint + " belongs to queue " + QUEUE_NAMES[p.queue];
        }

        long age = now - p.created;
        boolean live = age < 60 * DAY ? r.nextDouble() < 0.6 : r.nextDouble() < 0.018;
        p.status = live ? (r.nextDouble() < 0.6 ? "open" : "pending") : age < 30 * DAY ? "resolved" : "closed";
        int k = messageCounts[i];
        if (k == 1 && p.status.equals("pending")) {
            p.status = "open";
        }
        p.count = k;
        boolean answered = !p.status.equals("open") || r.nextDouble() < 0.5;
        boolean shortChannel = !p.channel.equals("email");
        byte[] kinds = p.kinds;
        kinds[0] = IN;
        byte previous = IN;
        for (int j = 1; j < k; j++) {
            byte kind;
            if (j == 1 && (p.channel.equals("email") || p.channel.equals("sms")) && r.nextDouble() < 0.7) {
                kind = ACK;
            } else if (r.nextDouble() < 0.1) {
                kind = NOTE;
            } else if (previous == IN) {
                kind = answered ? OUT : IN;
            } else {
                kind = IN;
            }
            kinds[j] = kind;
            if (kind == IN || kind == OUT) {
                previous = kind;
            }
        }
        if (k > 1 && p.status.equals("open")) {
            kinds[k - 1] = IN;
        } else if (k > 1 && p.status.equals("pending")) {
            kinds[k - 1] = OUT;
        }
        if (!answered) {
            for (int j = 0; j < k; j++) {
                if (kinds[j] == OUT) {
                    kinds[j] = IN;
                }
            }
        }

        // When the messages were written.
        long end;
        if (live) {
            long anchor = now - (long) (exponential(r) * 36 * HOUR);
            if (anchor <= p.created + k * 1000L) {
                anchor = p.created + (now - p.created) / 2;
            }
            end = anchor;
            if (p.status.equals("pending")) {
                end = Math.min(now - 1000, anchor + (long) (exponential(r) * 30 * MINUTE));
            }
        } else {
            double mean = switch (p.channel) {
                case "chat" -> 25 * MINUTE;
                case "voice" -> 10 * MINUTE;
                case "sms" -> 6 * HOUR;
                default -> 20 * HOUR;
            };
            end = p.created + Math.max(k * 60_000L, (long) (exponential(r) * mean));
            end = Math.min(end, now - 2 * MINUTE);
        }
        long[] times = p.times;
        times[0] = p.created;
        int from = 1;
        if (k > 1 && kinds[1] == ACK) {
            times[1] = p.created + 1000 + r.nextInt(20_000);
            from = 2;
        }
        long base = times[from - 1];
        long length = Math.max(0, end - base);
        for (int j = from; j < k; j++) {
            times[j] = j == k - 1 ? Math.max(end, base + 1) : base + 1 + (long) (length * (j - from + r.nextDouble()) / (k - from));
        }
        p.firstRespondedAt = BinaryCopy.NO_TIME;
        p.lastAckAt = BinaryCopy.NO_TIME;
        p.lastMessageAt = p.created;
        for (int j = 0; j < k; j++) {
            if (kinds[j] == OUT && p.firstRespondedAt == BinaryCopy.NO_TIME) {
                p.firstRespondedAt = times[j];
            } else if (kinds[j] == ACK) {
                p.lastAckAt = times[j];
            } else if (kinds[j] == IN) {
                p.lastMessageAt = Math.max(p.lastMessageAt, times[j]);
            }
        }

        // SLA: live conversations have deadlines from two days past to three days ahead; the others
        // were measured against the policy of their channel and priority.
        long[] policy = policyMinutes(p.channel, p.priority);
        boolean withoutSla = r.nextDouble() < 0.04;
        if (withoutSla) {
            p.firstResponseDue = BinaryCopy.NO_TIME;
            p.resolutionDue = BinaryCopy.NO_TIME;
        } else if (live) {
            long target = now + (long) ((r.nextDouble() * 120 - 48) * HOUR);
            if (p.firstRespondedAt == BinaryCopy.NO_TIME) {
                p.firstResponseDue = target;
                p.resolutionDue = target + (policy[1] - policy[0]) * MINUTE;
            } else {
                p.firstResponseDue = p.created + policy[0] * MINUTE;
                p.resolutionDue = target;
            }
        } else {
            p.firstResponseDue = p.created + policy[0] * MINUTE;
            p.resolutionDue = p.created + policy[1] * MINUTE;
        }
        if (live) {
            p.resolvedAt = BinaryCopy.NO_TIME;
        } else {
            p.resolvedAt = Math.min(now - MINUTE, times[k - 1] + (long) (exponential(r) * 10 * MINUTE));
        }
        long checkedAt = live ? now : p.resolvedAt;
        if (withoutSla) {
            p.firstResponseBreached = false;
            p.resolutionBreached = false;
        } else {
            p.firstResponseBreached = p.firstRespondedAt == BinaryCopy.NO_TIME ? p.firstResponseDue < checkedAt
                    : p.firstRespondedAt > p.firstResponseDue;
            p.resolutionBreached = p.resolutionDue < checkedAt;
        }

        // Who has it.
        double assignedShare = p.status.equals("open") ? 0.65 : p.status.equals("pending") ? 0.95 : 0.97;
        p.author = weighted(r, queueAgents.get(p.queue));
        p.assignee = r.nextDouble() < assignedShare ? p.author : null;
        if (p.assignee != null) {
            long latest = p.firstRespondedAt != BinaryCopy.NO_TIME ? p.firstRespondedAt : Math.max(p.created, now - MINUTE);
            p.assignedAt = Math.min(latest, p.created + (long) (exponential(r) * 5 * MINUTE));
        } else {
            p.assignedAt = BinaryCopy.NO_TIME;
        }

        p.subject = p.channel.equals("email") ? ConsoleTexts.subject(r, p.topic) : null;
        p.chatSession = p.channel.equals("chat") ? "cs-" + Long.toHexString(p.id.getLeastSignificantBits() & 0xFFFF_FFFF_FFFFL) : null;
        if (r.nextDouble() < 0.08) {
            String first = ConsoleTexts.pick(r, TAGS);
            String second = ConsoleTexts.pick(r, TAGS);
            p.tags = first.equals(second) || r.nextBoolean() ? new String[] {first} : new String[] {first, second};
        } else {
            p.tags = new String[0];
        }
        return p;
    }

    /** First response and resolution minutes of the demo organisation's SLA policies. */
    private static long[] policyMinutes(String channel, String priority) {
        boolean high = priority.equals("high") || priority.equals("urgent");
        return switch (channel) {
            case "chat" -> high ? new long[] {1, 30} : new long[] {2, 60};
            case "voice" -> new long[] {15, 240};
            case "sms", "social" -> new long[] {60, 24 * 60};
            default -> priority.equals("urgent") ? new long[] {30, 8 * 60} : high ? new long[] {60, 24 * 60} : new long[] {4 * 60, 3 * 24 * 60};
        };
    }

    private static AgentRow weighted(SplittableRandom r, List<AgentRow> agents) {
        int total = 0;
        for (AgentRow a : agents) {
            total += a.weight();
        }
        int x = r.nextInt(total);
        for (AgentRow a : agents) {
            x -= a.weight();
            if (x < 0) {
                return a;
            }
        }
        return agents.getLast();
    }

    private long loadConversations(Connection c) throws SQLException {
        long t = System.nanoTime();
        Plan p = new Plan();
        try (BinaryCopy rows = new BinaryCopy(c, "conversations", """
                id, reference, customer_id, channel, entry_point, subject, status, priority, queue_id, required_skills, routing_rule,
                routing_reason, assignee_id, assigned_at, campaign, medium, customer_was_new, chat_session, language, first_response_due,
                resolution_due, first_responded_at, resolved_at, first_response_breached, resolution_breached, last_ack_at, created_at,
                last_message_at, tags""")) {
            for (int i = 0; i < conversations; i++) {
                plan(i, p);
                rows.row(29).uuid(p.id).text(p.reference).uuid(customerId(p.customer)).text(p.channel).text(p.entryPoint).text(p.subject)
                        .text(p.status).text(p.priority).uuid(queueIds[p.queue]).textArray(p.skills).text(p.rule).text(p.reason)
                        .uuid(p.assignee == null ? null : p.assignee.id()).timestamp(p.assignedAt).text(p.campaign).text(p.medium)
                        .bool(p.customerWasNew).text(p.chatSession).text(p.language).timestamp(p.firstResponseDue)
                        .timestamp(p.resolutionDue).timestamp(p.firstRespondedAt).timestamp(p.resolvedAt).bool(p.firstResponseBreached)
                        .bool(p.resolutionBreached).timestamp(p.lastAckAt).timestamp(p.created).timestamp(p.lastMessageAt)
                        .textArray(p.tags);
                if ((i + 1) % 250_000 == 0) {
                    progress("conversations", i + 1, t);
                }
            }
            long n = rows.finish();
            report("conversations", n, t);
            return n;
        }
    }

    // ---------------------------------------------------------------- messages and timeline

    private long loadMessagesAndTimeline(Connection a, Connection b) throws SQLException {
        long t = System.nanoTime();
        long timelineFrom = now - timelineDays * DAY;
        Plan p = new Plan();
        UUID[] messageIds = new UUID[12];
        try (BinaryCopy rows = new BinaryCopy(a, "messages", """
                id, conversation_id, direction, kind, channel, external_id, header_id, sender, recipient, subject, text, language, author,
                delivery, occurred_at, created_at""");
             BinaryCopy timeline = new BinaryCopy(b, "timeline_entries",
                     "id, customer_id, occurred_at, kind, channel, summary, conversation_id, message_id")) {
            long written = 0;
            long nextReport = 1_000_000;
            for (int i = 0; i < conversations; i++) {
                plan(i, p);
                SplittableRandom r = random(STREAM_MESSAGE, i);
                boolean email = p.channel.equals("email");
                boolean shortChannel = !email;
                String customerAddress = switch (p.channel) {
                    case "email" -> email(p.customer);
                    case "sms", "voice" -> phone(p.customer);
                    case "chat" -> cookie(p.customer);
                    default -> social(p.customer);
                };
                String firstName = ConsoleTexts.FIRST_NAMES[customerFirst[p.customer]];
                String reply = p.subject == null ? null : "Re: " + p.subject;
                for (int j = 0; j < p.count; j++) {
                    long at = p.times[j];
                    UUID id = uuid7(at, r);
                    messageIds[j] = id;
                    byte kind = p.kinds[j];
                    String text;
                    String subject = null;
                    String externalId = null;
                    String headerId = null;
                    String author = null;
                    String delivery = null;
                    boolean inbound = kind == IN;
                    switch (kind) {
                        case IN -> {
                            text = p.channel.equals("voice") ? ConsoleTexts.voiceSummary(r, p.topic)
                                    : j == 0 ? ConsoleTexts.opening(r, p.topic, shortChannel, customerName(p.customer))
                                    : ConsoleTexts.followUp(r, shortChannel);
                            externalId = switch (p.channel) {
                                case "email" -> "<" + Long.toHexString(id.getLeastSignificantBits()) + "." + j + "@mail." + DOMAINS[customerDomain[p.customer]] + ">";
                                case "sms" -> "SM" + Long.toHexString(id.getLeastSignificantBits());
                                case "voice" -> "CA" + Long.toHexString(id.getLeastSignificantBits());
                                case "chat" -> p.chatSession + "-" + j;
                                default -> "ig_" + Long.toHexString(id.getLeastSignificantBits());
                            };
                            headerId = email ? externalId : null;
                            subject = j == 0 ? p.subject : reply;
                        }
                        case OUT -> {
                            text = ConsoleTexts.answer(r, p.topic, shortChannel, firstName, p.author.displayName());
                            author = p.author.username();
                            delivery = "sent";
                            headerId = email ? "<" + id + "@ornek.com.tr>" : null;
                            subject = reply == null ? null : reply + " [#" + p.reference + "]";
                        }
                        case ACK -> {
                            text = ConsoleTexts.acknowledgement(p.reference, ACK_TIME.format(Instant.ofEpochMilli(
                                    p.firstResponseDue == BinaryCopy.NO_TIME ? at + 4 * HOUR : Math.max(at, p.firstResponseDue))));
                            delivery = "sent";
                            headerId = email ? "<" + id + "@ornek.com.tr>" : null;
                            subject = reply == null ? null : reply + " [#" + p.reference + "]";
                        }
                        default -> {
                            text = ConsoleTexts.note(r);
                            author = p.author.username();
                        }
                    }
                    rows.row(16).uuid(id).uuid(p.id).text(inbound ? "inbound" : "outbound")
                            .text(kind == ACK ? "ack" : kind == NOTE ? "note" : "message").text(p.channel).text(externalId).text(headerId)
                            .text(inbound ? customerAddress : kind == NOTE ? null : p.entryPoint)
                            .text(inbound ? p.entryPoint : kind == NOTE ? null : customerAddress)
                            .text(subject).text(text).text(p.language).text(author).text(delivery).timestamp(at)
                            .timestamp(at + 3 + r.nextInt(400));
                    written++;
                }
                if (p.created >= timelineFrom) {
                    timeline(timeline, p, messageIds, r);
                }
                if (written >= nextReport) {
                    progress("messages", written, t);
                    nextReport += 1_000_000;
                }
            }
            long m = rows.finish();
            long e = timeline.finish();
            report("messages + timeline entries", m + e, t);
            out.printf("    messages %,d, timeline entries %,d%n", m, e);
            return m + e;
        }
    }

    private void timeline(BinaryCopy timeline, Plan p, UUID[] messageIds, SplittableRandom r) {
        UUID customer = customerId(p.customer);
        long at = p.created + 50;
        entry(timeline, r, customer, at, "conversation.opened", p, "Conversation " + p.reference + " opened via " + p.entryPoint
                + (p.customerWasNew ? " (new customer)" : " (known customer)"), null);
        entry(timeline, r, customer, at + 1, "conversation.routed", p, "Routed to " + QUEUE_NAMES[p.queue] + " by "
                + (p.rule == null ? "entry point" : p.rule) + ": " + p.reason, null);
        if (p.assignee != null) {
            entry(timeline, r, customer, Math.max(at + 2, p.assignedAt), "conversation.assigned", p,
                    "Assigned to " + p.assignee.displayName(), null);
        } else {
            entry(timeline, r, customer, at + 2, "conversation.waiting", p, "Waiting in queue: no qualified agent with spare capacity", null);
        }
        for (int j = 0; j < p.count; j++) {
            if (p.kinds[j] == IN) {
                String summary = p.subject != null ? (j == 0 ? p.subject : "Re: " + p.subject) : p.channel + " message";
                entry(timeline, r, customer, p.times[j], "message.received", p, summary, messageIds[j]);
            } else if (p.kinds[j] == ACK) {
                entry(timeline, r, customer, p.times[j], "ack.queued", p, "Acknowledged in " + p.language, messageIds[j]);
            }
        }
    }

    private static void entry(BinaryCopy timeline, SplittableRandom r, UUID customer, long at, String kind, Plan p, String summary,
                              UUID messageId) {
        timeline.row(8).uuid(uuid7(at, r)).uuid(customer).timestamp(at).text(kind).text(p.channel).text(summary).uuid(p.id)
                .uuid(messageId);
    }

    // ---------------------------------------------------------------- helpers

    private void progress(String what, long rows, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        out.printf("  %-28s %,12d rows %8.1f s %,10.0f rows/s%n", what, rows, seconds, rows / seconds);
    }

    private void report(String what, long rows, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        out.printf("%-30s %,12d rows %8.1f s %,10.0f rows/s%n", what, rows, seconds, rows / seconds);
    }

    private SplittableRandom random(int stream, long index) {
        return new SplittableRandom(mix(mix(seed) + stream * 0x9E37_79B9_7F4A_7C15L + index));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }

    /** A version 7 UUID for a moment, as the application's id generator makes them. */
    private static UUID uuid7(long millis, SplittableRandom r) {
        long msb = (millis << 16) | 0x7000L | r.nextInt(4096);
        long lsb = (r.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }

    private static double exponential(SplittableRandom r) {
        return -Math.log(1 - r.nextDouble());
    }

    private static long bounded(String name, long fallback, long min, long max) {
        String value = System.getProperty(name);
        long result = value == null || value.isBlank() ? fallback : Long.parseLong(value.trim().replace("_", ""));
        if (result < min || result > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", not " + result);
        }
        return result;
    }

    private static String abbreviate(String text, int max) {
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() > max ? flat.substring(0, max) + "…" : flat;
    }
}
