package io.temas.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.shared.ChannelType;
import io.temas.shared.Language;
import io.temas.shared.Priority;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RulePolicyTests {

    private static RoutingRule rule(RuleConditions conditions) {
        return new RoutingRule(null, 1, "test", true, conditions, null, List.of(), Priority.NORMAL);
    }

    private static RuleConditions keywords(String... keywords) {
        return new RuleConditions(null, null, null, List.of(keywords), null, null);
    }

    private static RoutingInput input(ChannelType channel, String entryPoint, Language language, String subject, String text) {
        return new RoutingInput(channel, entryPoint, language, subject, text, List.of(), false);
    }

    private static RoutingInput text(String text) {
        return input(ChannelType.SMS, "+908502220000", Language.TR, null, text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"FATURAMI ödeyemiyorum", "faturamı göremiyorum", "Fatura", "son fatura.", "(fatura)", "e-fatura gelmedi",
            "Merhaba,\nFATURA itirazı"})
    void keywordMatchesAtTheStartOfAWordInAnyCaseAndSpelling(String text) {
        assertThat(RulePolicy.evaluate(rule(keywords("fatura")), text(text))).contains("mentions 'fatura'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"afatura", "sahtefatura", "2fatura", "fatur", ""})
    void keywordDoesNotMatchInsideAWord(String text) {
        assertThat(RulePolicy.evaluate(rule(keywords("fatura")), text(text))).isEmpty();
    }

    @Test
    void keywordsWithTurkishLettersMatchTextTypedWithout() {
        assertThat(RulePolicy.evaluate(rule(keywords("ödeme")), text("ODEME yapamadim"))).isPresent();
        assertThat(RulePolicy.evaluate(rule(keywords("İADE")), text("iade istiyorum"))).isPresent();
        assertThat(RulePolicy.evaluate(rule(keywords("borç")), text("BORCUM ne kadar"))).isPresent();
    }

    @Test
    void keywordsAreSoughtInTheSubjectToo() {
        RoutingInput mail = input(ChannelType.EMAIL, "destek@ornek.com.tr", Language.TR, "Faturam hakkında", "Merhaba");

        assertThat(RulePolicy.evaluate(rule(keywords("fatura")), mail)).isPresent();
    }

    @Test
    void anyOfTheKeywordsIsEnoughAndTheReasonNamesIt() {
        assertThat(RulePolicy.evaluate(rule(keywords("fatura", "iade")), text("İade talebim var"))).contains("mentions 'iade'");
    }

    @Test
    void aKeywordStartsAWordWhateverPrecedesItThatIsNoLetterOrNumber() {
        assertThat(RulePolicy.containsWord("fatura", "fatura")).isTrue();
        assertThat(RulePolicy.containsWord("e-fatura geldi", "fatura")).isTrue();
        assertThat(RulePolicy.containsWord("(fatura)", "fatura")).isTrue();
        assertThat(RulePolicy.containsWord("efatura, sonra fatura", "fatura")).isTrue();
        assertThat(RulePolicy.containsWord("efatura", "fatura")).isFalse();
        assertThat(RulePolicy.containsWord("2fatura", "fatura")).isFalse();
        assertThat(RulePolicy.containsWord("\u00b2fatura", "fatura")).isFalse();
        assertThat(RulePolicy.containsWord("\u2167fatura", "fatura")).isFalse();
        assertThat(RulePolicy.containsWord("\ud801\udc00fatura", "fatura")).isFalse();
        assertThat(RulePolicy.containsWord("fatur", "fatura")).isFalse();
    }

    @Test
    void blankKeywordsMatchNothing() {
        assertThat(RulePolicy.containsWord("fatura", "  ")).isFalse();
    }

    @Test
    void holdsWhenAllConditionsHoldAndGivesEveryReason() {
        RuleConditions conditions = new RuleConditions(List.of("fatura@ornek.com.tr"), List.of("email"), List.of("tr"),
                List.of("fatura"), List.of("kurumsal"), true);
        RoutingInput mail = new RoutingInput(ChannelType.EMAIL, "Fatura <FATURA@Ornek.com.tr>", Language.TR, "Faturamı alamadım",
                null, List.of("Kurumsal"), true);

        assertThat(RulePolicy.evaluate(rule(conditions), mail)).contains("entry point is fatura@ornek.com.tr; channel is email; "
                + "language is tr; mentions 'fatura'; customer is in segment kurumsal; customer is VIP");
    }

    @Test
    void failsWhenAnyOneConditionFails() {
        RuleConditions conditions = new RuleConditions(List.of("fatura@ornek.com.tr"), List.of("email"), List.of("tr"),
                List.of("fatura"), List.of("kurumsal"), true);
        RoutingInput matching = new RoutingInput(ChannelType.EMAIL, "fatura@ornek.com.tr", Language.TR, "fatura", null,
                List.of("kurumsal"), true);

        assertThat(RulePolicy.evaluate(rule(conditions), matching)).isPresent();
        assertThat(RulePolicy.evaluate(rule(conditions), new RoutingInput(ChannelType.EMAIL, "destek@ornek.com.tr", Language.TR,
                "fatura", null, List.of("kurumsal"), true))).isEmpty();
        assertThat(RulePolicy.evaluate(rule(conditions), new RoutingInput(ChannelType.CHAT, "fatura@ornek.com.tr", Language.TR,
                "fatura", null, List.of("kurumsal"), true))).isEmpty();
        assertThat(RulePolicy.evaluate(rule(conditions), new RoutingInput(ChannelType.EMAIL, "fatura@ornek.com.tr", Language.EN,
                "fatura", null, List.of("kurumsal"), true))).isEmpty();
        assertThat(RulePolicy.evaluate(rule(conditions), new RoutingInput(ChannelType.EMAIL, "fatura@ornek.com.tr", null,
                "fatura", null, List.of("kurumsal"), true))).isEmpty();
        assertThat(RulePolicy.evaluate(rule(conditions), new RoutingInput(ChannelType.EMAIL, "fatura@ornek.com.tr", Language.TR,
                "iade", null, List.of("kurumsal"), true))).isEmpty();
        assertThat(RulePolicy.evaluate(rule(conditions), new RoutingInput(ChannelType.EMAIL, "fatura@ornek.com.tr", Language.TR,
                "fatura", null, List.of("bireysel"), true))).isEmpty();
        assertThat(RulePolicy.evaluate(rule(conditions), new RoutingInput(ChannelType.EMAIL, "fatura@ornek.com.tr", Language.TR,
                "fatura", null, List.of("kurumsal"), false))).isEmpty();
    }

    @Test
    void entryPointConditionComparesNormalisedPhoneNumbers() {
        RuleConditions conditions = new RuleConditions(List.of("+908502220000"), null, null, null, null, null);

        assertThat(RulePolicy.evaluate(rule(conditions), input(ChannelType.SMS, "0850 222 00 00", Language.TR, null, "x")))
                .contains("entry point is +908502220000");
    }

    @Test
    void vipConditionCanAskForCustomersWhoAreNotVip() {
        RuleConditions conditions = new RuleConditions(null, null, null, null, null, false);

        assertThat(RulePolicy.evaluate(rule(conditions), text("x"))).contains("customer is not VIP");
    }

    @Test
    void aRuleWithoutConditionsAlwaysHoldsAndSaysSo() {
        assertThat(RulePolicy.evaluate(rule(new RuleConditions(null, null, null, null, null, null)), text(null)))
                .contains("the rule has no conditions");
    }
}
