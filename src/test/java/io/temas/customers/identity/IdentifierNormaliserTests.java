package io.temas.customers.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temas.customers.InvalidIdentifier;
import io.temas.shared.Identifier;
import io.temas.shared.IdentifierType;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifierNormaliserTests {

    private final IdentifierNormaliser normaliser = new IdentifierNormaliser(IdentitySettings.defaults());

    private Optional<String> value(Identifier identifier) {
        return normaliser.normalise(identifier).map(NormalisedIdentifier::value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ali@ornek.com.tr", "Ali@Ornek.COM.TR", "  ALI@ORNEK.COM.TR ", "mailto:Ali@Ornek.com.tr",
            "<ali@ornek.com.tr>", "Ali Veli <Ali@Ornek.com.tr>", "MAILTO:<ali@ornek.com.tr>"})
    void normalisesEmailsInAnySpellingToLowerCase(String spelling) {
        assertThat(value(Identifier.email(spelling))).contains("ali@ornek.com.tr");
    }

    @Test
    void keepsTheOriginalSpellingNextToTheCanonicalOne() {
        NormalisedIdentifier id = normaliser.normalise(Identifier.email(" Ali@Ornek.com ")).orElseThrow();

        assertThat(id.original()).isEqualTo("Ali@Ornek.com");
        assertThat(id.key()).isEqualTo("email:ali@ornek.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ali", "ali@ornek", "ali veli@ornek.com", "a@b@c.com"})
    void rejectsWhatIsNoEmailAddress(String spelling) {
        assertThatThrownBy(() -> normaliser.normalise(Identifier.email(spelling))).isInstanceOf(InvalidIdentifier.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0532 111 22 33", "+90 (532) 111-22-33", "00905321112233", "5321112233", "05321112233",
            "+905321112233", "0 532 111 2233", "532.111.22.33", "(0532) 111 22 33"})
    void normalisesTurkishPhoneSpellingsToE164(String spelling) {
        assertThat(value(Identifier.phone(spelling))).contains("+905321112233");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+994 50 123 45 67", "00994501234567", "+994 (50) 123-45-67"})
    void normalisesAzerbaijaniPhoneNumbersToE164(String spelling) {
        assertThat(value(Identifier.phone(spelling))).contains("+994501234567");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "12", "+90 532", "telefon yok"})
    void rejectsWhatIsNoPhoneNumber(String spelling) {
        assertThatThrownBy(() -> normaliser.normalise(Identifier.phone(spelling)))
                .isInstanceOf(InvalidIdentifier.class)
                .hasMessageContaining(spelling);
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "NULL", "None", "n/a", "-", "-1", "0", "", "   "})
    void ignoresBlockedPlaceholderPhones(String placeholder) {
        assertThat(normaliser.normalise(Identifier.phone(placeholder))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0000000", "000 000 00 00", "0 (000) 000-00-00", "+0000000", "+90 (000) 000 00 00", "+994 00 000 00 00"})
    void ignoresAllZeroPhonesAsPlaceholders(String placeholder) {
        assertThat(normaliser.normalise(Identifier.phone(placeholder))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"test@test.com", "TEST@Test.com", "<test@test.com>", "mailto:a@a.com", "noreply@example.com", "unknown"})
    void ignoresBlockedPlaceholderEmails(String placeholder) {
        assertThat(normaliser.normalise(Identifier.email(placeholder))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0000000", "0000-000", "00", "11", "-1", "null"})
    void ignoresPlaceholderAccountNumbers(String placeholder) {
        assertThat(normaliser.normalise(Identifier.account(placeholder))).isEmpty();
    }

    @Test
    void ignoresValuesBlockedInTheSettings() {
        IdentitySettings settings = new IdentitySettings("TR", null, IdentitySettings.defaults().priority(), List.of(" Bilinmiyor "));
        IdentifierNormaliser custom = new IdentifierNormaliser(settings);

        assertThat(custom.normalise(Identifier.email("BILINMIYOR"))).isEmpty();
        assertThat(custom.normalise(Identifier.account("null"))).isPresent();
    }

    @Test
    void normalisesSocialHandlesToLowerCaseNetworkAndHandleWithoutAt() {
        assertThat(value(Identifier.social("Instagram", "@Ali"))).contains("instagram:ali");
        assertThat(value(new Identifier(IdentifierType.SOCIAL, " X : @Ali_Veli "))).contains("x:ali_veli");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ali", ":ali", "instagram:", "instagram:@"})
    void rejectsSocialHandlesWithoutNetworkOrHandle(String spelling) {
        assertThatThrownBy(() -> normaliser.normalise(new Identifier(IdentifierType.SOCIAL, spelling)))
                .isInstanceOf(InvalidIdentifier.class);
    }

    @Test
    void stripsSpacesDashesDotsAndSlashesFromAccountNumbersAndUpperCasesThem() {
        assertThat(value(Identifier.account("tr12 3456-7890"))).contains("TR1234567890");
        assertThat(value(new Identifier(IdentifierType.LOYALTY, "ab.12/34-56"))).contains("AB123456");
    }

    @Test
    void rejectsAccountNumbersThatAreOnlySeparators() {
        assertThatThrownBy(() -> normaliser.normalise(Identifier.account("-- /"))).isInstanceOf(InvalidIdentifier.class);
    }

    @Test
    void keepsCookiesAsGiven() {
        assertThat(value(new Identifier(IdentifierType.COOKIE, " Abc-000 "))).contains("Abc-000");
    }

    @Test
    void readsDefaultRegionFromSettings() {
        IdentitySettings azerbaijan = new IdentitySettings("AZ", null, IdentitySettings.defaults().priority(), List.of());

        assertThat(new IdentifierNormaliser(azerbaijan).normalise(Identifier.phone("050 123 45 67")))
                .map(NormalisedIdentifier::value).contains("+994501234567");
    }

    @Test
    void candidatesOfAnEmailAreOnlyThatEmail() {
        assertThat(normaliser.candidates(" Ali@Ornek.com.tr ")).extracting(NormalisedIdentifier::key)
                .containsExactly("email:ali@ornek.com.tr");
        assertThat(normaliser.candidates("mailto:Ali@Ornek.com.tr")).extracting(NormalisedIdentifier::key)
                .containsExactly("email:ali@ornek.com.tr");
    }

    @Test
    void candidatesOfAPhoneLikeValueIncludeThePhoneAndTheNumberTypes() {
        assertThat(normaliser.candidates("0532 111 22 33")).extracting(NormalisedIdentifier::key).containsExactly(
                "phone:+905321112233", "account:05321112233", "loyalty:05321112233", "cookie:0532 111 22 33");
    }

    @Test
    void candidatesOfAPlainValueSkipThePhone() {
        assertThat(normaliser.candidates("@ali")).extracting(NormalisedIdentifier::type)
                .containsExactly(IdentifierType.ACCOUNT, IdentifierType.LOYALTY, IdentifierType.COOKIE);
    }

    @Test
    void candidatesWithATypePrefixAreOnlyOfThatType() {
        assertThat(normaliser.candidates("social:Instagram:@Ali")).extracting(NormalisedIdentifier::key)
                .containsExactly("social:instagram:ali");
        assertThat(normaliser.candidates("Phone:+90 532 111 22 33")).extracting(NormalisedIdentifier::key)
                .containsExactly("phone:+905321112233");
    }

    @Test
    void candidatesSkipTypesTheValueCannotBe() {
        assertThat(normaliser.candidates("phone:abc")).isEmpty();
    }

    @Test
    void noCandidatesForBlankOrPlaceholderValues() {
        assertThat(normaliser.candidates(null)).isEmpty();
        assertThat(normaliser.candidates("   ")).isEmpty();
        assertThat(normaliser.candidates("null")).isEmpty();
        assertThat(normaliser.candidates("test@test.com")).isEmpty();
    }

    @Test
    void identifiersSharingARecentAnswersSlotEachGetTheirOwnAnswer() {
        Identifier first = Identifier.phone("0532 111 22 33");
        int slot = normaliser.slot(first);
        Identifier second = IntStream.range(0, 1_000_000).mapToObj(i -> Identifier.phone(String.format(Locale.ROOT, "0533 %07d", i)))
                .filter(i -> normaliser.slot(i) == slot).findFirst().orElseThrow();
        String secondE164 = "+90533" + second.value().substring(5);

        assertThat(value(first)).contains("+905321112233");
        assertThat(value(second)).contains(secondE164);
        assertThat(value(first)).contains("+905321112233");
        assertThat(value(first)).contains("+905321112233");
        assertThat(value(second)).contains(secondE164);
    }

    @Test
    void theSameValueOfAnotherTypeIsNotTakenForTheOneNormalisedBefore() {
        assertThat(value(Identifier.phone("0532-111-22-33"))).contains("+905321112233");

        assertThat(value(Identifier.account("0532-111-22-33"))).contains("05321112233");
        assertThat(value(Identifier.phone("0532-111-22-33"))).contains("+905321112233");
    }

    @Test
    void anOverLongValueIsNormalisedButNotKept() {
        Identifier usual = Identifier.email("Ali.Veli@Ornek.com.tr");
        Identifier longest = Identifier.email("a".repeat(IdentifierNormaliser.RECENT_MAX_LENGTH - 6) + "@b.com");
        Identifier tooLong = Identifier.email("a".repeat(IdentifierNormaliser.RECENT_MAX_LENGTH - 5) + "@b.com");

        for (int i = 0; i < 2; i++) {
            assertThat(value(usual)).contains("ali.veli@ornek.com.tr");
            assertThat(value(longest)).contains(longest.value());
            assertThat(value(tooLong)).contains(tooLong.value());
        }
        assertThat(normaliser.remembers(usual)).isTrue();
        assertThat(normaliser.remembers(longest)).isTrue();
        assertThat(normaliser.remembers(tooLong)).isFalse();
    }

    @Test
    void aRefusedIdentifierIsRefusedEveryTimeAndABlockedOneStaysEmpty() {
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> normaliser.normalise(Identifier.phone("telefon yok"))).isInstanceOf(InvalidIdentifier.class);
            assertThat(normaliser.normalise(Identifier.email("test@test.com"))).isEmpty();
        }
    }
}
