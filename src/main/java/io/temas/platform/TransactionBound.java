package io.temas.platform;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * State of one kind kept for the current transaction: made at its first use, bound to the thread while the transaction runs,
 * and handed over as the transaction ends. A transaction started inside it ({@code REQUIRES_NEW}) has state of its own; the
 * outer one's comes back when it resumes.
 *
 * @param <S> one transaction's state
 */
public final class TransactionBound<S> {

    private final Supplier<S> fresh;
    private final Consumer<S> beforeCommit;
    private final Consumer<S> beforeCompletion;

    /**
     * @param fresh            a new transaction's state
     * @param beforeCommit     what is done with the state just before the transaction commits, still in it (null: nothing)
     * @param beforeCompletion what is done with it just before the transaction commits or rolls back, after
     *                         {@code beforeCommit} (null: nothing)
     */
    public TransactionBound(Supplier<S> fresh, Consumer<S> beforeCommit, Consumer<S> beforeCompletion) {
        this.fresh = fresh;
        this.beforeCommit = beforeCommit;
        this.beforeCompletion = beforeCompletion;
    }

    /** The current transaction's state; null when it has none yet, or there is no transaction. */
    @SuppressWarnings("unchecked")
    public S current() {
        return active() ? (S) TransactionSynchronizationManager.getResource(this) : null;
    }

    /** The current transaction's state, made now if it has none; null when there is no transaction. */
    public S currentOrNew() {
        if (!active()) {
            return null;
        }
        S state = current();
        if (state == null) {
            S made = fresh.get();
            TransactionSynchronizationManager.bindResource(this, made);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void suspend() {
                    TransactionSynchronizationManager.unbindResourceIfPossible(TransactionBound.this);
                }

                @Override
                public void resume() {
                    TransactionSynchronizationManager.bindResource(TransactionBound.this, made);
                }

                @Override
                public void beforeCommit(boolean readOnly) {
                    if (beforeCommit != null) {
                        beforeCommit.accept(made);
                    }
                }

                @Override
                public void beforeCompletion() {
                    if (beforeCompletion != null) {
                        beforeCompletion.accept(made);
                    }
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(TransactionBound.this);
                }
            });
            state = made;
        }
        return state;
    }

    private static boolean active() {
        return TransactionSynchronizationManager.isActualTransactionActive() && TransactionSynchronizationManager.isSynchronizationActive();
    }
}
