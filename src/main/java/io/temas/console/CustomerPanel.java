package io.temas.console;

import io.temas.customers.Customer;
import org.springframework.ui.Model;

/**
 * A block a feature adds to the customer 360 (beside a conversation and on the customer page): it
 * names where it goes, the Thymeleaf fragment that draws it, and fills the model that fragment
 * reads. The sidebar asks every panel in {@link #order()}; a panel keeps its model attributes under
 * names of its own.
 */
interface CustomerPanel {

    /** Where a panel is drawn. */
    enum Slot {
        /** At the top of the 360, under the name, beside the alerts: what an agent must see first. */
        ALERTS,
        /** After the contact details: facts about the person. */
        PROFILE,
        /** At the end of the 360, after the other conversations. */
        END,
        /** On the customer page only, in the main column after the timeline. */
        PAGE,
        /** On the customer page only, at the end of the side column (actions on the whole person). */
        PAGE_SIDE
    }

    /**
     * Where a panel is drawn and what draws it: a slot, its rank there (smaller first), and a Thymeleaf fragment
     * ({@code template :: fragment}, e.g. {@code console/customer-events :: panel}).
     */
    record Placement(Slot slot, int order, String template, String fragment) {

        /** The fragment named {@code panel} in {@code template}. */
        static Placement of(Slot slot, int order, String template) {
            return new Placement(slot, order, template, "panel");
        }
    }

    Placement placement();

    /** Adds what the fragment reads; {@code page} is true on the customer page, false beside a conversation. */
    void fill(Customer customer, Viewer viewer, boolean page, Model model);
}
