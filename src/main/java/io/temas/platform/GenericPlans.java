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
 * statement costs. The setting ends with the transaction, so the connection goes back to the pool as it came.
 */
public final class GenericPlans {

    private GenericPlans() {
    }

    /** For the rest of the current transaction; there must be one. */
    public static void forThisTransaction(JdbcClient jdbc) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("generic plans are set for a transaction, and none is active");
        }
        jdbc.sql("select set_config('plan_cache_mode', 'force_generic_plan', true)").query().singleValue();
    }
}
