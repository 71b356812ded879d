package io.temas.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The writes a transaction makes last, each a statement of its own module (an insert, an update), sent to the database as
 * one statement: each a data-modifying {@code WITH} query of it. PostgreSQL runs every one of them to completion, all on
 * the same snapshot, and checks their constraints at the statement's end, as it would each statement's. For writes none
 * of which reads what another writes, such as the inbound pipeline's automatic replies, timeline entries and receipts
 * at a batch's end, that is what separate statements would do, in one round trip instead of four.
 *
 * <p>Modules hand their statements in as they would run them ({@link #accept}); {@link #run} sends them, as few
 * statements as the parameters allow.
 */
public final class ClosingWrites implements BiConsumer<String, Object[]> {

    /** The most parameters one statement is given: the protocol counts them in 16 bits. */
    static final int MOST_PARAMETERS = 30_000;

    private final List<String> statements = new ArrayList<>();
    private final List<Object[]> parameters = new ArrayList<>();

    /** Takes one statement to run, an insert or update without {@code returning}, with its parameters. */
    @Override
    public void accept(String sql, Object[] params) {
        statements.add(sql);
        parameters.add(params);
    }

    /** Runs the statements taken, in the caller's transaction, and forgets them. */
    public void run(JdbcClient jdbc) {
        int from = 0;
        while (from < statements.size()) {
            int to = from;
            int count = 0;
            do {
                count += parameters.get(to).length;
                to++;
            } while (to < statements.size() && count + parameters.get(to).length <= MOST_PARAMETERS);
            runTogether(jdbc, from, to);
            from = to;
        }
        statements.clear();
        parameters.clear();
    }

    private void runTogether(JdbcClient jdbc, int from, int to) {
        if (to - from == 1) {
            jdbc.sql(statements.get(from)).params(parameters.get(from)).update();
            return;
        }
        StringBuilder sql = new StringBuilder("with ");
        List<Object> params = new ArrayList<>();
        for (int i = from; i < to; i++) {
            sql.append(i == from ? "" : ", ").append('w').append(i - from).append(" as (").append(statements.get(i)).append(')');
            params.addAll(java.util.Arrays.asList(parameters.get(i)));
        }
        sql.append(" select 1");
        jdbc.sql(sql.toString()).params(params).query((rs, n) -> 1).list();
    }
}
