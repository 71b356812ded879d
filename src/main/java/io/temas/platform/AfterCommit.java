package io.temas.platform;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs work once the current transaction commits (at once when there is none). For listeners that
 * only tell something outside the database: a {@code @TransactionalEventListener} would do the same
 * but makes the event publication registry store and delete a row per event and listener inside
 * the publishing transaction.
 */
public final class AfterCommit {

    private AfterCommit() {
    }

    public static void run(Runnable work) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    work.run();
                }
            });
        } else {
            work.run();
        }
    }

    /** Runs work once the current transaction has ended, committed or rolled back; nothing when there is none. */
    public static void whenEnded(Runnable work) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    work.run();
                }
            });
        }
    }
}
