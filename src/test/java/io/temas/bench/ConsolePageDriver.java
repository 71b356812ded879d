package io.temas.bench;

import io.temas.TemasApplication;
import java.io.PrintStream;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Page times of the agent console on a large database, made by {@link ConsoleDataGenerator}.
 * Boots the application in this JVM on {@code temas.data-dir}, then
 * <ol>
 *   <li><b>sql</b>: times the statements behind the inbox views (one per partial index, in deadline
 *       order, a page plus one row, from a cursor), the capped view counts, and the reads of the
 *       conversation and customer pages, each with its {@code EXPLAIN (ANALYZE, BUFFERS)} plan;</li>
 *   <li><b>pages</b>: signs in through the real form (GET {@code /login}, the {@code _csrf} field and
 *       the session cookie, POST {@code /login}) as each user in {@code bench.users}, and times the
 *       inbox views, a page several {@code rel="next"} links deep, and conversation and customer
 *       pages picked from the database (half of the conversations with ten or more messages).</li>
 * </ol>
 * One request or statement at a time; latency is until the whole answer was read. A page that answers
 * 404 is reported as missing and the run ends with an error after the others were measured.
 *
 * <p>System properties (all optional):
 * <pre>
 * temas.data-dir       the generated database                        (./bench-data)
 * bench.mode           sql | pages | both                            (both)
 * bench.requests       measured requests per page or statement       (300)
 * bench.warmup         requests per page or statement before that    (30)
 * bench.users          users to sign in as                           (ayse,admin)
 * bench.password       password of the demo users                    (temas-demo)
 * bench.deep           rel="next" links to follow for the deep page  (5)
 * bench.page-size      rows per inbox page in the sql phase          (50)
 * bench.plans          print EXPLAIN ANALYZE plans                   (true)
 * bench.seed           seed of the conversation and customer picks   (42)
 * </pre>
 * The admin password is random per run and given to the application as
 * {@code temas.bootstrap.admin-password}.
 */
public final class ConsolePageDriver {

