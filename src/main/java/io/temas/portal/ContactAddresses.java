package io.temas.portal;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The addresses a visitor leaves on the contact form, checked as the answer will use them: an
 * e-mail address, and a phone number as E.164 (written without a country code, it is read in
 * the identity settings' default region). The answer goes by e-mail, else by SMS.
 */
final class ContactAddresses {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private ContactAddresses() {
    }

    /** The e-mail address when it reads as one. */
    static Optional<String> email(String raw) {
        String value = raw == null ? "" : raw.strip();
        return EMAIL.matcher(value).matches() && value.length() <= 320 ? Optional.of(value) : Optional.empty();
    }

    /** The number in E.164 form when it is a possible phone number. */
    static Optional<String> phone(String raw, String region) {
        String value = raw == null ? "" : raw.strip();
        if (value.isEmpty() || value.length() > 40 || !value.matches("[+()\\d\\s.\\-/]+")) {
            return Optional.empty();
        }
        try {
            Phonenumber.PhoneNumber number = PHONES.parse(value.startsWith("00") ? "+" + value.substring(2) : value, region);
            return PHONES.isPossibleNumber(number) && number.getNationalNumber() != 0
                    ? Optional.of(PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164)) : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
