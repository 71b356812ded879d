package io.temas.campaigns;

import java.util.Set;

/**
 * Why a call-list entry left its list, as a code a screen or an API client can put in its
 * reader's language. The stored reason is a sentence for the record ({@code "do-not-contact: do
 * not contact on voice: asked on the phone"}, {@code "responded accepted by sms"}); its code is
 * read from the way each writer in this module begins it:
 *
 * <ul>
 *   <li>{@code no-phone}: the customer had no phone number when the list was built;</li>
 *   <li>{@code opted-out}: the customer answered the campaign by opting out;</li>
 *   <li>{@code campaign-answered}: any other answer to the campaign (a reply, a click, a call's outcome);</li>
 *   <li>a contact policy's name ({@code do-not-contact}, {@code consent}, {@code consent-missing},
 *   {@code quiet-hours}, {@code frequency-cap}, {@code campaign-running}) when that policy refused;</li>
 *   <li>{@code other} for anything else.</li>
 * </ul>
 */
public final class RemovalReasons {

    /** The reason a list's builder gives a customer with no phone number. */
    static final String NO_PHONE = "no phone number";
    /** How the builder begins the reason of a customer who had answered the campaign already. */
    static final String ALREADY_RESPONDED = "already responded: ";

    private static final Set<String> POLICIES = Set.of("do-not-contact", "consent", "consent-missing", "quiet-hours", "frequency-cap",
            "campaign-running", "campaign-answered");

    private RemovalReasons() {
    }

    /** The code of a stored removal reason; {@code other} for null or an unknown one. */
    public static String code(String reason) {
        if (reason == null) {
            return "other";
        }
        if (reason.equals(NO_PHONE)) {
            return "no-phone";
        }
        boolean before = reason.startsWith(ALREADY_RESPONDED);
        String answer = before ? reason.substring(ALREADY_RESPONDED.length()) : reason;
        if (answer.startsWith("responded opted-out") || answer.startsWith("answered opted-out")) {
            return "opted-out";
        }
        if (before || answer.startsWith("responded ") || answer.startsWith("answered ") || answer.startsWith("clicked ")) {
            return "campaign-answered";
        }
        int colon = reason.indexOf(':');
        if (colon > 0 && POLICIES.contains(reason.substring(0, colon))) {
            return reason.substring(0, colon);
        }
        return "other";
    }
}
