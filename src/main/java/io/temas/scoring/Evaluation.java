package io.temas.scoring;

import io.temas.scoring.RuleLanguage.AllOf;
import io.temas.scoring.RuleLanguage.AnyOf;
import io.temas.scoring.RuleLanguage.Condition;
import io.temas.scoring.RuleLanguage.FactRef;
import io.temas.scoring.RuleLanguage.Formula;
import io.temas.scoring.RuleLanguage.Not;
import io.temas.scoring.RuleLanguage.Term;
import io.temas.scoring.RuleLanguage.Test;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.function.Function;

/**
 * Evaluates parsed rules over one customer's facts: a value is a {@link Boolean} (yes/no facts), a
 * {@link BigDecimal} (numbers) or a {@link String} (the stage), or null when the customer has none.
 */
final class Evaluation {

    private Evaluation() {
    }

    /** The sum of the terms whose condition holds; a fact without a value adds nothing. Rounded to two decimals. */
    static BigDecimal score(Formula formula, Function<FactRef, Object> facts) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Term term : formula.terms()) {
            if (term.when() != null && !holds(term.when(), facts)) {
                continue;
            }
            if (term.fact() == null) {
                sum = sum.add(term.weight());
                continue;
            }
            BigDecimal value = number(facts.apply(term.fact()));
            if (value != null) {
                sum = sum.add(term.weight().multiply(value));
            }
        }
        return sum.setScale(2, RoundingMode.HALF_UP);
    }

    static boolean holds(Condition condition, Function<FactRef, Object> facts) {
        return switch (condition) {
            case AnyOf any -> any.conditions().stream().anyMatch(c -> holds(c, facts));
            case AllOf all -> all.conditions().stream().allMatch(c -> holds(c, facts));
            case Not not -> !holds(not.condition(), facts);
            case Test test -> test(test, facts.apply(test.fact()));
        };
    }

    private static boolean test(Test test, Object value) {
        if (value == null) {
            return false;
        }
        if (test.op() == null) {
            return switch (value) {
                case Boolean yes -> yes;
                case BigDecimal number -> number.signum() > 0;
                default -> false;
            };
        }
        if (value instanceof String text) {
            boolean equal = text.equals(test.value());
            return test.op().equals("=") == equal;
        }
        BigDecimal number = number(value);
        if (number == null || !(test.value() instanceof BigDecimal wanted)) {
            return false;
        }
        int compared = number.compareTo(wanted);
        return switch (test.op()) {
            case "=" -> compared == 0;
            case "!=" -> compared != 0;
            case "<" -> compared < 0;
            case "<=" -> compared <= 0;
            case ">" -> compared > 0;
            case ">=" -> compared >= 0;
            default -> false;
        };
    }

    private static BigDecimal number(Object value) {
        return switch (value) {
            case null -> null;
            case BigDecimal number -> number;
            case Boolean yes -> yes ? BigDecimal.ONE : BigDecimal.ZERO;
            default -> null;
        };
    }
}
