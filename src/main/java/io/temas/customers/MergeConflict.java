package io.temas.customers;

/** The merge or its undo clashes with the current state (already merged, already undone). */
public class MergeConflict extends RuntimeException {

    public MergeConflict(String reason) {
        super(reason);
    }
}
