package io.temas.customers.identity;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.temas.customers.InvalidIdentifier;
import io.temas.shared.Identifier;
import io.temas.shared.IdentifierType;
import io.temas.shared.LastAnswers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns identifiers into their canonical spelling: lower-case e-mail addresses, E.164 phone
 * numbers, {@code network:handle} social handles without the {@code @}, account numbers without
 * spaces or dashes. Placeholder values ({@code null}, {@code 0000}, {@code test@test.com}) are
 * rejected as blocked.
 */
public final class IdentifierNormaliser {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern ALL_SAME_DIGIT = Pattern.compile("^(\\d)\\1*$");
    private static final Pattern PHONE_LIKE = Pattern.compile("^[+()\\d\\s.\\-/]{5,}$");
    private static final Pattern NON_DIGITS = Pattern.compile("\\D");
    private static final Pattern ACCOUNT_SEPARATORS = Pattern.compile("[\\s\\-./]");
    /**
     * The longest value kept among the last answers: longer than any e-mail address (254), phone number, handle or
     * account number, so only values no sender has are normalised afresh, and the table never holds more than about
     * two megabytes however long the values requests send.
     */
    static final int RECENT_MAX_LENGTH = 320;

    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
    private final IdentitySettings settings;
    private final Set<String> blocked;
    /**
     * The last 1,024 answers, by the identifier's value and type ({@link #hash}). A message's sender is
     * normalised several times while it is handled (its lane, the identifier locks taken ahead, the resolution, the
     * bounce check, the campaign look-up), and a phone number's parse costs microseconds of regular expressions in
     * libphonenumber. The answer depends on nothing but the identifier and this normaliser's settings, which never
     * change. An identifier that is refused is not kept: it throws each time.
     */
    private final LastAnswers<Identifier, Optional<NormalisedIdentifier>> recent = new LastAnswers<>(1024);

    public IdentifierNormaliser(IdentitySettings settings) {
        this.settings = settings;
        this.blocked = new HashSet<>();
        settings.blockedValues().forEach(v -> blocked.add(v.trim().toLowerCase(Locale.ROOT)));
    }

    /**
     * The canonical form, or empty when the value is blank or a blocked placeholder.
     *
     * @throws InvalidIdentifier when the value cannot be an identifier of its type
     */
    public Optional<NormalisedIdentifier> normalise(Identifier identifier) {
        int hash = hash(identifier);
        Optional<NormalisedIdentifier> normalised = recent.get(identifier, hash);
        if (normalised == null) {
            normalised = normaliseNow(identifier);
            if (identifier.value().length() <= RECENT_MAX_LENGTH) {
                recent.put(identifier, hash, normalised);
            }
        }
        return normalised;
    }

    /** Whether this identifier's answer is among the last answers kept. */
    boolean remembers(Identifier identifier) {
        return recent.get(identifier, hash(identifier)) != null;
    }

    /** Where this identifier's answer is kept among the last answers. */
    int slot(Identifier identifier) {
        return recent.slot(hash(identifier));
    }

    /**
     * By the value and the type's position, not the record's hash: that mixes in the type's identity hash, which
     * differs from run to run.
     */
    private static int hash(Identifier identifier) {
        return identifier.value().hashCode() * 31 + identifier.type().ordinal();
    }

    private Optional<NormalisedIdentifier> normaliseNow(Identifier identifier) {
        String raw = identifier.value().trim();
        if (raw.isEmpty() || isBlocked(raw)) {
            return Optional.empty();
        }
        String value = switch (identifier.type()) {
            case EMAIL -> email(raw);
            case PHONE -> phone(raw);
            case SOCIAL -> social(raw);
            case ACCOUNT, LOYALTY -> account(raw);
            case COOKIE -> raw;
        };
        if (value == null || isBlocked(value) || (identifier.type() != IdentifierType.COOKIE && isPlaceholderNumber(value))) {
            return Optional.empty();
        }
        return Optional.of(new NormalisedIdentifier(identifier.type(), value, raw));
    }

