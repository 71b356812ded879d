package io.temas.routing;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** One spelling per entry point address: lower-case e-mail, E.164 phone numbers, upper-case keywords and codes. */
public final class EntryPointAddresses {

    private static final Pattern PHONE_LIKE = Pattern.compile("^\\+?[()\\d\\s.\\-]{6,}$");
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private EntryPointAddresses() {
    }

    /**
     * Entry points are a handful of addresses asked for on every message, and parsing a phone
     * number is costly: spellings seen are remembered, up to a bound, so odd input cannot fill memory.
     */
    private static final int REMEMBERED = 4096;
    private static final Map<String, String> SEEN = new ConcurrentHashMap<>();

    public static String normalise(String address) {
        if (address == null) {
            return null;
        }
        String known = SEEN.get(address);
        if (known != null) {
            return known;
        }
        String normalised = spelled(address);
        if (SEEN.size() >= REMEMBERED) {
            SEEN.clear();
        }
        SEEN.put(address, normalised);
        return normalised;
    }

    /** Whether the spelling of this address is remembered. */
    static boolean remembers(String address) {
        return SEEN.containsKey(address);
    }

    /**
     * {@link #normalise} without remembering the spelling: for addresses from outside (a sender's, a customer's), which
     * are many and asked about once each, and would otherwise push the entry points' own spellings out.
     */
    public static String normaliseOnce(String address) {
        return address == null ? null : spelled(address);
    }

    /** How many of a number's last digits {@link #endings} keeps. */
    private static final int ENDING = 4;

    /**
     * The last digits of these addresses (as {@link #normalise} spells them), for {@link #mayBeOneOf}: the last four digits
     * of each, all the digits of one with fewer.
     */
    static Set<String> endings(Collection<String> addresses) {
        Set<String> endings = new HashSet<>();
        for (String address : addresses) {
            String digits = digits(address);
            if (!digits.isEmpty()) {
                endings.add(digits.length() <= ENDING ? digits : digits.substring(digits.length() - ENDING));
            }
        }
        return Set.copyOf(endings);
    }

    /**
     * Whether {@code address} may be spelled as one of the addresses whose {@link #endings} these are. Only a phone
     * number can be told apart without spelling it, and spelling it means parsing it: written in E.164 it keeps its last
     * digits, whatever the sender wrote before them (a trunk prefix, a country code, 00 for +, spaces and brackets), and a
     * number that does not parse is kept as written. So a number whose last four digits are no address's last four is
     * none of these addresses.
     */
    static boolean mayBeOneOf(String address, Set<String> endings) {
        String value = address.trim();
        if (value.indexOf('@') >= 0 || !PHONE_LIKE.matcher(value).matches()) {
            return true;
        }
        String digits = digits(value);
        return digits.length() <= ENDING || endings.contains(digits.substring(digits.length() - ENDING));
    }

    /**
     * Whether {@code address} is one of {@code addresses} (as {@link #normalise} spells them), whose {@link #endings} are
     * {@code endings}: spelled only when {@link #mayBeOneOf} cannot tell, and then not remembered.
     */
    static boolean isOneOf(String address, Set<String> addresses, Set<String> endings) {
        return mayBeOneOf(address, endings) && addresses.contains(spelled(address));
    }

    private static String digits(String value) {
        StringBuilder digits = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            }
        }
        return digits.toString();
    }

    private static String spelled(String address) {
        String value = address.trim();
        if (value.regionMatches(true, 0, "mailto:", 0, 7)) {
            value = value.substring(7);
        }
        int open = value.lastIndexOf('<');
        int close = value.lastIndexOf('>');
        if (value.contains("@") && open >= 0 && close > open) {
            value = value.substring(open + 1, close).trim();
        }
        if (value.contains("@")) {
            return value.toLowerCase(Locale.ROOT);
        }
        if (PHONE_LIKE.matcher(value).matches()) {
            try {
                String digits = value.startsWith("00") ? "+" + value.substring(2) : value;
                return PHONES.format(PHONES.parse(digits, "TR"), PhoneNumberUtil.PhoneNumberFormat.E164);
            } catch (NumberParseException e) {
                return value;
            }
        }
        // Dotted and dotless I are one letter here, so "kis2026", "KIS2026" and "KİS2026" are one keyword.
        return value.toUpperCase(Locale.ROOT).replace('İ', 'I');
    }
}
