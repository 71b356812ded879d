package io.temas.channels;

/**
 * The delivery states of an outbound message, in the order they happen: {@code queued} (in the
 * outbox), {@code sent} (the next hop took it), {@code delivered} (the provider reports it on the
 * customer's device or mailbox), {@code read} (where the channel reports it), and the ends
 * {@code failed} (with the reason) and {@code unsent} (it never left: no way to reach the customer
 * this way, a contact rule stopped it, or it was withdrawn; with the reason).
 * <p>
 * Receipts arrive out of order (a "delivered" after a "read"), so a state only ever moves forward
 * by {@link #rank}: a late "delivered" never overwrites "read", and "failed" after "sent" or
 * "delivered" shows the reason.
 */
public final class Delivery {

    public static final String QUEUED = "queued";
    public static final String SENT = "sent";
    public static final String DELIVERED = "delivered";
    public static final String READ = "read";
    public static final String FAILED = "failed";
    public static final String UNSENT = "unsent";

    private Delivery() {
    }

    /** How far a state is; an unknown provider word counts as {@link #SENT}. */
    public static int rank(String state) {
        if (state == null) {
            return 0;
        }
        return switch (state) {
            case QUEUED -> 0;
            case SENT -> 1;
            case DELIVERED -> 2;
            case FAILED, UNSENT -> 3;
            case READ -> 4;
            default -> 1;
        };
    }

    /** SQL that ranks the text column {@code column} as {@link #rank} does. */
    public static String rankSql(String column) {
        return "(case coalesce(" + column + ", 'queued') when 'queued' then 0 when 'sent' then 1 when 'delivered' then 2 when 'failed' then 3"
                + " when 'unsent' then 3 when 'read' then 4 else 1 end)";
    }
}
