package io.temas.channels;

/**
 * Asked once for every agent reply before it is queued, in the transaction that would queue it: a
 * channel with rules of its own about when a reply may be sent (WhatsApp's 24-hour window) refuses
 * it here, so the agent hears why at once instead of seeing the send fail later.
 */
public interface ReplyGate {

    /**
     * Checks a reply about to be queued (it has no message id yet); only replies on the gate's own
     * channel need a look.
     *
     * @throws io.temas.shared.Refusal when the reply may not be sent now
     */
    void check(OutboundMessage reply);
}
