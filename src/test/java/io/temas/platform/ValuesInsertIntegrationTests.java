package io.temas.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temas.support.TemasIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Many rows in as few statements as fit, more than one statement's worth included. */
@TemasIntegrationTest
class ValuesInsertIntegrationTests {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void rowsBeyondOneStatementsWorthAreAllWrittenInTheirOrderWithTheirConstants() {
        ValuesInsert insert = new ValuesInsert("insert into values_insert_rows (n, text, kind) values (?, ?::text, 'fixed')");
        int count = 2 * ValuesInsert.ROWS_A_STATEMENT + 1;
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(new Object[] {i, "satır " + i});
        }
        List<Integer> written = transactions.execute(tx -> {
            jdbc.sql("create temporary table values_insert_rows (seq serial, n int, text text, kind text) on commit drop").update();
            insert.write(jdbc, rows);
            assertThat(jdbc.sql("select count(*) from values_insert_rows where kind = 'fixed' and text = 'satır ' || n")
                    .query(Integer.class).single()).isEqualTo(count);
            return jdbc.sql("select n from values_insert_rows order by seq").query(Integer.class).list();
        });
        assertThat(written).hasSize(count).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aRowOfTheWrongWidthOrAnInsertWithoutValuesIsRefused() {
        ValuesInsert insert = new ValuesInsert("insert into nowhere (a, b) values (?, ?)");
        assertThatThrownBy(() -> insert.write(jdbc, List.<Object[]>of(new Object[] {1})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 values for 2");
        assertThatThrownBy(() -> new ValuesInsert("insert into nowhere select 1")).isInstanceOf(IllegalArgumentException.class);
    }
}
