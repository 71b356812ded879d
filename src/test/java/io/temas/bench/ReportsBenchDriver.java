package io.temas.bench;

import io.temas.TemasApplication;
import io.temas.reporting.ReportRollups;
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
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Response times of the console's reports on a year of a million conversations. Boots the
 * application in this JVM on a durable embedded PostgreSQL ({@code temas.data-dir}); when the
 * database holds fewer conversations than asked, fills it with {@code generate_series} (customers,
 * conversations over the last 365 days with first responses, resolutions, due times, breaches and
 * tags, and survey answers for part of the resolved ones), then
 * <ol>
 *   <li>runs the aggregation and times it (the first run builds every hour; later runs only the
 *       hours touched since), then touches a thousand conversations and times the next run;</li>
 *   <li>signs in as a supervisor through the real form and times every report page, and some CSV
 *       exports, over the default range (the last seven days) and over 30 and 365 days.</li>
 * </ol>
 * One request at a time, until the whole answer was read. The one-minute load average is sampled
 * every second while the aggregation and the requests run (the machine may be shared).
 *
 * <p>System properties (all optional):
 * <pre>
 * temas.data-dir        the database                                  (./bench-data-reports)
 * bench.conversations   conversations to have                         (1000000)
 * bench.customers       customers made with them                      (200000)
 * bench.requests        measured requests per page                    (50)
 * bench.warmup          requests per page before that                 (5)
 * bench.rebuild         aggregate every hour again, as after a bulk load (false)
 * </pre>
 */
public final class ReportsBenchDriver {

    private static final Pattern CSRF_INPUT = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern VALUE = Pattern.compile("value=\"([^\"]*)\"");

    private final PrintStream out = System.out;
    private final int conversations = Integer.getInteger("bench.conversations", 1_000_000);
    private final int customers = Integer.getInteger("bench.customers", 200_000);
    private final int requests = Integer.getInteger("bench.requests", 50);
    private final int warmup = Integer.getInteger("bench.warmup", 5);

    public static void main(String[] args) throws Exception {
        new ReportsBenchDriver().run();
    }

    private void run() throws Exception {
        String dataDir = System.getProperty("temas.data-dir", "./bench-data-reports");
        String adminPassword = HexFormat.of().formatHex(randomBytes(12));
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("spring.main.banner-mode", "off");
        defaults.put("logging.level.root", "WARN");
        ConfigurableApplicationContext app = new SpringApplicationBuilder(TemasApplication.class)
                .properties(defaults)
                .logStartupInfo(false)
                .run("--temas.data-dir=" + dataDir, "--temas.ephemeral=false", "--temas.demo-data=true", "--temas.demo-conversations=false",
                        "--temas.bootstrap.admin-password=" + adminPassword, "--server.port=0", "--server.address=127.0.0.1",
                        // The driver runs the aggregation itself, so it can time it.
                        "--temas.reports.interval=24h");
        LoadSampler loads = LoadSampler.start();
        try {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            ReportRollups rollups = app.getBean(ReportRollups.class);
            out.printf("Machine: %d cores, %s %s, %s%n", Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.vendor"),
                    System.getProperty("java.version"), jdbc.sql("select version()").query(String.class).single());
            fill(jdbc);
            out.printf("Data: %,d conversations, %,d answered surveys, %,d tagged conversations%n",
                    jdbc.sql("select count(*) from conversations").query(Long.class).single(),
                    jdbc.sql("select count(*) from surveys where answered_at is not null").query(Long.class).single(),
                    jdbc.sql("select count(*) from conversations where tags <> '{}'").query(Long.class).single());

            if (Boolean.getBoolean("bench.rebuild")) {
                // Every conversation counted again, and every hour with a survey touched, as after a bulk load.
                jdbc.sql("delete from report_conversation_changes").update();
                jdbc.sql("delete from report_tag_changes").update();
                jdbc.sql("delete from report_hours").update();
                jdbc.sql("delete from report_tag_hours").update();
                jdbc.sql("""
                        select count(report_count_conversation(created_at, queue_id, channel, first_responded_at, first_response_due,
                                                               first_response_breached, resolved_at, resolution_due, resolution_breached,
                                                               1, true, true, true))
                        from conversations""").query(Long.class).single();
                jdbc.sql("""
                        insert into report_tag_changes
                        select date_trunc('hour', c.created_at, 'UTC'), c.queue_id, c.channel, t.tag, 1
                        from conversations c, lateral (select distinct unnest(c.tags)) t (tag)""").update();
                jdbc.sql("insert into report_touches (hour) select distinct date_trunc('hour', answered_at, 'UTC') from surveys where answered_at is not null")
                        .update();
            }
            loads.reset();
            ReportRollups.Run first = rollups.refresh();
            out.printf("Aggregation: %,d hours in %,d ms (load average during it: %s)%n", first.hours(), first.tookMillis(), loads.summary());
            out.printf("Rollup rows: report_hours %,d, report_agent_hours %,d, report_tag_hours %,d; days (every zone): %,d, %,d, %,d%n",
                    Stream.of("report_hours", "report_agent_hours", "report_tag_hours", "report_days", "report_agent_days", "report_tag_days")
                            .map(table -> jdbc.sql("select count(*) from " + table).query(Long.class).single()).toArray());
            jdbc.sql("""
                    update conversations set resolved_at = now(), status = 'resolved'
                    where id in (select id from conversations where resolved_at is null order by created_at desc limit 1000)""").update();
            loads.reset();
            ReportRollups.Run incremental = rollups.refresh();
            out.printf("Incremental aggregation after 1,000 conversations changed: %,d hours in %,d ms (load average: %s)%n",
                    incremental.hours(), incremental.tookMillis(), loads.summary());

            int port = Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port"));
            loads.reset();
            pages(URI.create("http://127.0.0.1:" + port), jdbc);
            out.printf("Load average while the requests ran: %s%n", loads.summary());
        } finally {
            loads.close();
            app.close();
        }
    }

