package io.temas.calls;

import java.time.Instant;

/**
 * How an adapter stands, for the telephony settings screen.
 *
 * @param state  {@code ready}, {@code not-configured}, or for adapters that keep a connection open
 *               {@code connecting}, {@code connected}, {@code disconnected} (trying again), {@code replaced}
 *               (another connection took over; tried again later) or {@code refused} (the PBX turned the
 *               credentials down; nothing is tried until the settings change)
 * @param detail  the last error, as the PBX or the network put it, or null
 * @param missing for {@code not-configured}, which setting is missing, as a code the settings screen words in the
 *                reader's language ({@code calls.telephony.missing.<code>}), or null
 * @param since   when it came to this state, or null
 */
public record PbxStatus(String state, String detail, String missing, Instant since) {

    public PbxStatus(String state, String detail, Instant since) {
        this(state, detail, null, since);
    }

    public static PbxStatus of(boolean ready) {
        return new PbxStatus(ready ? "ready" : "not-configured", null, null);
    }

    /** Not configured: {@code missing} names the setting still needed. */
    public static PbxStatus missing(String missing) {
        return new PbxStatus("not-configured", null, missing, null);
    }
}
