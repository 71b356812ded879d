package io.temas.platform;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Lets the current transaction run its prepared statements on their generic plans, planned once per connection,
 * instead of planning them again on every run.
 *
 * <p>PostgreSQL plans a prepared statement anew for its parameters (a custom plan) until it judges a plan made once
 * for any parameters (the generic plan) as cheap. A statement with an array parameter ({@code = any(?)}, a join on
 * {@code unnest(?)}) never gets there: its custom plan knows the array's length and always looks cheaper, so it is
 * planned on every run, often taking longer to plan than to run. For a transaction whose statements are all look-ups
 * by key and writes, as the inbound pipeline's are, the generic plan is the same plan; planning it once is what the
 * statement costs.
 *
 * <p>A generic plan does not know how many rows a range ({@code first_responded_at >= ?}) will match and guesses a
 * third of the table; on a large table that guess starts parallel workers, which for the few rows such a read really
 * finds cost far more than they save (a count of two hours' first responses among two million conversations: 8 ms with
 * two workers, 0.1 ms without). So the transaction also runs without parallel workers.
 *
 * <p>A generic plan is kept until its tables are next analysed, and one made while a table was nearly empty scans it:
 * in a new database the batch's identity look-up read {@code identities} whole 12,000 times in its first 23,000
 * messages, 87 million rows, before autovacuum's analysis (once a minute) replaced the plan. Analysing every 10 s
 * instead cost more on a database growing under load than it saved. The transaction's statements all have an index to
 * go by, so it runs with sequential scans off: the planner takes the index even for a table it believes empty, and
 * scans only a table no index serves.
 *
 * <p>The settings end with the transaction, so the connection goes back to the pool as it came.
 */
public final class GenericPlans {

    /**
     * The settings as a select list, for a transaction's first statement to carry instead of a statement of their own (see
     * {@code IdentityResolver#lockAhead}): they apply to the statements after it.
     */
    public static final String SETTINGS = """
            set_config('plan_cache_mode', 'force_generic_plan', true), set_config('max_parallel_workers_per_gather', '0', true), \
            set_config('enable_seqscan', 'off', true)""";

    private GenericPlans() {
    }

    /** Generic plans, no parallel workers and no sequential scans where an index serves, for the rest of the current transaction; there must be one. */
    public static void forThisTransaction(JdbcClient jdbc) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("generic plans are set for a transaction, and none is active");
        }
        jdbc.sql("select " + SETTINGS).query().singleRow();
    }
}
