package io.temas.customers;

import java.util.List;
import java.util.Map;

/**
 * Implemented by every module that keeps personal data about a customer, so a subject-access
 * export (KVKK article 11, GDPR article 15) gathers all of it and an erasure removes all of it.
 * A module that adds a table holding a person's words, addresses or identifiers adds a part here.
 */
public interface PersonalData {

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
}
