package io.temas.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EntryPointAddressesTests {

    /** Entry points of each kind: an e-mail address, a number, an SMS keyword, a short code. */
    private static final Set<String> OURS = Set.of("+908502220000", "destek@ornek.com.tr", "KIS2026", "4646");

    @ParameterizedTest
    @ValueSource(strings = {"destek@ornek.com.tr", " Destek@Ornek.COM.TR ", "mailto:DESTEK@ornek.com.tr",
            "Destek Ekibi <Destek@Ornek.com.tr>", "<destek@ornek.com.tr>"})
    void lowerCasesEmailAddressesWithoutNameOrScheme(String address) {
        assertThat(EntryPointAddresses.normalise(address)).isEqualTo("destek@ornek.com.tr");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+90 850 222 00 00", "0850 222 00 00", "00908502220000", "+90 (850) 222-00-00", "8502220000"})
    void writesPhoneNumbersInE164(String address) {
        assertThat(EntryPointAddresses.normalise(address)).isEqualTo("+908502220000");
    }

    @Test
    void writesAzerbaijaniPhoneNumbersInE164() {
        assertThat(EntryPointAddresses.normalise("+994 12 498 12 34")).isEqualTo("+994124981234");
    }

    @Test
    void keepsShortCodesAsTheyAre() {
        assertThat(EntryPointAddresses.normalise(" 4646 ")).isEqualTo("4646");
    }

    @ParameterizedTest
    @ValueSource(strings = {"KIS2026", "kis2026", "Kis2026", "KİS2026", "kıs2026", "KIs2026"})
    void upperCasesKeywordsToOneSpellingWhateverTheKeyboard(String keyword) {
        assertThat(EntryPointAddresses.normalise(keyword)).isEqualTo("KIS2026");
    }

    @Test
    void keepsOtherTurkishLettersOfKeywords() {
        assertThat(EntryPointAddresses.normalise("kış-çekiliş")).isEqualTo(EntryPointAddresses.normalise("KIŞ-ÇEKİLİŞ"))
                .isEqualTo("KIŞ-ÇEKILIŞ");
    }

    @Test
    void leavesNullAlone() {
        assertThat(EntryPointAddresses.normalise(null)).isNull();
    }

    @Test
    void aNumberEndingInNoneOfOurNumbersIsTakenForNoneOfOursWithoutParsing() {
        Set<String> endings = EntryPointAddresses.endings(OURS);

        assertThat(EntryPointAddresses.mayBeOneOf("+90 532 111 22 33", endings)).isFalse();
        assertThat(EntryPointAddresses.mayBeOneOf("0532 111 22 33", endings)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"+90 850 222 00 00", "0850 222 00 00", "00908502220000", "+90 (850) 222-00-00", "8502220000",
            "+90 532 111 00 00"})
    void aNumberEndingAsOneOfOursIsSpelledToTell(String number) {
        assertThat(EntryPointAddresses.mayBeOneOf(number, EntryPointAddresses.endings(OURS))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Destek@Ornek.com.tr", "someone@example.com", "kis2026", "4646", "12345"})
    void addressesThatAreNoLongNumbersAreAlwaysSpelledToTell(String address) {
        assertThat(EntryPointAddresses.mayBeOneOf(address, EntryPointAddresses.endings(OURS))).isTrue();
    }

    /**
     * Whatever a number is spelled as, the check lets it through to an entry point it is spelled as: numbers of several
     * countries, each written as people and providers write them, and random digits.
     */
    @Test
    void everyNumberSpelledAsOneOfOursIsLetThrough() {
        PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
        List<String> written = new ArrayList<>();
        Set<String> ours = new HashSet<>();
        for (String region : List.of("TR", "AZ", "AR", "IT", "GB", "US", "DE", "BR", "MX", "RU")) {
            for (PhoneNumberUtil.PhoneNumberType type : List.of(PhoneNumberUtil.PhoneNumberType.MOBILE,
                    PhoneNumberUtil.PhoneNumberType.FIXED_LINE)) {
                PhoneNumber number = phones.getExampleNumberForType(region, type);
                if (number == null) {
                    continue;
                }
                String e164 = phones.format(number, PhoneNumberFormat.E164);
                ours.add(EntryPointAddresses.normaliseOnce(e164));
                written.addAll(List.of(e164, phones.format(number, PhoneNumberFormat.INTERNATIONAL),
                        phones.format(number, PhoneNumberFormat.NATIONAL), "00" + e164.substring(1),
                        phones.format(number, PhoneNumberFormat.NATIONAL).replaceAll("\\D", "")));
            }
        }
        Random random = new Random(42);
        for (int i = 0; i < 2_000; i++) {
            StringBuilder digits = new StringBuilder(random.nextBoolean() ? "+" : "0");
            for (int d = 6 + random.nextInt(9); d > 0; d--) {
                digits.append(random.nextInt(10));
            }
            written.add(digits.toString());
        }
        // Each spelling against the one entry point it is spelled as: none may be turned away unspelled.
        assertThat(written).allSatisfy(w -> assertThat(EntryPointAddresses.mayBeOneOf(w,
                EntryPointAddresses.endings(Set.of(EntryPointAddresses.normaliseOnce(w))))).as(w).isTrue());
        // The example numbers' own entry points, written every way above, are among them.
        assertThat(written).filteredOn(w -> ours.contains(EntryPointAddresses.normaliseOnce(w))).hasSizeGreaterThan(40);
    }

    @Test
    void aSenderIsOneOfOursOnlyWhenSpelledAsOne() {
        Set<String> endings = EntryPointAddresses.endings(OURS);

        assertThat(EntryPointAddresses.isOneOf("0850 222 00 00", OURS, endings)).isTrue();
        assertThat(EntryPointAddresses.isOneOf("Destek <DESTEK@ornek.com.tr>", OURS, endings)).isTrue();
        assertThat(EntryPointAddresses.isOneOf("+90 532 111 00 00", OURS, endings)).as("ends as ours, is not").isFalse();
        assertThat(EntryPointAddresses.isOneOf("musteri@example.com", OURS, endings)).isFalse();
    }

    @Test
    void aSpellingForOnceIsNotRemembered() {
        String sender = "+90 532 987 65 43";

        assertThat(EntryPointAddresses.normaliseOnce(sender)).isEqualTo("+905329876543");
        assertThat(EntryPointAddresses.remembers(sender)).isFalse();
        assertThat(EntryPointAddresses.normalise(sender)).isEqualTo("+905329876543");
        assertThat(EntryPointAddresses.remembers(sender)).isTrue();
    }
}
