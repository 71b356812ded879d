package io.temas.customers;

import java.util.List;
import java.util.UUID;

/**
 * Implemented by modules that keep records owned by a customer (conversations, say), so a merge
 * can move them to the surviving customer and its undo can move exactly those back.
 */
public interface CustomerOwnedRecords {

    /** A stable name for the kind of record, used in the merge's snapshot. */
    String kind();

    /** Moves every record of {@code from} to {@code to}; answers the ids moved. */
    List<UUID> reassign(CustomerId from, CustomerId to);

    /** Moves the given records to {@code owner}. */
    void restore(List<UUID> ids, CustomerId owner);
}
