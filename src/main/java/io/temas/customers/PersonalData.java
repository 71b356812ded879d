package io.temas.customers;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Implemented by every module that keeps personal data about a customer, so a subject-access
 * export (KVKK article 11, GDPR article 15) gathers all of it and an erasure removes all of it.
 * A module that adds a table holding a person's words, addresses or identifiers adds a part here.
 *
 * <p>An erasure calls {@link #erase} of every part, in {@link #order()}, inside one transaction; the
 * part of the identity graph runs last, so the others can still find the person's addresses through
 * {@link Customers#identities} and {@link Customers#addressForms}. Calling {@code erase} again erases
 * nothing more and fails on nothing.
 */
public interface PersonalData {

    /** A file a part holds about the customer (an attachment), read only when the export writes it. */
    record PersonalFile(String name, String contentType, Supplier<byte[]> content) {
    }

    /** A stable name for this part; the export's section and file name (e.g. {@code customer-events}). */
    String kind();

    /** Everything this part holds about the customer, as rows of plain values (strings, numbers, booleans, lists, maps). */
    List<Map<String, Object>> export(CustomerId customer);

    /**
     * Removes or anonymises the customer's personal data in this part, inside the erasure's transaction. Figures that
     * are not about a person (counts, durations, aggregates) and records the law requires to be kept stay, without the
     * person's name, words or addresses.
     */
    void erase(CustomerId customer);

    /** Files this part holds about the customer, for the export (attachments); none by default. */
    default List<PersonalFile> files(CustomerId customer) {
        return List.of();
    }

    /**
     * Other profiles that are this person by this part's records, erased and exported with them: a chat visitor's
     * profile where the visitor gave one of the person's addresses (a chat is answered in the chat, so its profile is
     * the visitor's, and the address stays on the message only). None by default.
     */
    default List<CustomerId> related(CustomerId customer) {
        return List.of();
    }

    /** Smaller runs first in an erasure. Parts that find the person by their addresses keep the default. */
    default int order() {
        return 0;
    }
}