    private static final Pattern CSRF_INPUT = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern VALUE = Pattern.compile("value=\"([^\"]*)\"");
    private static final Pattern NEXT_LINK = Pattern.compile("<(?:a|link)\\b[^>]*\\brel=\"(?:[^\"]*\\s)?next(?:\\s[^\"]*)?\"[^>]*>",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern HREF = Pattern.compile("\\b(?:href|hx-get)=\"([^\"]*)\"");
    private static final String INBOX_COLUMNS = """
            id, reference, customer_id, channel, subject, status, priority, queue_id, assignee_id, sla_due, sla_due::text AS due_text,
            first_response_breached OR resolution_breached AS breached, last_message_at, tags""";

    private final PrintStream out = System.out;
    private final String mode = System.getProperty("bench.mode", "both").trim().toLowerCase(Locale.ROOT);
    private final int requests = Integer.getInteger("bench.requests", 300);
    private final int warmup = Integer.getInteger("bench.warmup", 30);
    private final List<String> users = Arrays.stream(System.getProperty("bench.users", "ayse,admin").split(","))
            .map(String::trim).filter(s -> !s.isEmpty()).toList();
    private final String password = System.getProperty("bench.password", "temas-demo");
    private final int deep = Integer.getInteger("bench.deep", 5);
    private final int pageSize = Integer.getInteger("bench.page-size", 50);
    private final boolean plans = Boolean.parseBoolean(System.getProperty("bench.plans", "true"));
    private final long seed = Long.getLong("bench.seed", 42L);
    private final List<String> problems = new ArrayList<>();
    private final List<Result> results = new ArrayList<>();

    record Result(String who, String what, int count, long[] sorted, long bytes) {
    }

    /** Who looks at the inbox: the agent profile (null for admins and supervisors without one) and the queues they see. */
    record Viewer(String username, UUID agentId, List<UUID> queueIds) {
    }

    public static void main(String[] args) throws Exception {
        new ConsolePageDriver().run();
    }

    private void run() throws Exception {
        if (!List.of("sql", "pages", "both").contains(mode)) {
            throw new IllegalArgumentException("bench.mode must be sql, pages or both, not '" + mode + "'");
        }
        String dataDir = System.getProperty("temas.data-dir", "./bench-data");
        String adminPassword = HexFormat.of().formatHex(randomBytes(12));
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("spring.main.banner-mode", "off");
        defaults.put("logging.level.root", "WARN");
        defaults.put("logging.level.org.springdoc", "ERROR");
        defaults.put("logging.level.org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration", "ERROR");
        long boot = System.nanoTime();
        ConfigurableApplicationContext app = new SpringApplicationBuilder(TemasApplication.class)
                .properties(defaults)
                .logStartupInfo(false)
                .run("--temas.data-dir=" + dataDir, "--temas.ephemeral=false", "--temas.demo-data=true",
                        "--temas.bootstrap.admin-password=" + adminPassword, "--server.port=0", "--server.address=127.0.0.1");
        try {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            int port = Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port"));
            header(jdbc, dataDir, (System.nanoTime() - boot) / 1_000_000);
            Samples samples = samples(jdbc);
            if (!mode.equals("pages")) {
                for (String user : users) {
                    sql(jdbc, viewer(jdbc, user), samples);
                }
                background(jdbc);
            }
            if (!mode.equals("sql")) {
                URI base = URI.create("http://127.0.0.1:" + port);
                for (String user : users) {
                    pages(base, user, user.equals("admin") ? adminPassword : password, viewer(jdbc, user), samples);
                }
            }
            report();
        } finally {
            app.close();
        }
        if (!problems.isEmpty()) {
            out.printf("%nNot measured:%n");
            problems.forEach(p -> out.printf("  %s%n", p));
            throw new IllegalStateException(problems.size() + " page(s) or statement(s) could not be measured; see above");
        }
    }

    private void header(JdbcClient jdbc, String dataDir, long bootMillis) {
        out.printf("%nTemas console page driver%n");
        out.printf("  JVM %s, %d processors; PostgreSQL %s (embedded) in %s; application started in %d ms%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                jdbc.sql("show server_version").query(String.class).single(), dataDir, bootMillis);
        out.printf("  %,d conversations (%,d open or pending), %,d messages, %,d customers, %,d timeline entries%n",
                estimate(jdbc, "conversations"), jdbc.sql("select count(*) from conversations where status in ('open', 'pending')")
                        .query(Long.class).single(), estimate(jdbc, "messages"), estimate(jdbc, "customers"),
                estimate(jdbc, "timeline_entries"));
        out.printf("  mode %s, %d measured requests after %d warm-up each, one at a time, users %s, seed %d%n%n", mode, requests, warmup,
                users, seed);
    }

    private static long estimate(JdbcClient jdbc, String table) {
        return jdbc.sql("select greatest(reltuples, 0)::bigint from pg_class where relname = ?").param(table).query(Long.class).single();
    }

    // ---------------------------------------------------------------- what to look at

    record Samples(List<UUID> conversations, int longOnes, List<UUID> customers) {
    }

    /** Conversations (every other one with ten or more messages) and customers (some of the most active). */
    private Samples samples(JdbcClient jdbc) {
        double share = Math.min(100, Math.max(0.05, 500_000.0 / Math.max(1, estimate(jdbc, "conversations"))));
        String sample = String.format(Locale.ROOT, "tablesample system (%.3f) repeatable (%d)", share, seed);
        List<UUID> many = new ArrayList<>();
        List<UUID> others = new ArrayList<>();
        jdbc.sql("select c.id, (select count(*) from messages m where m.conversation_id = c.id) from conversations c " + sample)
                .query((rs, n) -> (rs.getInt(2) >= 10 ? many : others).add(rs.getObject(1, UUID.class))).list();
        List<UUID> conversations = new ArrayList<>();
        for (int i = 0; i < 200 && (i < many.size() || i < others.size()); i++) {
            if (i < many.size()) {
                conversations.add(many.get(i));
            }
            if (i < others.size()) {
                conversations.add(others.get(i));
            }
        }
        List<UUID> customers = new ArrayList<>(jdbc.sql("""
                        select customer_id from conversations %s group by customer_id order by count(*) desc, customer_id limit 100"""
                        .formatted(sample)).query(UUID.class).list());
        customers.addAll(jdbc.sql("select id from customers " + sample + " limit 200").query(UUID.class).list());
        if (conversations.isEmpty() || customers.isEmpty()) {
            throw new IllegalStateException("The database holds no conversations; run ConsoleDataGenerator first");
        }
        out.printf("picked %d conversations (%d with ten or more messages) and %d customers (the first 100 are the most active)%n%n",
                conversations.size(), Math.min(200, many.size()), customers.size());
        return new Samples(conversations, Math.min(200, many.size()), customers);
    }

    private Viewer viewer(JdbcClient jdbc, String username) {
        Optional<UUID> agent = jdbc.sql("select id from agents where username = ?").param(username).query(UUID.class).optional();
        List<UUID> queues = agent.isPresent()
                ? jdbc.sql("select aq.queue_id from agent_queues aq join queues q on q.id = aq.queue_id where aq.agent_id = ? order by q.name")
                .param(agent.get()).query(UUID.class).list()
                : jdbc.sql("select id from queues order by name").query(UUID.class).list();
        return new Viewer(username, agent.orElse(null), queues);
    }

    // ---------------------------------------------------------------- sql

    /** One inbox statement: the WHERE clause of one index and its parameters. */
    record Part(String where, List<Object> params) {
    }

    private List<Part> parts(String view, Viewer v, UUID queue, Timestamp dueBy) {
        List<Part> parts = new ArrayList<>();
        switch (view) {
            case "mine" -> {
                if (v.agentId() != null) {
                    parts.add(new Part("assignee_id = ? AND status IN ('open', 'pending')", List.of(v.agentId())));
                }
            }
            case "waiting" -> {
                if (v.agentId() != null) {
                    parts.add(new Part("assignee_id = ? AND status IN ('open', 'pending') AND status = 'pending'", List.of(v.agentId())));
                }
            }
            case "unassigned" -> v.queueIds().forEach(q -> parts.add(new Part("queue_id = ? AND assignee_id IS NULL AND status = 'open'",
                    List.of(q))));
            case "queue" -> parts.add(new Part("queue_id = ? AND status IN ('open', 'pending')", List.of(queue)));
            case "due" -> {
                v.queueIds().forEach(q -> parts.add(new Part("queue_id = ? AND status IN ('open', 'pending') AND sla_due < ?",
                        List.of(q, dueBy))));
                if (v.agentId() != null) {
                    parts.add(new Part("assignee_id = ? AND status IN ('open', 'pending') AND sla_due < ?", List.of(v.agentId(), dueBy)));
                }
            }
            default -> throw new IllegalArgumentException(view);
        }
        return parts;
    }

    /** A cursor: the deadline as text ('infinity' included) and the id of the last row of the previous page. */
    record Cursor(String due, UUID id) {
        static final Cursor START = new Cursor("-infinity", new UUID(Long.MIN_VALUE, Long.MIN_VALUE));
    }

    private String pageSql(Part part) {
        return "SELECT " + INBOX_COLUMNS + " FROM conversations WHERE " + part.where()
                + " AND (sla_due, id) > (?::timestamptz, ?) ORDER BY sla_due, id LIMIT ?";
    }

    private List<Object> pageParams(Part part, Cursor cursor) {
        List<Object> params = new ArrayList<>(part.params());
        params.add(cursor.due());
        params.add(cursor.id());
        params.add(pageSize + 1);
        return params;
    }

    /** Runs every part of a view from the cursor, merges them in deadline order; answers the cursor of the next page. */
    private Cursor page(JdbcClient jdbc, List<Part> parts, Cursor cursor) {
        record Row(long due, Cursor cursor) {
        }
        List<Row> rows = new ArrayList<>();
        for (Part part : parts) {
            // pgjdbc reads 'infinity' as a timestamp far in the future, so the millis sort like the column.
            rows.addAll(jdbc.sql(pageSql(part)).params(pageParams(part, cursor))
                    .query((rs, n) -> new Row(rs.getTimestamp("sla_due").getTime(),
                            new Cursor(rs.getString("due_text"), rs.getObject("id", UUID.class)))).list());
        }
        rows.sort(java.util.Comparator.comparingLong(Row::due).thenComparing(r -> r.cursor().id()));
        return rows.size() > pageSize ? rows.get(pageSize - 1).cursor() : null;
    }

    private void sql(JdbcClient jdbc, Viewer v, Samples samples) {
        out.printf("SQL as %s (agent %s, %d queue(s))%n", v.username(), v.agentId() == null ? "none" : "yes", v.queueIds().size());
        Timestamp dueBy = Timestamp.from(Instant.now().plus(Duration.ofHours(1)));
        UUID queue = v.queueIds().getFirst();
        Map<String, List<Part>> views = new LinkedHashMap<>();
        for (String view : List.of("mine", "unassigned", "due", "waiting", "queue")) {
            List<Part> parts = parts(view, v, queue, dueBy);
            if (!parts.isEmpty()) {
                views.put(view, parts);
            }
        }
        for (Map.Entry<String, List<Part>> view : views.entrySet()) {
            List<Part> parts = view.getValue();
            measureSql(v.username(), "inbox " + view.getKey() + " (" + parts.size() + " statement" + (parts.size() == 1 ? "" : "s") + ")",
                    i -> page(jdbc, parts, Cursor.START), 0);
            if (plans) {
                for (Part part : parts) {
                    explain(jdbc, "inbox " + view.getKey(), pageSql(part), pageParams(part, Cursor.START));
                }
            }
        }
        // A deep page: follow the cursor, then time the page it leads to.
        String deepView = views.containsKey("mine") ? "mine" : "unassigned";
        List<Part> deepParts = views.get(deepView);
        Cursor cursor = Cursor.START;
        int reached = 0;
        for (int p = 1; p <= deep; p++) {
            Cursor next = page(jdbc, deepParts, cursor);
            if (next == null) {
                break;
            }
            cursor = next;
            reached = p;
        }
        Cursor deepCursor = cursor;
        measureSql(v.username(), "inbox " + deepView + ", page " + (reached + 1), i -> page(jdbc, deepParts, deepCursor), 0);
        if (plans) {
            explain(jdbc, "inbox " + deepView + " page " + (reached + 1), pageSql(deepParts.getFirst()),
                    pageParams(deepParts.getFirst(), deepCursor));
        }
        // The view counts, capped as the inbox shows them ("999+").
        for (String view : List.of("mine", "unassigned", "due", "waiting")) {
            List<Part> parts = views.get(view);
            if (parts == null) {
                continue;
            }
            measureSql(v.username(), "count " + view + " (capped at 1000)", i -> {
                int total = 0;
                for (Part part : parts) {
                    total += jdbc.sql("SELECT count(*) FROM (SELECT 1 FROM conversations WHERE " + part.where() + " LIMIT 1000) c")
                            .params(part.params()).query(Integer.class).single();
                }
                return total;
            }, 0);
            if (plans) {
                Part part = parts.getFirst();
                explain(jdbc, "count " + view, "SELECT count(*) FROM (SELECT 1 FROM conversations WHERE " + part.where() + " LIMIT 1000) c",
                        part.params());
            }
        }
        // What the conversation and customer pages read.
        List<UUID> conversations = samples.conversations();
        measureSql(v.username(), "conversation + messages", i -> {
            UUID id = conversations.get(i % conversations.size());
            jdbc.sql("select * from conversations where id = ?").param(id).query().listOfRows();
            return jdbc.sql("select * from messages where conversation_id = ? order by occurred_at, created_at, id").param(id)
                    .query().listOfRows().size();
        }, 0);
        List<UUID> customers = samples.customers();
        measureSql(v.username(), "customer + identities + timeline(50) + conversations(20)", i -> {
            UUID id = customers.get(i % customers.size());
            jdbc.sql("select * from customers where id = ?").param(id).query().listOfRows();
            jdbc.sql("select * from identities where customer_id = ? order by type, value").param(id).query().listOfRows();
            jdbc.sql("select * from timeline_entries where customer_id = ? order by occurred_at desc, id desc limit 50").param(id)
                    .query().listOfRows();
            return jdbc.sql("select " + INBOX_COLUMNS + " from conversations where customer_id = ? order by last_message_at desc limit 20")
                    .param(id).query().listOfRows().size();
        }, 0);
        if (plans) {
            explain(jdbc, "messages of a long conversation", "select * from messages where conversation_id = ? order by occurred_at, created_at, id",
                    List.of(conversations.getFirst()));
            explain(jdbc, "conversations of an active customer", "select " + INBOX_COLUMNS
                    + " from conversations where customer_id = ? order by last_message_at desc limit 20", List.of(customers.getFirst()));
            explain(jdbc, "timeline of an active customer",
                    "select * from timeline_entries where customer_id = ? order by occurred_at desc, id desc limit 50",
                    List.of(customers.getFirst()));
        }
        out.println();
    }

    /**
     * What the SLA monitor reads every 30 seconds while the pages are used: the select part of its two
     * {@code UPDATE ... RETURNING} statements, and how many finished conversations still sit in the partial
     * indexes it reads.
     */
    private void background(JdbcClient jdbc) {
        out.printf("SQL of the SLA monitor%n");
        String first = "select id, queue_id, first_response_due from conversations where first_responded_at is null"
                + " and not first_response_breached and first_response_due < ? and status in ('open', 'pending')";
        String resolution = "select id, queue_id, resolution_due from conversations where resolved_at is null"
                + " and not resolution_breached and resolution_due < ? and status in ('open', 'pending')";
        measureSql("(monitor)", "SLA monitor: first responses due", i -> jdbc.sql(first).param(Timestamp.from(Instant.now()))
                .query().listOfRows().size(), 0);
        measureSql("(monitor)", "SLA monitor: resolutions due", i -> jdbc.sql(resolution).param(Timestamp.from(Instant.now()))
                .query().listOfRows().size(), 0);
        if (plans) {
            explain(jdbc, "SLA monitor, first responses", first, List.of(Timestamp.from(Instant.now())));
            explain(jdbc, "SLA monitor, resolutions", resolution, List.of(Timestamp.from(Instant.now())));
        }
        jdbc.sql("""
                        select count(*) filter (where first_responded_at is null and not first_response_breached
                                                and status not in ('open', 'pending')),
                               count(*) filter (where resolved_at is null and not resolution_breached and status not in ('open', 'pending'))
                        from conversations""")
                .query((rs, n) -> {
                    out.printf("  finished conversations left in conversations_first_due: %,d; in conversations_resolution_due: %,d%n",
                            rs.getLong(1), rs.getLong(2));
                    return null;
                }).list();
        out.println();
    }

    interface Call {
        Object run(int i) throws Exception;
    }

    private void measureSql(String who, String what, Call call, long bytes) {
        try {
            for (int i = 0; i < warmup; i++) {
                call.run(i);
            }
            long[] times = new long[requests];
            for (int i = 0; i < requests; i++) {
                long t = System.nanoTime();
                call.run(i);
                times[i] = System.nanoTime() - t;
            }
            Arrays.sort(times);
            Result r = new Result(who, "sql: " + what, requests, times, bytes);
            results.add(r);
            out.printf("  %-62s p50 %7.2f ms  p99 %7.2f ms%n", what, ms(percentile(times, 50)), ms(percentile(times, 99)));
        } catch (Exception e) {
            problems.add(who + " sql " + what + ": " + e);
        }
    }

    private void explain(JdbcClient jdbc, String what, String sql, List<Object> params) {
        List<String> plan = jdbc.sql("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + sql).params(params).query(String.class).list();
        out.printf("    plan of %s:%n", what);
        plan.forEach(line -> out.printf("      %s%n", line));
    }

    // ---------------------------------------------------------------- pages

    private void pages(URI base, String user, String secret, Viewer v, Samples samples) throws Exception {
        out.printf("Pages as %s%n", user);
        HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        try (http) {
            if (!signIn(http, base, user, secret)) {
                return;
            }
            Map<String, List<URI>> pages = new LinkedHashMap<>();
            pages.put("/console/inbox?view=mine", List.of(base.resolve("/console/inbox?view=mine")));
            pages.put("/console/inbox?view=unassigned", List.of(base.resolve("/console/inbox?view=unassigned")));
            pages.put("/console/inbox?view=due", List.of(base.resolve("/console/inbox?view=due")));
            pages.put("/console/inbox?view=waiting", List.of(base.resolve("/console/inbox?view=waiting")));
            UUID queue = v.queueIds().getFirst();
            pages.put("/console/inbox?view=queue&queue=<id>", List.of(base.resolve("/console/inbox?view=queue&queue=" + queue)));
            for (Map.Entry<String, List<URI>> page : pages.entrySet()) {
                measurePage(http, user, page.getKey(), page.getValue());
            }
            deepPage(http, user, base.resolve("/console/inbox?view=" + (v.agentId() != null ? "mine" : "unassigned")));
            measurePage(http, user, "/console/conversations/<id>", samples.conversations().stream()
                    .map(id -> base.resolve("/console/conversations/" + id)).toList());
            measurePage(http, user, "/console/customers/<id>", samples.customers().stream()
                    .map(id -> base.resolve("/console/customers/" + id)).toList());
        }
        out.println();
    }

    private boolean signIn(HttpClient http, URI base, String user, String secret) throws Exception {
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(base.resolve("/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (form.statusCode() != 200) {
            problems.add(user + ": GET /login answered " + form.statusCode());
            return false;
        }
        Matcher input = CSRF_INPUT.matcher(form.body());
        Matcher value = input.find() ? VALUE.matcher(input.group()) : null;
        if (value == null || !value.find()) {
            problems.add(user + ": the sign-in form has no _csrf field");
            return false;
        }
        String body = "username=" + enc(user) + "&password=" + enc(secret) + "&_csrf=" + enc(value.group(1));
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(base.resolve("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        String location = login.headers().firstValue("Location").orElse("");
        if (login.statusCode() != 302 || location.contains("error")) {
            problems.add(user + ": sign-in refused (HTTP " + login.statusCode() + ", Location " + location + ")");
            return false;
        }
        URI next = base.resolve(location);
        int status = 0;
        for (int hop = 0; hop < 5; hop++) {
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(next).GET().build(), HttpResponse.BodyHandlers.ofString());
            status = page.statusCode();
            Optional<String> again = page.headers().firstValue("Location");
            if (status / 100 != 3 || again.isEmpty()) {
                break;
            }
            next = next.resolve(again.get());
        }
        out.printf("  signed in; %s answered %d%n", next.getPath(), status);
        if (status != 200) {
            problems.add(user + ": " + next.getPath() + " after sign-in answered " + status);
        }
        return true;
    }

    /** Follows rel="next" {@code bench.deep} times from the first page, then times the page reached. */
    private void deepPage(HttpClient http, String user, URI first) throws Exception {
        URI current = first;
        for (int p = 1; p <= deep; p++) {
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(current).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (page.statusCode() != 200) {
                problems.add(user + " deep page: " + current.getPath() + "?" + current.getQuery() + " answered " + page.statusCode());
                return;
            }
            Matcher link = NEXT_LINK.matcher(page.body());
            Matcher href = link.find() ? HREF.matcher(link.group()) : null;
            if (href == null || !href.find()) {
                problems.add(user + " deep page: page " + p + " of " + first.getQuery() + " has no rel=\"next\" link");
                return;
            }
            String next = href.group(1).replace("&amp;", "&");
            // URI.resolve drops the last path segment of a query-only reference ("?view=mine&after=...").
            current = next.startsWith("?") ? URI.create(current.getScheme() + "://" + current.getRawAuthority() + current.getRawPath() + next)
                    : current.resolve(next);
        }
        measurePage(http, user, "inbox page " + (deep + 1) + " (" + first.getQuery() + ", after=<cursor>)", List.of(current));
    }

    private void measurePage(HttpClient http, String user, String what, List<URI> uris) {
        try {
            HttpResponse<String> probe = get(http, uris.getFirst());
            if (probe.statusCode() != 200) {
                String reason = probe.statusCode() == 404 ? "404, the page does not exist in this build" : "HTTP " + probe.statusCode()
                        + (probe.statusCode() / 100 == 3 ? " to " + probe.headers().firstValue("Location").orElse("?") : "")
                        + ": " + abbreviate(probe.body());
                out.printf("  %-62s %s%n", what, reason);
                problems.add(user + " " + what + ": " + reason);
                return;
            }
            for (int i = 0; i < warmup; i++) {
                get(http, uris.get(i % uris.size()));
            }
            long[] times = new long[requests];
            long bytes = 0;
            int failed = 0;
            for (int i = 0; i < requests; i++) {
                long t = System.nanoTime();
                HttpResponse<String> r = get(http, uris.get(i % uris.size()));
                times[i] = System.nanoTime() - t;
                bytes += r.body().getBytes(StandardCharsets.UTF_8).length;
                if (r.statusCode() != 200) {
                    failed++;
                }
            }
            Arrays.sort(times);
            results.add(new Result(user, what, requests, times, bytes / requests));
            out.printf("  %-62s p50 %7.2f ms  p99 %7.2f ms  %,d bytes%s%n", what, ms(percentile(times, 50)), ms(percentile(times, 99)),
                    bytes / requests, failed > 0 ? "  (" + failed + " not 200)" : "");
            if (failed > 0) {
                problems.add(user + " " + what + ": " + failed + " of " + requests + " requests did not answer 200");
            }
        } catch (Exception e) {
            problems.add(user + " " + what + ": " + e);
        }
    }

    private static HttpResponse<String> get(HttpClient http, URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    // ---------------------------------------------------------------- report

    private void report() {
        out.printf("%nResults (ms; nearest-rank percentiles over %d measured calls each, one in flight)%n", requests);
        String format = "| %s | %s | %s | %s | %s | %s | %s |%n";
        out.printf(format, "user", "what", "p50", "p95", "p99", "max", "bytes");
        out.printf(format, "---", "---", "---", "---", "---", "---", "---");
        for (Result r : results) {
            out.printf(format, r.who(), r.what(), f(percentile(r.sorted(), 50)), f(percentile(r.sorted(), 95)),
                    f(percentile(r.sorted(), 99)), f(r.sorted()[r.sorted().length - 1]), r.bytes() == 0 ? "–" : String.format("%,d", r.bytes()));
        }
    }

    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static String f(long nanos) {
        return String.format("%.1f", ms(nanos));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        return flat.length() > 160 ? flat.substring(0, 160) + "…" : flat;
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
