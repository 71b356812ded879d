package io.temas.scoring;

import io.temas.shared.InvalidInput;
import java.util.List;

/**
 * A rule or a field of it that cannot be saved, said as a message key of the {@code scores} bundle and
 * its arguments (for the rule language: the line and the column first), so a screen says it in its
 * reader's language next to the field at fault.
 */
public class RuleError extends InvalidInput {

    private final String key;
    private final List<Object> arguments;

    public RuleError(String field, String key, Object... arguments) {
        super(field, key + " " + List.of(arguments));
        this.key = key;
        this.arguments = List.of(arguments);
    }

    /** The message key, e.g. {@code scores.error.unknownFact}. */
    public String key() {
        return key;
    }

    public Object[] arguments() {
        return arguments.toArray();
    }

    /** The same error for another field (the parser does not know which field it reads). */
    RuleError in(String otherField) {
        return new RuleError(otherField, key, arguments.toArray());
    }
}
