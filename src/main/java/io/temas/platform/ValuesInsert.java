package io.temas.platform;

import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One {@code INSERT … VALUES (…)} statement written for many rows at once: the values group repeated, a thousand rows at
 * most to a statement, each value a plain parameter. Plain parameters, not arrays to {@code unnest}: a text would
 * otherwise be escaped into an array literal by the driver and parsed out of it again by the server, which costs more
 * than the statements saved when a transaction writes only a few rows.
 */
public final class ValuesInsert {

    static final int ROWS_A_STATEMENT = 1000;

    private final String insert;
    private final String more;
    private final int columns;

    /** @param insert an insert of one row that ends in its {@code values (…)} group, its values as {@code ?} or constants */
    public ValuesInsert(String insert) {
        int values = insert.toLowerCase(Locale.ROOT).lastIndexOf("values");
        if (values < 0) {
            throw new IllegalArgumentException("an insert ending in a values group: " + insert);
        }
        String group = insert.substring(values + "values".length()).strip();
        this.insert = insert;
        this.more = ", " + group;
        this.columns = (int) group.chars().filter(c -> c == '?').count();
    }

    /** The statement for one row. */
    public String sql() {
        return insert;
    }

    /** Writes the rows, each the parameters of one values group in order, in the caller's transaction. */
    public void write(JdbcClient jdbc, List<Object[]> rows) {
        statements(rows, (sql, params) -> jdbc.sql(sql).params(params).update());
    }

    /** Hands over the statements that write the rows, each with its parameters, for the caller to run. */
    public void statements(List<Object[]> rows, java.util.function.BiConsumer<String, Object[]> into) {
        for (int from = 0; from < rows.size(); from += ROWS_A_STATEMENT) {
            List<Object[]> part = rows.subList(from, Math.min(rows.size(), from + ROWS_A_STATEMENT));
            Object[] params = new Object[part.size() * columns];
            for (int r = 0; r < part.size(); r++) {
                if (part.get(r).length != columns) {
                    throw new IllegalArgumentException("a row of " + part.get(r).length + " values for " + columns + " parameters");
                }
                System.arraycopy(part.get(r), 0, params, r * columns, columns);
            }
            into.accept(insert + more.repeat(part.size() - 1), params);
        }
    }
}
