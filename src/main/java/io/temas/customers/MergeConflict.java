package io.temas.customers;

import io.temas.shared.Conflict;

/** The merge or its undo clashes with the current state (already merged, already undone). */
public class MergeConflict extends Conflict {

    public MergeConflict(String reason) {
        super(reason);
    }
}
