package io.temas.shared;

/**
 * A value the sender gave cannot be used as it is: missing, unreadable, of an unknown kind, too
 * long or carrying characters text may not hold.
 */
public non-sealed class InvalidInput extends Refusal {

    private final String field;

    /** For a value whose field is not known where it is checked. */
    public InvalidInput(String message) {
        this(null, message);
    }

    /** @param field the name of the field or parameter as the sender wrote it, or null */
    public InvalidInput(String field, String message) {
        super(message);
        this.field = field;
    }

    public InvalidInput(String field, String message, Throwable cause) {
        super(message, cause);
        this.field = field;
    }

    /** The field or parameter at fault, when known; null otherwise. */
    public String field() {
        return field;
    }
}
