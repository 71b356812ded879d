package io.temas.platform;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

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
    /**
     * The current transaction's rows. A transaction started inside it ({@code REQUIRES_NEW}) holds its own; the outer one's
     * come back when it resumes.
     */
    private final TransactionBound<List<T>> rows = new TransactionBound<>(ArrayList::new, this::write, null);

    /** @param writer writes the rows given, in their order, in the caller's transaction; never called with none */
    public WrittenAtCommit(Consumer<List<T>> writer) {
        this.writer = writer;
    }

    /**
     * Holds the row for the current transaction; answers false, holding nothing, when there is no transaction (the
     * caller then writes it at once).
     */
    public boolean hold(T row) {
        List<T> held = rows.currentOrNew();
        if (held == null) {
            return false;
        }
        held.add(row);
        return true;
    }

    /** The rows the current transaction holds and has not written yet, in order. */
    public List<T> held() {
        List<T> held = rows.current();
        return held == null ? List.of() : Collections.unmodifiableList(held);
    }

    /** The rows the current transaction holds, in order, handed to the caller to write now: they are held no more. */
    public List<T> take() {
        List<T> held = rows.current();
        if (held == null || held.isEmpty()) {
            return List.of();
        }
        List<T> taken = List.copyOf(held);
        held.clear();
        return taken;
    }

    /** Writes the rows the current transaction holds, now. */
    public void flush() {
        List<T> held = rows.current();
        if (held != null) {
            write(held);
        }
    }

    private void write(List<T> held) {
        if (!held.isEmpty()) {
            List<T> batch = List.copyOf(held);
            held.clear();
            writer.accept(batch);
        }
    }
}
