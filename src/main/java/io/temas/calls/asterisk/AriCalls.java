package io.temas.calls.asterisk;

import io.temas.calls.Call;
import io.temas.calls.CallEvent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Reads ARI events of Temas's Stasis application as the calls they tell of. A channel entering the
 * application ({@code StasisStart}) is an incoming call ringing: the caller's number, the number
 * dialled ({@code dialplan.exten}) and, when the dialplan passes one ({@code Stasis(temas,101)}),
 * the extension it rings. The call is answered when a channel it dialled answers ({@code Dial} with
 * {@code dialstatus ANSWER}, or that channel's {@code ChannelStateChange} to {@code Up}): the
 * extension is that channel's endpoint ({@code PJSIP/101-00000001} is {@code 101}). It ends when its
 * channel is destroyed ({@code ChannelDestroyed}: the Q.850 {@code cause} says how) or, failing that,
 * a few seconds after it left the application ({@code StasisEnd}); a recording of the call still
 * being written is waited for ({@code RecordingFinished}) and linked under ARI's
 * {@code /ari/recordings/stored/{name}/file}. Calls Temas placed are known by their channel id,
 * which is Temas's call id.
 *
 * <p>Not thread-safe by itself: the connection hands it one event at a time.
 */
final class AriCalls {

    static final String CONTENT_TYPE = "application/vnd.temas.ari-event+json";
    static final String PROVIDER = "asterisk";
    /** How long after {@code StasisEnd} the call is ended without a {@code ChannelDestroyed}, or after it a recording is waited for. */
    static final Duration GRACE = Duration.ofSeconds(10);

    private static final DateTimeFormatter ARI_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    private static final Pattern EXTENSION = Pattern.compile("[A-Za-z0-9_.@:+/-]{1,64}");
    private static final Pattern UNIQUE_SUFFIX = Pattern.compile("-[0-9a-fA-F]{6,}(;\\d)?$");

    /** A call this stream follows: its own channel, whether Temas placed it, and how its end is coming along. */
    private static final class Followed {
        final String callId;
        final boolean outbound;
        Instant answeredAt;
        boolean left;
        boolean destroyed;
        JsonNode endEvent;
        byte[] endRaw;
        Instant endAt;
        Instant deadline;
        int liveRecordings;
        String recordingUrl;

        Followed(String callId, boolean outbound) {
            this.callId = callId;
            this.outbound = outbound;
        }
    }

    private final String ariUrl;
    private final Function<String, Optional<Call>> known;
    private final Clock clock;
    /** Calls by their own channel's id. */
    private final Map<String, Followed> calls = new ConcurrentHashMap<>();
    /** Channels a call dialled (agents' phones, the customer's line), by id, to the call's id. */
    private final Map<String, String> legs = new ConcurrentHashMap<>();
    /** Bridges to the call whose channel is in them. */
    private final Map<String, String> bridges = new ConcurrentHashMap<>();
    /** Live recordings to the call they record. */
    private final Map<String, String> recordings = new ConcurrentHashMap<>();

    /**
     * @param ariUrl ARI's root, for recording links
     * @param known  a call Temas keeps by its Asterisk channel id (for calls Temas placed, and those that began before a reconnect)
     */
    AriCalls(String ariUrl, Function<String, Optional<Call>> known, Clock clock) {
        this.ariUrl = ariUrl.replaceAll("/+$", "");
        this.known = known;
        this.clock = clock;
    }

    /** Temas placed a call on this channel. */
    void placed(String channelId) {
        calls.put(channelId, new Followed(channelId, true));
    }

    /** The call events one ARI event tells of (none for most). */
    List<CallEvent> read(JsonNode event, byte[] raw) {
        String type = text(event, "type");
        Instant at = time(text(event, "timestamp"));
        List<CallEvent> out = new ArrayList<>();
        if (type == null) {
            return out;
        }
        switch (type) {
            case "StasisStart" -> stasisStart(event, raw, at, out);
            case "Dial" -> dial(event, raw, at, out);
            case "ChannelStateChange" -> stateChange(event, raw, at, out);
            case "ChannelEnteredBridge" -> {
                Followed call = owner(id(event.get("channel")));
                String bridge = id(event.get("bridge"));
                if (call != null && bridge != null) {
                    bridges.put(bridge, call.callId);
                }
            }
            case "RecordingStarted" -> {
                Followed call = recorded(event.get("recording"));
                String name = text(event.get("recording"), "name");
                if (call != null && name != null && recordings.putIfAbsent(name, call.callId) == null) {
                    call.liveRecordings++;
                }
            }
            case "RecordingFinished", "RecordingFailed" -> recordingDone(event, "RecordingFinished".equals(type), at, out);
            case "StasisEnd" -> {
                Followed call = calls.get(id(event.get("channel")));
                if (call != null && !call.left) {
                    call.left = true;
                    if (call.endEvent == null) {
                        call.endEvent = event;
                        call.endRaw = raw;
                        call.endAt = at;
                    }
                    call.deadline = clock.instant().plus(GRACE);
                }
            }
            case "ChannelDestroyed" -> destroyed(event, raw, at, out);
            default -> {
                // Everything else (playbacks, DTMF, variables, bridges coming and going) says nothing Temas keeps.
            }
        }
        return out;
    }

    /** Ends the calls whose grace ran out: left the application without being destroyed, or a recording never finished. */
    List<CallEvent> overdue(Instant now) {
        List<CallEvent> out = new ArrayList<>();
        for (Followed call : List.copyOf(calls.values())) {
            if (call.deadline != null && !now.isBefore(call.deadline) && call.endEvent != null) {
                end(call, out);
            }
        }
        return out;
    }

    private void stasisStart(JsonNode event, byte[] raw, Instant at, List<CallEvent> out) {
        JsonNode channel = event.get("channel");
        String channelId = id(channel);
        if (channelId == null || legs.containsKey(channelId)) {
            return;
        }
        Followed call = follow(channelId);
        if (call == null) {
            call = new Followed(channelId, false);
            calls.put(channelId, call);
        }
        if (call.outbound) {
            return;
        }
        String extension = null;
        JsonNode args = event.get("args");
        if (args != null && args.isArray() && !args.isEmpty() && args.get(0).isString() && EXTENSION.matcher(args.get(0).asString()).matches()) {
            extension = args.get(0).asString();
        }
        out.add(event(call.callId, CallEvent.Kind.RINGING, text(channel.get("caller"), "number"), text(channel.get("dialplan"), "exten"),
                extension, at, null, null, null, raw));
    }

    private void dial(JsonNode event, byte[] raw, Instant at, List<CallEvent> out) {
        JsonNode caller = event.get("caller");
        JsonNode peer = event.get("peer");
        Followed call = owner(id(caller));
        if (call == null) {
            call = owner(id(peer));
        }
        String peerId = id(peer);
        if (call == null || peerId == null || peerId.equals(call.callId)) {
            return;
        }
        legs.put(peerId, call.callId);
        String status = text(event, "dialstatus");
        String extension = call.outbound ? null : extension(peer);
        if (status == null && !call.outbound) {
            out.add(event(call.callId, CallEvent.Kind.RINGING, null, null, extension, at, null, null, null, raw));
        } else if ("ANSWER".equals(status)) {
            answered(call, extension, at, raw, out);
        }
    }

    private void stateChange(JsonNode event, byte[] raw, Instant at, List<CallEvent> out) {
        JsonNode channel = event.get("channel");
        String channelId = id(channel);
        if (channelId == null || !"Up".equals(text(channel, "state"))) {
            return;
        }
        String callId = legs.get(channelId);
        Followed call = callId == null ? null : calls.get(callId);
        // The call's own channel coming up is the PBX answering the caller (or the agent's phone, for a call Temas placed,
        // which then dials the customer): only a channel the call dialled answering is the call being answered.
        if (call != null) {
            answered(call, call.outbound ? null : extension(channel), at, raw, out);
        }
    }

    private void answered(Followed call, String extension, Instant at, byte[] raw, List<CallEvent> out) {
        if (call.answeredAt != null) {
            return;
        }
        call.answeredAt = at;
        out.add(event(call.callId, CallEvent.Kind.ANSWERED, null, null, extension, at, null, null, null, raw));
    }

    private void recordingDone(JsonNode event, boolean stored, Instant at, List<CallEvent> out) {
        JsonNode recording = event.get("recording");
        String name = text(recording, "name");
        if (name == null) {
            return;
        }
        String callId = recordings.remove(name);
        Followed call = callId != null ? calls.get(callId) : recorded(recording);
        if (call == null) {
            return;
        }
        if (callId != null) {
            call.liveRecordings = Math.max(0, call.liveRecordings - 1);
        }
        if (stored) {
            call.recordingUrl = ariUrl + "/ari/recordings/stored/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20") + "/file";
        }
        if (call.destroyed && call.liveRecordings == 0) {
            end(call, out);
        }
    }

    private void destroyed(JsonNode event, byte[] raw, Instant at, List<CallEvent> out) {
        String channelId = id(event.get("channel"));
        if (channelId == null) {
            return;
        }
        if (legs.remove(channelId) != null) {
            return;
        }
        Followed call = calls.get(channelId);
        if (call == null) {
            call = follow(channelId);
        }
        if (call == null) {
            return;
        }
        call.destroyed = true;
        call.endEvent = event;
        call.endRaw = raw;
        call.endAt = at;
        if (call.liveRecordings == 0) {
            end(call, out);
        } else {
            call.deadline = clock.instant().plus(GRACE);
        }
    }

    private void end(Followed call, List<CallEvent> out) {
        calls.remove(call.callId);
        legs.values().removeIf(call.callId::equals);
        bridges.values().removeIf(call.callId::equals);
        recordings.values().removeIf(call.callId::equals);
        Instant answered = call.answeredAt;
        if (answered == null) {
            answered = known.apply(call.callId).map(Call::answeredAt).orElse(null);
        }
        Instant at = call.endAt == null ? clock.instant() : call.endAt;
        Integer duration = answered == null ? null : (int) Math.max(0, Duration.between(answered, at).toSeconds());
        JsonNode cause = call.endEvent == null ? null : call.endEvent.get("cause");
        String why = cause(cause == null || !cause.isNumber() ? null : cause.intValue(), answered != null);
        out.add(event(call.callId, CallEvent.Kind.ENDED, null, null, null, at, duration, why, call.recordingUrl, call.endRaw));
    }

    /**
     * Q.850 hangup causes in Temas's words: 17 and 21 (busy, rejected) {@code busy}; 18, 19 and a normal clearing of an
     * unanswered call {@code no-answer}; a normal clearing (16, 31, or none given) of an answered call {@code normal};
     * anything else {@code failed}.
     */
    static String cause(Integer q850, boolean answered) {
        if (q850 == null || q850 == 0 || q850 == 16 || q850 == 31) {
            return answered ? "normal" : "no-answer";
        }
        return switch (q850) {
            case 17, 21 -> "busy";
            case 18, 19 -> "no-answer";
            default -> "failed";
        };
    }

    /** The extension a channel rings: its endpoint's resource ({@code PJSIP/101-00000001} is {@code 101}), else its caller number. */
    static String extension(JsonNode channel) {
        String name = text(channel, "name");
        if (name != null) {
            String resource = name.contains("/") ? name.substring(name.indexOf('/') + 1) : name;
            resource = UNIQUE_SUFFIX.matcher(resource).replaceFirst("");
            int at = resource.indexOf('@');
            if (at > 0) {
                resource = resource.substring(0, at);
            }
            if (!resource.isEmpty() && EXTENSION.matcher(resource).matches()) {
                return resource;
            }
        }
        String number = text(channel == null ? null : channel.get("caller"), "number");
        return number != null && EXTENSION.matcher(number).matches() ? number : null;
    }

    /** The call a channel belongs to: its own, or one it dialled. */
    private Followed owner(String channelId) {
        if (channelId == null) {
            return null;
        }
        Followed call = calls.get(channelId);
        if (call != null) {
            return call;
        }
        String callId = legs.get(channelId);
        return callId != null ? calls.get(callId) : follow(channelId);
    }

    /** A call Temas keeps under this channel id that this stream had not seen begin (placed by Temas, or before a reconnect). */
    private Followed follow(String channelId) {
        return known.apply(channelId).filter(c -> !c.ended()).map(c -> {
            Followed call = new Followed(channelId, "outbound".equals(c.direction()));
            call.answeredAt = c.answeredAt();
            calls.put(channelId, call);
            return call;
        }).orElse(null);
    }

    private Followed recorded(JsonNode recording) {
        String target = text(recording, "target_uri");
        if (target == null) {
            return null;
        }
        if (target.startsWith("channel:")) {
            return owner(target.substring("channel:".length()));
        }
        if (target.startsWith("bridge:")) {
            String callId = bridges.get(target.substring("bridge:".length()));
            return callId == null ? null : calls.get(callId);
        }
        return null;
    }

    private CallEvent event(String callId, CallEvent.Kind kind, String from, String to, String extension, Instant at, Integer duration,
                            String cause, String recordingUrl, byte[] raw) {
        return new CallEvent(PROVIDER, callId, kind, from, to, extension, at, duration, cause, recordingUrl, CONTENT_TYPE, raw);
    }

    private Instant time(String value) {
        if (value == null) {
            return clock.instant();
        }
        try {
            return OffsetDateTime.parse(value, ARI_TIME).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException again) {
                return clock.instant();
            }
        }
    }

    private static String id(JsonNode node) {
        return text(node, "id");
    }

    static String text(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode value = node.get(field);
        return value == null || value.isNull() || !value.isValueNode() || value.asString().isBlank() ? null : value.asString();
    }
}
