package io.temas.console;

import io.temas.calls.Call;
import java.time.Instant;
import java.util.UUID;

/**
 * One call as the console shows it, in the thread, the screen pop and the wrap-up form: who called
 * whom, where it stands, who took it, how long it lasted and how it ended.
 *
 * @param state        {@code dialing}, {@code ringing}, {@code answered}, {@code missed} (an inbound call nobody took),
 *                     {@code failed} (an outbound call that did not connect) or {@code ended}
 * @param agent        the name of the agent who took or placed it, or null
 * @param recordingUrl the recording's address when there is one and it is an http or https link, else null
 */
record CallCard(UUID id, String direction, String state, String caller, String entryPoint, String agent, UUID agentId,
                UUID conversationId, UUID customerId, Instant startedAt, Instant answeredAt, Instant endedAt, Integer durationSeconds,
                String cause, String recordingUrl, String outcome, Instant wrappedAt) {

    static CallCard of(Call call, String agentName) {
        return new CallCard(call.id(), call.direction(), state(call), call.caller(), call.entryPoint(), agentName, call.agentId(),
                call.conversationId(), call.customerId(), call.startedAt(), call.answeredAt(), call.endedAt(), call.durationSeconds(),
                call.cause(), safeLink(call.recordingUrl()), call.outcome(), call.wrappedAt());
    }

    private static String state(Call call) {
        if ("failed".equals(call.state())) {
            return "inbound".equals(call.direction()) && call.answeredAt() == null ? "missed" : "failed";
        }
        return call.state();
    }

    /** Only plain web links are ever put in an {@code href}; anything else (a {@code javascript:} link, say) is dropped. */
    static String safeLink(String url) {
        return url != null && url.matches("(?i)https?://[^\\s\"'<>]+") ? url : null;
    }

    public boolean inbound() {
        return "inbound".equals(direction);
    }

    /** Ringing, dialing or answered: the call is going on. */
    public boolean live() {
        return "dialing".equals(state) || "ringing".equals(state) || "answered".equals(state);
    }

    /** Answered, ended, and the agent has not recorded a wrap-up yet. */
    public boolean awaitingWrapUp() {
        return answeredAt != null && wrappedAt == null && "ended".equals(state);
    }

    /** The customer's side of the call: the caller of an inbound call, the number dialled of an outbound one. */
    public String customerNumber() {
        return caller;
    }

    /** How long the call lasted, from the PBX's figure or, failing that, from when it was answered until it ended. */
    public Integer duration() {
        if (durationSeconds != null) {
            return durationSeconds;
        }
        return answeredAt != null && endedAt != null ? (int) Math.max(0, java.time.Duration.between(answeredAt, endedAt).getSeconds()) : null;
    }
}
