package io.temas.platform;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Rows of one kind that a transaction writes together, in one statement, instead of one statement each: they are
 * held for the transaction and written when it asks ({@link #flush}) or, at the latest, just before it commits. A
 * rollback drops what is held with the rest of the transaction's work.
 *
 * <p>Whoever holds rows here answers for reads in the same transaction: a read that must see them flushes first, or
 * counts what {@link #held} lists.
 *
 * @param <T> one row as the writer takes it
 */
public final class WrittenAtCommit<T> {

    private final Consumer<List<T>> writer;

    /** @param writer writes the rows given, in their order, in the caller's transaction; never called with none */
    public WrittenAtCommit(Consumer<List<T>> writer) {
        this.writer = writer;
    }

    /**
     * Holds the row for the current transaction; answers false, holding nothing, when there is no transaction (the
     * caller then writes it at once).
     */
    public boolean hold(T row) {
        Rows<T> rows = rows(true);
        if (rows == null) {
            return false;
        }
        rows.list.add(row);
        return true;
    }

    /** The rows the current transaction holds and has not written yet, in order. */
    public List<T> held() {
        Rows<T> rows = rows(false);
        return rows == null ? List.of() : Collections.unmodifiableList(rows.list);
    }

    /** The rows the current transaction holds, in order, handed to the caller to write now: they are held no more. */
    public List<T> take() {
        Rows<T> rows = rows(false);
        if (rows == null || rows.list.isEmpty()) {
            return List.of();
        }
        List<T> taken = List.copyOf(rows.list);
        rows.list.clear();
        return taken;
    }

    /** Writes the rows the current transaction holds, now. */
    public void flush() {
        Rows<T> rows = rows(false);
        if (rows != null) {
            rows.write();
        }
    }

    /**
     * The current transaction's rows, bound to the thread while it runs. A transaction started inside it
     * ({@code REQUIRES_NEW}) suspends them with the outer transaction's synchronizations and holds its own; the outer
     * one's come back when it resumes.
     */
    @SuppressWarnings("unchecked")
    private Rows<T> rows(boolean create) {
        if (!TransactionSynchronizationManager.isActualTransactionActive() || !TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        Rows<T> rows = (Rows<T>) TransactionSynchronizationManager.getResource(this);
        if (rows == null && create) {
            rows = new Rows<>(this);
            TransactionSynchronizationManager.bindResource(this, rows);
            TransactionSynchronizationManager.registerSynchronization(rows);
        }
        return rows;
    }

    /** One transaction's rows, written just before it commits if nobody asked earlier. */
    private static final class Rows<T> implements TransactionSynchronization {

        private final WrittenAtCommit<T> owner;
        private final List<T> list = new ArrayList<>();

        Rows(WrittenAtCommit<T> owner) {
            this.owner = owner;
        }

        @Override
        public void suspend() {
            TransactionSynchronizationManager.unbindResourceIfPossible(owner);
        }

        @Override
        public void resume() {
            TransactionSynchronizationManager.bindResource(owner, this);
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            write();
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(owner);
        }

        void write() {
            if (!list.isEmpty()) {
                List<T> batch = List.copyOf(list);
                list.clear();
                owner.writer.accept(batch);
            }
        }
    }
}
