package io.temas.scoring;

import io.temas.shared.InvalidInput;
import java.util.List;

/** A rule that was not saved, with every field at fault at once (a form shows each error next to its field). */
public class RuleErrors extends InvalidInput {

    private final List<RuleError> errors;

    RuleErrors(List<RuleError> errors) {
        super(errors.getFirst().field(), "rule refused: " + errors.stream().map(RuleError::getMessage).toList());
        this.errors = List.copyOf(errors);
    }

    public List<RuleError> errors() {
        return errors;
    }
}
