package io.temas.customers;

import java.util.List;

/**
 * Entries a module keeps in a table of its own and shows on the customer's timeline without copying them into it
 * (events from other systems arrive by the million; a second row for each would double what an import writes). The
 * timeline reads each source's newest entries beside its own and shows them in one order. A source moves its rows
 * on a merge itself, as {@link CustomerOwnedRecords} do.
 */
public interface TimelineSource {

    /** The customer's newest entries of this source, newest first (by time, then id), at most {@code limit}. */
    List<TimelineEntry> recent(CustomerId customer, int limit);
}
