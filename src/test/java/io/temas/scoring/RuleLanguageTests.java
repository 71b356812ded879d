package io.temas.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temas.scoring.RuleLanguage.AllOf;
import io.temas.scoring.RuleLanguage.AnyOf;
import io.temas.scoring.RuleLanguage.Condition;
import io.temas.scoring.RuleLanguage.FactRef;
import io.temas.scoring.RuleLanguage.Formula;
import io.temas.scoring.RuleLanguage.Not;
import io.temas.scoring.RuleLanguage.Test;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert;

/** The rule language: what parses into what, what is refused with which message key and where, and how it evaluates. */
class RuleLanguageTests {

    @org.junit.jupiter.api.Test
    void aFormulaIsOneWeightedTermPerLineWithCommentsAndBlankLines() {
        Formula formula = RuleLanguage.formula("""
                # value
                40 if vip

                -15 * breaches(30)
                0.001 * event_sum("payment", "amount", 365)
                20 if stage = "loyal" and not segment("staff")
                """);
        assertThat(formula.terms()).hasSize(4);
        assertThat(formula.terms().get(0).weight()).isEqualByComparingTo("40");
        assertThat(formula.terms().get(0).when()).isEqualTo(new Test(new FactRef(Fact.VIP, null, null, -1, Map.of()), null, null));
        assertThat(formula.terms().get(1).weight()).isEqualByComparingTo("-15");
        assertThat(formula.terms().get(1).fact()).isEqualTo(new FactRef(Fact.BREACHES, null, null, 30, Map.of()));
        assertThat(formula.terms().get(2).fact()).isEqualTo(new FactRef(Fact.EVENT_SUM, "payment", "amount", 365, Map.of()));
        assertThat(formula.terms().get(3).when()).isInstanceOf(AllOf.class);
        assertThat(formula.facts()).extracting(FactRef::fact)
                .containsExactly(Fact.VIP, Fact.BREACHES, Fact.EVENT_SUM, Fact.STAGE, Fact.SEGMENT);
    }

    @org.junit.jupiter.api.Test
    void andBindsTighterThanOrAndParenthesesGroup() {
        Condition c = RuleLanguage.condition("vip and open_complaints > 0 or breaches(30) >= 2");
        assertThat(c).isInstanceOf(AnyOf.class);
        assertThat(((AnyOf) c).conditions().getFirst()).isInstanceOf(AllOf.class);
        Condition grouped = RuleLanguage.condition("vip and (open_complaints > 0 or\n breaches(30) >= 2)");
        assertThat(grouped).isInstanceOf(AllOf.class);
        assertThat(RuleLanguage.condition("not not vip")).isEqualTo(new Not(new Not(RuleLanguage.condition("vip"))));
    }

    @org.junit.jupiter.api.Test
    void eventFactsTakeATypeAPeriodOrTodayAndAttributeFilters() {
        Test test = (Test) RuleLanguage.condition("events(\"atm_use\", today, outcome = \"refused\", amount = 100) > 0");
        assertThat(test.fact().fact()).isEqualTo(Fact.EVENTS);
        assertThat(test.fact().text()).isEqualTo("atm_use");
        assertThat(test.fact().days()).isZero();
        assertThat(test.fact().filters()).containsEntry("outcome", "refused").containsKey("amount");
        assertThat(test.op()).isEqualTo(">");
        assertThat(test.value()).isEqualTo(BigDecimal.ZERO);
        // The same fact written twice is one reference (read once per batch).
        assertThat(RuleLanguage.facts(RuleLanguage.condition("events(\"x\", 7) > 1 and events(\"x\", 7) < 5"))).hasSize(1);
    }

