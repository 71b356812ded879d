package io.temas.shared;

/**
 * A request Temas turns down because of what was asked, not because of a fault of its own. Each
 * adapter answers the four kinds once (the API as 404, 409, 422 and 400 problem details, the
 * console and the portal as a page in the user's language); any other exception that reaches an
 * adapter is a bug and is answered as one. Module exceptions extend the kind they are. The message
 * is English (logs, the API); a refusal a person reads on a screen may carry the same as a
 * {@link ReasonCode} ({@link #saying}).
 */
public abstract sealed class Refusal extends RuntimeException permits NotFound, Conflict, RefusedByRule, InvalidInput {

    private transient ReasonCode why;

    protected Refusal(String message) {
        super(message);
    }

    protected Refusal(String message, Throwable cause) {
        super(message, cause);
    }

    /** Why, as a code a screen says in its reader's language; null when only the English message says it. */
    public ReasonCode why() {
        return why;
    }

    /** This refusal with its reason as a code too ({@code throw new X("english").saying(ReasonCode.of(...))}). */
    @SuppressWarnings("unchecked")
    public final <T extends Refusal> T saying(ReasonCode code) {
        this.why = code;
        return (T) this;
    }
}
