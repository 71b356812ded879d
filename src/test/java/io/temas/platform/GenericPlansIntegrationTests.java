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
            String inside = one.transactions.execute(tx -> {
                GenericPlans.forThisTransaction(one.jdbc);
                return setting(one.jdbc);
            });
            assertThat(inside).isEqualTo("force_generic_plan");
            assertThat(setting(one.jdbc)).as("after the commit").isEqualTo("auto");

            one.transactions.executeWithoutResult(tx -> {
                GenericPlans.forThisTransaction(one.jdbc);
                tx.setRollbackOnly();
            });
            assertThat(setting(one.jdbc)).as("after a rollback").isEqualTo("auto");
        }
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
        return jdbc.sql("select current_setting('plan_cache_mode')").query(String.class).single();
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
