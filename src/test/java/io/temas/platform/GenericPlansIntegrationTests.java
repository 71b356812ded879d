package io.temas.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temas.support.TemasIntegrationTest;
import java.sql.Connection;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A statement with an array parameter is planned once per connection in a transaction that asks for generic plans,
 * and on every run in one that does not; the setting ends with its transaction.
 */
@TemasIntegrationTest
class GenericPlansIntegrationTests {

    private static final String LOOK_UP = "select count(*) from plan_probe where owner = any(?)";

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient pooled;

    @Test
    void anArrayLookUpIsPlannedOnceInATransactionThatAsksForGenericPlansAndOnEveryRunOtherwise() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            One one = new One(connection);
            one.jdbc.sql("create temporary table plan_probe (id int primary key, owner int not null)").update();
            try {
                one.jdbc.sql("insert into plan_probe select i, i % 2000 from generate_series(1, 20000) i").update();
                one.jdbc.sql("create index on plan_probe (owner)").update();
                one.jdbc.sql("analyze plan_probe").update();

                for (int run = 0; run < 20; run++) {
                    Integer[] owners = {run};
                    one.transactions.executeWithoutResult(tx -> one.jdbc.sql(LOOK_UP).param(owners).query(Integer.class).single());
                    one.transactions.executeWithoutResult(tx -> {
                        GenericPlans.forThisTransaction(one.jdbc);
                        one.jdbc.sql(LOOK_UP + " /* generic */").param(owners).query(Integer.class).single();
                    });
                }

                // The driver prepares a statement on the server at its fifth run; from then on it shows how it was planned.
                Map<String, Object> custom = plans(one, LOOK_UP);
                assertThat(((Number) custom.get("custom_plans")).intValue()).as("planned again on every run").isGreaterThanOrEqualTo(15);
                Map<String, Object> generic = plans(one, LOOK_UP + " /* generic */");
                assertThat(((Number) generic.get("custom_plans")).intValue()).as("never planned for its parameters").isZero();
                assertThat(((Number) generic.get("generic_plans")).intValue()).as("runs on the plan made once").isGreaterThanOrEqualTo(15);
            } finally {
                // A temporary table lives as long as the pooled connection: none is left for the next borrower.
                one.jdbc.sql("drop table plan_probe").update();
            }
        }
    }

    @Test
    void theSettingEndsWithItsTransactionCommittedOrRolledBack() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            One one = new One(connection);
            String before = setting(one.jdbc);
            assertThat(before).startsWith("auto ").endsWith(" on").doesNotStartWith("auto 0");
            String inside = one.transactions.execute(tx -> {
                GenericPlans.forThisTransaction(one.jdbc);
                return setting(one.jdbc);
            });
            assertThat(inside).isEqualTo("force_generic_plan 0 off");
            assertThat(setting(one.jdbc)).as("after the commit").isEqualTo(before);

            one.transactions.executeWithoutResult(tx -> {
                GenericPlans.forThisTransaction(one.jdbc);
                tx.setRollbackOnly();
            });
            assertThat(setting(one.jdbc)).as("after a rollback").isEqualTo(before);
        }
    }

    @Test
    void aRangeWhoseGenericPlanWouldStartParallelWorkersRunsWithoutThem() throws Exception {
        // Parallel workers never read temporary tables: the probe is a table of its own, dropped afterwards.
        String table = "parallel_probe_" + Long.toHexString(System.nanoTime());
        try (Connection connection = dataSource.getConnection()) {
            One one = new One(connection);
            one.jdbc.sql("create table " + table + " (id int primary key, queue int not null, at int not null)").update();
            try {
                one.jdbc.sql("insert into " + table + " select i, i % 4, i from generate_series(1, 100000) i").update();
                one.jdbc.sql("create index on " + table + " (queue, at)").update();
                one.jdbc.sql("analyze " + table).update();
                // Two names for one statement: a plan made once is kept by its statement whatever the settings later.
                for (String name : new String[] {"range_control", "range_pipeline"}) {
                    one.jdbc.sql("prepare " + name + " (int, int) as select count(*) from " + table + " where queue = $1 and at >= $2").update();
                }
                try {
                    String control = one.transactions.execute(tx -> {
                        workersCheap(one.jdbc);
                        one.jdbc.sql("select set_config('plan_cache_mode', 'force_generic_plan', true)").query().singleRow();
                        return plan(one.jdbc, "range_control");
                    });
                    assertThat(control).as("a generic plan alone guesses many rows and gathers workers").contains("Gather");
                    String pipeline = one.transactions.execute(tx -> {
                        workersCheap(one.jdbc);
                        GenericPlans.forThisTransaction(one.jdbc);
                        return plan(one.jdbc, "range_pipeline");
                    });
                    assertThat(pipeline).doesNotContain("Gather");
                } finally {
                    one.jdbc.sql("deallocate range_control").update();
                    one.jdbc.sql("deallocate range_pipeline").update();
                }
            } finally {
                one.jdbc.sql("drop table " + table).update();
            }
        }
    }

    @Test
    void aLookUpPlannedWhileItsTableWasNearlyEmptyGoesByTheIndexOnceTheTableHasGrown() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            One one = new One(connection);
            // Temporary: autovacuum never analyses it, so the plans made on the empty table stay, as they do until it would.
            one.jdbc.sql("create temporary table empty_probe (id int primary key, owner int not null)").update();
            try {
                one.jdbc.sql("insert into empty_probe values (1, 1)").update();
                one.jdbc.sql("create index on empty_probe (owner)").update();
                one.jdbc.sql("analyze empty_probe").update();
                for (String name : new String[] {"empty_control", "empty_pipeline"}) {
                    one.jdbc.sql("prepare " + name + " (int) as select count(*) from empty_probe where owner = $1").update();
                }
                try {
                    one.transactions.executeWithoutResult(tx -> {
                        one.jdbc.sql("select set_config('plan_cache_mode', 'force_generic_plan', true)").query().singleRow();
                        one.jdbc.sql("execute empty_control (1)").query().singleRow();
                    });
                    one.transactions.executeWithoutResult(tx -> {
                        GenericPlans.forThisTransaction(one.jdbc);
                        one.jdbc.sql("execute empty_pipeline (1)").query().singleRow();
                    });
                    one.jdbc.sql("insert into empty_probe select i, i % 2000 from generate_series(2, 100000) i").update();

                    assertThat(cached(one, "empty_control")).as("a generic plan made on one row scans").contains("Seq Scan")
                            .doesNotContain("Index");
                    assertThat(cached(one, "empty_pipeline")).contains("Index").doesNotContain("Seq Scan");
                } finally {
                    one.jdbc.sql("deallocate empty_control").update();
                    one.jdbc.sql("deallocate empty_pipeline").update();
                }
            } finally {
                one.jdbc.sql("drop table empty_probe").update();
            }
        }
    }

    /** The generic plan a prepared statement keeps, read with sequential scans allowed. */
    private static String cached(One one, String statement) {
        return one.transactions.execute(tx -> {
            one.jdbc.sql("select set_config('plan_cache_mode', 'force_generic_plan', true)").query().singleRow();
            return String.join("\n", one.jdbc.sql("explain execute " + statement + " (7)").query(String.class).list());
        });
    }

    /** Workers made to look free, so that a small table stands for a large one. */
    private static void workersCheap(JdbcClient jdbc) {
        jdbc.sql("""
                        select set_config('parallel_setup_cost', '0', true), set_config('parallel_tuple_cost', '0', true),
                        set_config('min_parallel_index_scan_size', '0', true), set_config('min_parallel_table_scan_size', '0', true)""")
                .query().singleRow();
    }

    private static String plan(JdbcClient jdbc, String statement) {
        return String.join("\n", jdbc.sql("explain execute " + statement + "(1, 99000)").query(String.class).list());
    }

    @Test
    void outsideATransactionItIsRefusedRatherThanSetForNothing() {
        assertThatThrownBy(() -> GenericPlans.forThisTransaction(pooled)).isInstanceOf(IllegalStateException.class);
    }

    private static Map<String, Object> plans(One one, String statement) {
        // The server holds the statement as the driver sent it, with numbered parameters.
        return one.jdbc.sql("select generic_plans, custom_plans from pg_prepared_statements where statement = ?")
                .param(statement.replace("?", "$1"))
                .query().singleRow();
    }

    private static String setting(JdbcClient jdbc) {
        return jdbc.sql("""
                        select current_setting('plan_cache_mode') || ' ' || current_setting('max_parallel_workers_per_gather') || ' '
                        || current_setting('enable_seqscan')""")
                .query(String.class).single();
    }

    /** Transactions and statements on one connection, so what the server prepared for it can be read back. */
    private static final class One {
        final JdbcClient jdbc;
        final TransactionTemplate transactions;

        One(Connection connection) {
            SingleConnectionDataSource single = new SingleConnectionDataSource(connection, true);
            this.jdbc = JdbcClient.create(single);
            this.transactions = new TransactionTemplate(new DataSourceTransactionManager(single));
        }
    }
}