    private void fill(JdbcClient jdbc) {
        long have = jdbc.sql("select count(*) from conversations").query(Long.class).single();
        if (have >= conversations) {
            out.printf("The database already holds %,d conversations; using them.%n", have);
            return;
        }
        long t0 = System.nanoTime();
        jdbc.sql("""
                insert into customers (id, display_name, created_at, updated_at)
                select gen_random_uuid(), 'Müşteri ' || i, now(), now() from generate_series(1, ?) i""").param(customers).update();
        jdbc.sql("""
                insert into conversations (id, reference, customer_id, channel, status, priority, queue_id, created_at, last_message_at,
                                           first_response_due, first_responded_at, first_response_breached, resolution_due, resolved_at,
                                           resolution_breached, tags)
                select gen_random_uuid(), 'B-' || g.i, c.ids[1 + (g.i % c.n)], g.channel,
                       case when g.resolved is null then 'open' else 'resolved' end, 'normal',
                       q.ids[1 + (g.i % (array_length(q.ids, 1) + 1))], g.created, coalesce(g.resolved, g.responded, g.created),
                       g.created + interval '1 hour', g.responded,
                       coalesce(g.responded > g.created + interval '1 hour', g.created + interval '1 hour' < now()),
                       g.created + interval '1 day', g.resolved,
                       coalesce(g.resolved > g.created + interval '1 day', g.created + interval '1 day' < now()),
                       g.tags
                from (select array_agg(id) as ids, count(*)::int as n from customers) c,
                     (select array_agg(id order by name) as ids from queues) q,
                     (select b.*, case when b.r3 < 0.8 and b.responded is not null
                                       then least(now(), b.responded + make_interval(secs => exp(b.r4 * ln(259200)))) end as resolved
                      from (select a.*, case when a.r1 < 0.85
                                             then least(now(), a.created + make_interval(secs => exp(a.r2 * ln(86400)))) end as responded
                            from (select i, now() - random() * interval '365 days' as created, random() as r1, random() as r2,
                                         random() as r3, random() as r4,
                                         (array['email', 'sms', 'chat', 'webform', 'whatsapp'])[1 + i % 5] as channel,
                                         case when random() < 0.3 then '{}'::text[]
                                              else array[(array['fatura', 'iade', 'kargo', 'arıza', 'şikayet', 'kampanya', 'iptal', 'adres',
                                                                'ödeme', 'garanti', 'üyelik', 'teslimat'])[1 + floor(random() * 12)::int]] end as tags
                                  from generate_series(1, ?) i) a) b) g""")
                .param(conversations).update();
        jdbc.sql("""
                insert into surveys (id, conversation_id, customer_id, queue_id, agent_id, channel, sent_at, answered_at, csat, ces)
                select gen_random_uuid(), c.id, c.customer_id, c.queue_id, a.ids[1 + abs(hashtext(c.id::text)) % array_length(a.ids, 1)],
                       c.channel, c.resolved_at, c.resolved_at + interval '1 hour', 1 + floor(random() * 5), 1 + floor(random() * 7)
                from conversations c, (select array_agg(id) as ids from agents) a
                where c.resolved_at is not null and random() < 0.3""").update();
        jdbc.sql("analyze").update();
        out.printf("Filled in %,d s%n", (System.nanoTime() - t0) / 1_000_000_000);
    }

