package io.temas.support;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The plan PostgreSQL makes once for every value of a statement, as the pipeline's transactions make it. */
public final class GenericPlan {

    private GenericPlan() {
    }

    /**
     * {@code EXPLAIN} of the statement prepared as {@code (types) as query} and run with {@code arguments}, planned generically
     * with sequential scans off, in the caller's transaction (which the settings end with).
     */
    public static String of(JdbcClient jdbc, String statement, String arguments) {
        jdbc.sql("select set_config('plan_cache_mode', 'force_generic_plan', true), set_config('enable_seqscan', 'off', true)")
                .query((rs, n) -> 1).list();
        jdbc.sql("prepare planned " + statement).update();
        List<String> lines = jdbc.sql("explain execute planned " + arguments).query(String.class).list();
        jdbc.sql("deallocate planned").update();
        return String.join("\n", lines);
    }
}
