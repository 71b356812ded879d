package io.temas.calls;

import java.util.UUID;

/**
 * A telephone system Temas can ask to place a call (click-to-call, callbacks, the dialer): the
 * agent's extension rings first, then the customer's number. Adapters: Asterisk (ARI), Twilio,
 * the generic CTI webhook's dial URL, and the built-in simulator for trying Temas without a PBX.
 * The call's events come back through {@link CallCentre#receive}.
 */
public interface Pbx {

    /** The adapter's code, as {@code temas.calls.pbx} and the telephony settings name it. */
    String code();

    /** Whether it is configured enough to place calls. */
    boolean ready();

    /** How it stands, for the settings screen; adapters that keep a connection open say more. */
    default PbxStatus status() {
        return PbxStatus.of(ready());
    }

    /**
     * Places the call.
     *
     * @return the PBX's id for the call, which its events will carry
     * @throws PbxUnavailable when the PBX cannot be reached or refuses
     */
    String dial(Dial dial);

    /**
     * A call to place.
     *
     * @param callId    Temas's id for the call
     * @param extension the agent's extension, rung first
     * @param number    the customer's number, in E.164
     * @param callerId  the number shown to the customer (an entry point), or null for the PBX's default
     */
    record Dial(UUID callId, String extension, String number, String callerId) {
    }
}
