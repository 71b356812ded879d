package io.temas.calls.twilio;

import io.temas.calls.Telephony;
import java.util.Locale;

/**
 * How an agent's extension is reached through Twilio and read back from a call leg's {@code To}: a
 * Twilio Client identity ({@code client:101}), an address on the SIP domain
 * ({@code sip:101@temas.sip.twilio.com}), or, for an extension that is a number in E.164, that number.
 */
final class TwilioIdentities {

    private TwilioIdentities() {
    }

    /** The TwiML noun that rings an extension, with its attributes ({@code attributes} already escaped). */
    static String noun(String extension, Telephony.Twilio twilio, String attributes) {
        String a = attributes.isEmpty() ? "" : " " + attributes;
        if (extension.matches("\\+[1-9][0-9]{6,14}")) {
            return "<Number" + a + ">" + xml(extension) + "</Number>";
        }
        if (twilio.domain() != null && !twilio.domain().isBlank()) {
            return "<Sip" + a + ">" + xml("sip:" + extension + "@" + twilio.domain()) + "</Sip>";
        }
        return "<Client" + a + ">" + xml(extension) + "</Client>";
    }

    /** The {@code To} of a REST call to the extension. */
    static String address(String extension, Telephony.Twilio twilio) {
        if (extension.matches("\\+[1-9][0-9]{6,14}")) {
            return extension;
        }
        return twilio.domain() != null && !twilio.domain().isBlank() ? "sip:" + extension + "@" + twilio.domain() : "client:" + extension;
    }

    /** The extension a leg's {@code To} names ({@code client:101}, {@code sip:101@domain}), or null for anything else. */
    static String extension(String to) {
        if (to == null || to.isBlank()) {
            return null;
        }
        String t = to.strip();
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.startsWith("client:")) {
            return t.substring("client:".length());
        }
        if (lower.startsWith("sip:")) {
            String user = t.substring("sip:".length());
            int at = user.indexOf('@');
            return at > 0 ? user.substring(0, at) : user;
        }
        return null;
    }

    static String xml(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&apos;");
    }
}