    /**
     * Every canonical identifier that a free-form value could be, for look-ups where the type is
     * not given ({@code 0532 111 22 33}, {@code Ali@Ornek.com.tr}, {@code @ali}).
     */
    public List<NormalisedIdentifier> candidates(String freeForm) {
        List<NormalisedIdentifier> result = new ArrayList<>();
        String raw = freeForm == null ? "" : freeForm.trim();
        if (raw.isEmpty()) {
            return result;
        }
        int colon = raw.indexOf(':');
        if (colon > 0) {
            String prefix = raw.substring(0, colon).toLowerCase(Locale.ROOT);
            for (IdentifierType type : IdentifierType.values()) {
                if (type.code().equals(prefix)) {
                    tryAdd(result, new Identifier(type, raw.substring(colon + 1)));
                    return result;
                }
            }
        }
        if (raw.contains("@") && EMAIL.matcher(stripMailto(raw)).matches()) {
            tryAdd(result, Identifier.email(raw));
            return result;
        }
        if (PHONE_LIKE.matcher(raw).matches()) {
            tryAdd(result, Identifier.phone(raw));
        }
        tryAdd(result, Identifier.account(raw));
        tryAdd(result, new Identifier(IdentifierType.LOYALTY, raw));
        tryAdd(result, new Identifier(IdentifierType.COOKIE, raw));
        return result;
    }

    private void tryAdd(List<NormalisedIdentifier> into, Identifier identifier) {
        try {
            normalise(identifier).ifPresent(into::add);
        } catch (InvalidIdentifier ignored) {
            // not this type; the other candidates still count
        }
    }

    private boolean isBlocked(String value) {
        return blocked.contains(value.toLowerCase(Locale.ROOT));
    }

    private static boolean isPlaceholderNumber(String value) {
        String digits = value.startsWith("+") ? value.substring(1) : value;
        return ALL_SAME_DIGIT.matcher(digits).matches() && (digits.startsWith("0") || digits.length() < 3);
    }

    private static String stripMailto(String raw) {
        String value = raw;
        if (value.regionMatches(true, 0, "mailto:", 0, 7)) {
            value = value.substring(7);
        }
        int open = value.lastIndexOf('<');
        int close = value.lastIndexOf('>');
        if (open >= 0 && close > open) {
            value = value.substring(open + 1, close);
        }
        return value.trim();
    }

    private static String email(String raw) {
        String value = stripMailto(raw).toLowerCase(Locale.ROOT);
        if (!EMAIL.matcher(value).matches()) {
            throw new InvalidIdentifier("'" + raw + "' is not an e-mail address");
        }
        return value;
    }

    /** The E.164 number, or null for a placeholder of zeros ("0000000", "0 (000) 000 00 00", "+90 000 000 00 00"). */
    private String phone(String raw) {
        if (isPlaceholderNumber(NON_DIGITS.matcher(raw).replaceAll(""))) {
            return null;
        }
        try {
            String value = raw.startsWith("00") ? "+" + raw.substring(2) : raw;
            PhoneNumber number = phones.parse(value, settings.defaultRegion());
            if (number.getNationalNumber() == 0) {
                return null;
            }
            if (!phones.isPossibleNumber(number)) {
                throw new InvalidIdentifier("'" + raw + "' is not a phone number");
            }
            return phones.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            throw new InvalidIdentifier("'" + raw + "' is not a phone number: " + e.getMessage());
        }
    }

    private static String social(String raw) {
        int colon = raw.indexOf(':');
        if (colon <= 0 || colon == raw.length() - 1) {
            throw new InvalidIdentifier("social handle '" + raw + "' must read network:handle");
        }
        String network = raw.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String handle = raw.substring(colon + 1).trim();
        if (handle.startsWith("@")) {
            handle = handle.substring(1);
        }
        if (handle.isEmpty()) {
            throw new InvalidIdentifier("social handle '" + raw + "' has no handle");
        }
        return network + ":" + handle.toLowerCase(Locale.ROOT);
    }

    private static String account(String raw) {
        String value = ACCOUNT_SEPARATORS.matcher(raw).replaceAll("").toUpperCase(Locale.ROOT);
        if (value.isEmpty()) {
            throw new InvalidIdentifier("'" + raw + "' is not an account number");
        }
        return value;
    }
}
