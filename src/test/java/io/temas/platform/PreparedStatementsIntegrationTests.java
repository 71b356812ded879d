package io.temas.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.support.TemasIntegrationTest;
import java.sql.Connection;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A statement run over and over on one connection stays prepared on the server, whether its text parameters are
 * null or not: the pool sends strings untyped (see {@code EmbeddedDatabaseConfiguration.untypedStrings}).
 */
@TemasIntegrationTest
class PreparedStatementsIntegrationTests {

    private static final String LOOK_UP = "select count(*) from customers where display_name is not distinct from ? and language is not distinct from ?";

    @Autowired
    DataSource dataSource;

    @Test
    void aStatementWhoseTextParametersAreSometimesNullIsPreparedOnceAndNotParsedAgain() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            JdbcTemplate one = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
            for (int run = 0; run < 20; run++) {
                // The nulls move from run to run, as a message's subject or an entry's headers do.
                one.queryForObject(LOOK_UP, Integer.class, run % 2 == 0 ? null : "Ada Yılmaz", run % 3 == 0 ? "tr" : null);
            }
            // Every run after the driver prepared it on the server (at its fifth) ran on that prepared statement: a run
            // the statement did not fit would have been parsed and planned again beside it.
            Map<String, Object> prepared = one.queryForMap("""
                    select count(*) as statements, coalesce(sum(generic_plans + custom_plans), 0) as runs
                    from pg_prepared_statements where statement like 'select count(*) from customers where display_name is not distinct from%'""");
            assertThat(((Number) prepared.get("statements")).intValue()).as("prepared once on this connection").isEqualTo(1);
            assertThat(((Number) prepared.get("runs")).intValue()).as("runs on the prepared statement").isGreaterThanOrEqualTo(15);
        }
    }
}