    private void pages(URI base, JdbcClient jdbc) throws Exception {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        try (http) {
            signIn(http, base, "selin", System.getProperty("bench.password", "temas-demo"));
            LocalDate today = LocalDate.now(ZoneId.of("Europe/Istanbul"));
            String month = "?from=" + today.minusDays(29) + "&to=" + today;
            String year = "?from=" + today.minusDays(364) + "&to=" + today;
            String queue = jdbc.sql("select id::text from queues order by name limit 1").query(String.class).single();
            List<String> paths = new ArrayList<>();
            for (String report : List.of("volume", "times", "sla", "satisfaction", "tags", "knowledge", "campaigns")) {
                paths.add("/console/reports/" + report);
            }
            for (String report : List.of("volume", "times", "sla", "satisfaction", "tags")) {
                paths.add("/console/reports/" + report + month);
            }
            for (String report : List.of("volume", "times", "sla", "satisfaction", "tags")) {
                paths.add("/console/reports/" + report + year);
            }
            paths.add("/console/reports/times" + month + "&queue=" + queue + "&channel=email");
            paths.add("/console/reports/volume/days.csv" + month);
            paths.add("/console/reports/satisfaction/agents.csv" + year);
            out.printf("%n| page | p50 ms | p95 ms | max ms |%n|---|---:|---:|---:|%n");
            for (String path : paths) {
                long[] times = new long[requests];
                for (int i = -warmup; i < requests; i++) {
                    long t0 = System.nanoTime();
                    HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    long took = System.nanoTime() - t0;
                    if (answer.statusCode() != 200) {
                        throw new IllegalStateException(path + " answered " + answer.statusCode());
                    }
                    if (i >= 0) {
                        times[i] = took;
                    }
                }
                Arrays.sort(times);
                out.printf("| `%s` | %.0f | %.0f | %.0f |%n", path.replace(today.toString(), "<today>"), ms(times, 0.5), ms(times, 0.95),
                        times[times.length - 1] / 1e6);
            }
        }
    }

    private static double ms(long[] sorted, double q) {
        return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    private void signIn(HttpClient http, URI base, String user, String secret) throws Exception {
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(base.resolve("/login")).GET().build(), HttpResponse.BodyHandlers.ofString());
        Matcher input = CSRF_INPUT.matcher(form.body());
        Matcher value = input.find() ? VALUE.matcher(input.group()) : null;
        if (value == null || !value.find()) {
            throw new IllegalStateException("the sign-in form has no _csrf field");
        }
        String body = "username=" + enc(user) + "&password=" + enc(secret) + "&_csrf=" + enc(value.group(1));
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(base.resolve("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (login.statusCode() != 302 || login.headers().firstValue("Location").orElse("").contains("error")) {
            throw new IllegalStateException("sign-in as " + user + " refused");
        }
    }


    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