    @org.junit.jupiter.api.Test
    void mistakesAreNamedWithLineAndColumn() {
        refused(() -> RuleLanguage.formula("40 if vip\n10 * complains(30)"), "scores.error.unknownFact", 2, 6, "complains");
        refused(() -> RuleLanguage.formula("vip"), "scores.error.weight", 1, 1, "vip");
        refused(() -> RuleLanguage.formula("10 * stage"), "scores.error.notANumber", 1, 6, "stage");
        refused(() -> RuleLanguage.formula("10 if score(\"risk\") > 3"), "scores.error.scoreInScore", 1, 7);
        refused(() -> RuleLanguage.formula("10 if vip vip"), "scores.error.endOfLine", 1, 11, "vip");
        refused(() -> RuleLanguage.condition("stage = \"gold\""), "scores.error.stage", 1, 9, "gold",
                String.join(", ", RuleLanguage.STAGES));
        refused(() -> RuleLanguage.condition("stage > \"lead\""), "scores.error.textOperator", 1, 7, "stage");
        refused(() -> RuleLanguage.condition("stage"), "scores.error.textAlone", 1, 1, "stage");
        refused(() -> RuleLanguage.condition("vip = 1"), "scores.error.yesNo", 1, 5, "vip");
        refused(() -> RuleLanguage.condition("breaches(0) > 1"), "scores.error.days", 1, 10, RuleLanguage.MAX_DAYS);
        refused(() -> RuleLanguage.condition("breaches(9999) > 1"), "scores.error.days", 1, 10, RuleLanguage.MAX_DAYS);
        refused(() -> RuleLanguage.condition("breaches > 1"), "scores.error.arguments", 1, 10, "breaches", "breaches(30)");
        refused(() -> RuleLanguage.condition("vip() "), "scores.error.noArguments", 1, 4, "vip");
        refused(() -> RuleLanguage.condition("events(\"atm\", 7, outcome) > 0"), "scores.error.expected", 1, 25, "=", ")");
        refused(() -> RuleLanguage.condition("(vip and csat_last < 3"), "scores.error.expected", 1, 23, ")", "…");
        refused(() -> RuleLanguage.condition("vip and"), "scores.error.fact", 1, 8, "…");
        refused(() -> RuleLanguage.condition("segment(\"gold) "), "scores.error.unclosedText", 1, 9);
        refused(() -> RuleLanguage.condition("vip ; drop table customers"), "scores.error.character", 1, 5, ";");
        refused(() -> RuleLanguage.condition("vip\u0000"), "scores.error.character", 1, 4, "U+0000");
        refused(() -> RuleLanguage.condition("   "), "scores.error.empty");
        refused(() -> RuleLanguage.formula("# only a comment\n"), "scores.error.empty");
        refused(() -> RuleLanguage.condition("vip or ".repeat(700) + "vip"), "scores.error.tooLong", RuleLanguage.MAX_LENGTH);
        refused(() -> RuleLanguage.condition("(".repeat(40) + "vip" + ")".repeat(40)), "scores.error.tooDeep", 1, 14, RuleLanguage.MAX_DEPTH);
        refused(() -> RuleLanguage.formula("1\n".repeat(RuleLanguage.MAX_TERMS + 1)), "scores.error.tooManyLines", RuleLanguage.MAX_TERMS + 1, 1,
                RuleLanguage.MAX_TERMS);
        refused(() -> RuleLanguage.condition("csat_last > 12345678901234567890"), "scores.error.bigNumber", 1, 13, "12345678901234567890");
    }

    @org.junit.jupiter.api.Test
    void aScoreSumsTheTermsWhoseConditionHoldsAndAFactWithoutValueAddsNothing() {
        Formula formula = RuleLanguage.formula("""
                40 if vip
                20 if stage = "loyal"
                -15 * breaches(30)
                10 * csat_last
                5 if csat_last <= 2
                """);
        Map<Fact, Object> facts = new HashMap<>();
        facts.put(Fact.VIP, true);
        facts.put(Fact.STAGE, "loyal");
        facts.put(Fact.BREACHES, new BigDecimal(2));
        facts.put(Fact.CSAT_LAST, null);
        assertThat(Evaluation.score(formula, f -> facts.get(f.fact()))).isEqualByComparingTo("30");
        facts.put(Fact.CSAT_LAST, new BigDecimal(2));
        facts.put(Fact.STAGE, null);
        assertThat(Evaluation.score(formula, f -> facts.get(f.fact()))).isEqualByComparingTo("35");
    }

    @org.junit.jupiter.api.Test
    void aConditionHoldsOnlyWithValuesThatMeetIt() {
        Map<Fact, Object> facts = new HashMap<>(Map.of(Fact.VIP, true, Fact.OPEN_COMPLAINTS, BigDecimal.ONE));
        Condition vipComplaint = RuleLanguage.condition("vip and open_complaints");
        assertThat(Evaluation.holds(vipComplaint, f -> facts.get(f.fact()))).isTrue();
        facts.put(Fact.OPEN_COMPLAINTS, BigDecimal.ZERO);
        assertThat(Evaluation.holds(vipComplaint, f -> facts.get(f.fact()))).isFalse();
        assertThat(Evaluation.holds(RuleLanguage.condition("stage != \"lost\""), f -> null)).as("no stage is no comparison").isFalse();
        assertThat(Evaluation.holds(RuleLanguage.condition("not csat_avg(90) < 3"), f -> null)).isTrue();
        for (String op : List.of("=", "!=", "<", "<=", ">", ">=")) {
            boolean expected = switch (op) {
                case "=", "<=", ">=" -> true;
                default -> false;
            };
            assertThat(Evaluation.holds(RuleLanguage.condition("csat_last " + op + " 4"), f -> new BigDecimal("4.0"))).as(op)
                    .isEqualTo(expected);
        }
    }

    private static void refused(ThrowableAssert.ThrowingCallable parse, String key, Object... arguments) {
        assertThatThrownBy(parse).isInstanceOfSatisfying(RuleError.class, e -> {
            assertThat(e.key()).isEqualTo(key);
            assertThat(e.arguments()).containsExactly(arguments);
        });
    }
}
