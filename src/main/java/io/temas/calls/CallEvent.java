package io.temas.calls;

import java.time.Instant;
import java.util.Objects;

/**
 * One event of a call, whatever PBX reported it: the one shape Asterisk's, Twilio's and the
 * generic CTI webhook's events are turned into.
 *
 * @param provider    which PBX adapter reported it ({@code asterisk}, {@code twilio}, {@code cti}, {@code simulated})
 * @param callId      the PBX's id for the call; the same for all of a call's events
 * @param kind        ringing, answered or ended
 * @param from        the calling number (inbound) or the number called (outbound), as the PBX wrote it
 * @param to          the number dialled, which is the entry point, for inbound calls
 * @param extension   the extension that rings (ringing) or answered (answered), when known
 * @param at          when it happened, by the PBX's clock
 * @param duration    the talk time in seconds (ended), when known
 * @param cause       why it ended (ended): {@code normal}, {@code busy}, {@code no-answer}, {@code failed} or the PBX's word
 * @param recordingUrl where the PBX keeps the recording (ended), when there is one
 * @param contentType the media type of {@code raw}
 * @param raw         the event exactly as it arrived, stored before anything else is done with it
 */
public record CallEvent(String provider, String callId, Kind kind, String from, String to, String extension, Instant at,
                        Integer duration, String cause, String recordingUrl, String contentType, byte[] raw) {

    /** What happened to the call. */
    public enum Kind {
        RINGING, ANSWERED, ENDED;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public CallEvent {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(contentType, "contentType");
        raw = raw == null ? new byte[0] : raw;
    }
}
