package io.temas.events;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The event types Temas names in every language, the pattern any other type must follow, and the attributes it reads. */
final class EventTypes {

    static final Set<String> KNOWN = Set.of("branch_visit", "atm_use", "online_banking_sign_in", "mobile_banking_sign_in",
            "order", "payment", "purchase", "churn");

    /** Lower-case words joined by underscores, as the known ones are; no dots, so no type is mistaken for a timeline kind. */
    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{1,63}");

    private static final List<String> PLACE = List.of("branch", "place", "location", "atm", "store", "channel", "device");
    private static final List<String> OUTCOME = List.of("outcome", "result", "status");

    private EventTypes() {
    }

    /** The timeline kind of an event of this type; the console labels it {@code timeline.<kind>}. */
    static String timelineKind(String type) {
        return "event." + (KNOWN.contains(type) ? type : "other");
    }

    static String place(Map<String, Object> attributes) {
        return first(attributes, PLACE);
    }

    static String outcome(Map<String, Object> attributes) {
        return first(attributes, OUTCOME);
    }

    static String amount(Map<String, Object> attributes) {
        Object amount = attributes.get("amount");
        if (amount == null) {
            return null;
        }
        Object currency = attributes.get("currency");
        return currency == null ? String.valueOf(amount) : amount + " " + currency;
    }

    private static String first(Map<String, Object> attributes, List<String> names) {
        for (String name : names) {
            Object value = attributes.get(name);
            if (value != null && !String.valueOf(value).isBlank()) {
                return String.valueOf(value);
            }
        }
        return null;
    }
}
