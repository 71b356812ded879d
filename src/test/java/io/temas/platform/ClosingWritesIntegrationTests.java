package io.temas.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.support.TemasIntegrationTest;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Writes of several statements sent as one, and split where one would take more parameters than the protocol carries. */
@TemasIntegrationTest
class ClosingWritesIntegrationTests {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void severalWritesGoAsOneStatementAndAllOfThemRun() {
        List<String> commands = transactions.execute(tx -> {
            jdbc.sql("create temporary table closing_a (n int) on commit drop").update();
            jdbc.sql("create temporary table closing_b (n int, word text) on commit drop").update();
            ClosingWrites writes = new ClosingWrites();
            writes.accept("insert into closing_a (n) values (?), (?)", new Object[] {1, 2});
            writes.accept("insert into closing_b (n, word) values (?, ?)", new Object[] {3, "üç"});
            writes.accept("insert into closing_a (n) select x from unnest(?::int[]) x", new Object[] {new Integer[] {4, 5}});
            writes.run(jdbc);
            assertThat(jdbc.sql("select n from closing_a order by n").query(Integer.class).list()).containsExactly(1, 2, 4, 5);
            assertThat(jdbc.sql("select word from closing_b").query(String.class).single()).isEqualTo("üç");
            return jdbc.sql("select distinct cmin::text from closing_a union select cmin::text from closing_b").query(String.class).list();
        });
        assertThat(commands).as("one statement wrote every row").hasSize(1);
    }

    @Test
    void writesWithMoreParametersThanOneStatementTakesGoInSeveral() {
        int rows = ClosingWrites.MOST_PARAMETERS / 2 + 1;
        String values = "insert into closing_c (n) values " + String.join(", ", java.util.Collections.nCopies(rows, "(?)"));
        List<String> commands = transactions.execute(tx -> {
            jdbc.sql("create temporary table closing_c (n int) on commit drop").update();
            ClosingWrites writes = new ClosingWrites();
            writes.accept(values, IntStream.range(0, rows).boxed().toArray());
            writes.accept(values, IntStream.range(rows, 2 * rows).boxed().toArray());
            writes.accept("insert into closing_c (n) values (?)", new Object[] {-1});
            writes.run(jdbc);
            assertThat(jdbc.sql("select count(*) from closing_c").query(Integer.class).single()).isEqualTo(2 * rows + 1);
            return jdbc.sql("select distinct cmin::text from closing_c").query(String.class).list();
        });
        assertThat(commands).as("the second write did not fit beside the first; the third went with the second").hasSize(2);
    }
}
