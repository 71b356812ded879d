package io.temas.bench;

import io.temas.TemasApplication;
import io.temas.scoring.ScoringRules;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How long scores and alerts take to recompute: every customer (what a rule edit and the sweep do)
 * and one customer (what a change to that customer does). Boots the application in this JVM on a
 * fresh embedded PostgreSQL, fills it with {@code generate_series} (customers with VIP, stage and
 * segments; two conversations each over the last year, some breached, some complaints; three events
 * each, purchases, payments with an amount and ATM uses, some refused; surveys for a third of the
 * resolved conversations), then times a full recomputation with the seeded rules (three scores,
 * four alert rules) in the calling thread, and then one customer at a time.
 *
 * <pre>
 * bench.customers   customers to make             (100000)
 * bench.single      single-customer recomputations (1000)
 * </pre>
 */
public final class ScoresBenchDriver {

    private final PrintStream out = System.out;
    private final int customers = Integer.getInteger("bench.customers", 100_000);
    private final int single = Integer.getInteger("bench.single", 1000);

    public static void main(String[] args) {
        new ScoresBenchDriver().run();
    }

    private void run() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("spring.main.banner-mode", "off");
        defaults.put("logging.level.root", "WARN");
        ConfigurableApplicationContext app = new SpringApplicationBuilder(TemasApplication.class).properties(defaults).logStartupInfo(false)
                .run("--temas.ephemeral=true", "--temas.demo-data=true", "--temas.demo-conversations=false", "--server.port=0",
                        "--server.address=127.0.0.1", "--temas.scores.sweep-interval=24h");
        try {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            ScoringRules rules = app.getBean(ScoringRules.class);
            out.printf("Machine: %d cores, %s %s, %s%n", Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.vendor"),
                    System.getProperty("java.version"), jdbc.sql("select version()").query(String.class).single());
            fill(jdbc);
            out.printf("Data: %,d customers, %,d conversations, %,d events, %,d answered surveys%n",
                    jdbc.sql("select count(*) from customers").query(Long.class).single(),
                    jdbc.sql("select count(*) from conversations").query(Long.class).single(),
                    jdbc.sql("select count(*) from customer_events").query(Long.class).single(),
                    jdbc.sql("select count(*) from surveys where answered_at is not null").query(Long.class).single());

            double load = load();
            long t0 = System.nanoTime();
            int done = rules.recomputeEveryone();
            long millis = (System.nanoTime() - t0) / 1_000_000;
            out.printf("Full recomputation (first, every score written): %,d customers in %,d ms = %,.0f customers/s (load average before: %.2f, after: %.2f)%n",
                    done, millis, done * 1000.0 / Math.max(millis, 1), load, load());
            t0 = System.nanoTime();
            done = rules.recomputeEveryone();
            millis = (System.nanoTime() - t0) / 1_000_000;
            out.printf("Full recomputation (again, nothing changed): %,d customers in %,d ms = %,.0f customers/s (load average after: %.2f)%n",
                    done, millis, done * 1000.0 / Math.max(millis, 1), load());
            out.printf("Open alerts: %,d; scores: %,d%n",
                    jdbc.sql("select count(*) from customer_alerts where cleared_at is null").query(Long.class).single(),
                    jdbc.sql("select count(*) from customer_scores").query(Long.class).single());

            List<UUID> sample = jdbc.sql("select id from customers order by random() limit ?").param(single).query(UUID.class).list();
            for (UUID id : sample.subList(0, Math.min(100, sample.size()))) {
                rules.recompute(id);
            }
            long[] nanos = new long[sample.size()];
            for (int i = 0; i < sample.size(); i++) {
                long s = System.nanoTime();
                rules.recompute(sample.get(i));
                nanos[i] = System.nanoTime() - s;
            }
            Arrays.sort(nanos);
            out.printf("One customer (%,d, one after another): p50 %.2f ms, p99 %.2f ms, max %.2f ms (load average: %.2f)%n", nanos.length,
                    nanos[nanos.length / 2] / 1e6, nanos[(int) (nanos.length * 0.99)] / 1e6, nanos[nanos.length - 1] / 1e6, load());
        } finally {
            app.close();
        }
    }

    private void fill(JdbcClient jdbc) {
        long t0 = System.nanoTime();
        jdbc.sql("""
                insert into customers (id, display_name, vip, segments, lifecycle_stage, created_at, updated_at)
                select gen_random_uuid(), 'Puan ' || i, random() < 0.05,
                       case when random() < 0.2 then array['gold'] else '{}'::text[] end,
                       (array['lead', 'prospect', 'customer', 'loyal', 'at_risk', 'lost'])[1 + i % 6], now(), now()
                from generate_series(1, ?) i""").param(customers).update();
        jdbc.sql("""
                insert into conversations (id, reference, customer_id, channel, status, priority, created_at, last_message_at,
                                           first_response_breached, resolution_breached, resolved_at, complaint_category, complaint_at)
                select gen_random_uuid(), 'S-' || c.n || '-' || k, c.id, 'email', case when r < 0.2 then 'open' else 'resolved' end, 'normal',
                       at, at, r < 0.1, false, case when r >= 0.2 then at + interval '1 day' end,
                       case when r < 0.05 then 'service' end, case when r < 0.05 then at end
                from (select id, row_number() over () as n from customers where display_name like 'Puan %') c,
                     lateral (select k, random() as r, now() - random() * interval '365 days' as at from generate_series(1, 2) k) g""").update();
        jdbc.sql("""
                insert into customer_events (id, customer_id, type, occurred_at, source_id, attributes, received_at)
                select gen_random_uuid(), c.id, (array['purchase', 'payment', 'atm_use'])[k], now() - random() * interval '60 days',
                       'bench-' || gen_random_uuid(),
                       case k when 2 then jsonb_build_object('amount', round((random() * 1000)::numeric, 2))
                              when 3 then jsonb_build_object('outcome', case when random() < 0.1 then 'refused' else 'ok' end)
                              else '{}'::jsonb end, now()
                from customers c, generate_series(1, 3) k where c.display_name like 'Puan %'""").update();
        jdbc.sql("""
                insert into surveys (id, conversation_id, customer_id, channel, sent_at, answered_at, csat)
                select gen_random_uuid(), id, customer_id, channel, resolved_at, resolved_at + interval '1 hour', 1 + floor(random() * 5)
                from conversations where resolved_at is not null and random() < 0.33""").update();
        jdbc.sql("analyze").update();
        out.printf("Filled in %,d s%n", (System.nanoTime() - t0) / 1_000_000_000);
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

}
