package io.temas.routing;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.Locale;
import java.util.Map;
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
