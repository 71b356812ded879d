package io.temas.calls.twilio;

import io.temas.calls.CallCentre;
import io.temas.calls.CallEvent;
import io.temas.calls.Extensions;
import io.temas.calls.Telephony;
import io.temas.calls.TelephonySettings;
import io.temas.channels.InboundSink;
import io.temas.channels.RefusedWebhooks;
import io.temas.channels.WebhookRejected;
import io.temas.channels.sms.SmsSignatures;
import io.temas.routing.Agent;
import io.temas.routing.Agents;
import io.temas.shared.ChannelType;
import io.temas.shared.InvalidInput;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Twilio's voice webhooks, checked by {@code X-Twilio-Signature} exactly as for SMS (the URL Twilio
 * called, which is the public URL when one is set, then every POST parameter sorted by name,
 * HMAC-SHA1 under the auth token). A forged or unsigned request is refused (401) and counted; a
 * signed one that cannot be read is quarantined whole (400).
 *
 * <p>The incoming-call webhook stores the call as ringing and answers TwiML that rings, at once, the
 * first extension of every agent who is online and free ({@code <Client>}, {@code <Sip>} on the
 * configured SIP domain, or {@code <Number>} for an extension that is a number), each leg reporting
 * back when it is answered; with nobody free the call is turned away as busy and stays a missed call
 * to call back. Status callbacks: the call's own ({@code ringing}, and {@code completed},
 * {@code busy}, {@code no-answer}, {@code failed}, {@code canceled} with {@code CallDuration} and
 * {@code RecordingUrl}) and its dialled legs' ({@code in-progress}: answered, by the extension the
 * leg's {@code To} names). Callbacks of calls Temas placed come to {@code .../status/<Temas's call id>}.
 */
@Service
public class TwilioVoiceWebhooks {

    /** The media type the raw form bodies are stored under. */
    public static final String CONTENT_TYPE = "application/vnd.temas.twilio-voice+x-www-form-urlencoded";
    public static final String PATH = "/api/v1/webhooks/voice/twilio";
    public static final String STATUS_PATH = PATH + "/status";
    static final String PROVIDER = "twilio";
    private static final int MAX_LEGS = 10;
    private static final Set<String> ENDINGS = Set.of("completed", "busy", "no-answer", "failed", "canceled");

    private final TelephonySettings telephony;
    private final CallCentre centre;
    private final Extensions extensions;
    private final Agents agents;
    private final InboundSink sink;
    private final RefusedWebhooks refused;
    private final Clock clock;

    TwilioVoiceWebhooks(TelephonySettings telephony, CallCentre centre, Extensions extensions, Agents agents, InboundSink sink,
                        RefusedWebhooks refused, Clock clock) {
        this.telephony = telephony;
        this.centre = centre;
        this.extensions = extensions;
        this.agents = agents;
        this.sink = sink;
        this.refused = refused;
        this.clock = clock;
    }

    /** The URL Twilio signed: the public URL when one is set, else the one the request came to. */
    public String signedUrl(String requestUrl, String pathAndQuery) {
        String publicUrl = telephony.current().publicUrl();
        return publicUrl == null ? requestUrl : publicUrl + pathAndQuery;
    }

    /**
     * An incoming call: stored as ringing, answered with the TwiML that rings the agents.
     *
     * @param url the URL Twilio called, as it signed it
     */
    public String incoming(String url, Map<String, String> params, byte[] raw, String signature, String client) {
        verify(url, params, raw, signature, client);
        String sid = params.get("CallSid");
        String from = params.get("From");
        String to = params.get("To");
        if (blank(sid) || blank(from)) {
            throw malformed("CallSid and From are required", to, sid, raw);
        }
        Telephony.Twilio twilio = telephony.current().twilio();
        List<String> ring = freeExtensions();
        try {
            centre.receive(new CallEvent(PROVIDER, sid, CallEvent.Kind.RINGING, from, to, ring.size() == 1 ? ring.getFirst() : null,
                    at(params), null, null, null, CONTENT_TYPE, raw));
        } catch (InvalidInput e) {
            throw malformed(e.getMessage(), to, sid, raw);
        }
        if (ring.isEmpty()) {
            return twiml("<Reject reason=\"busy\"/>");
        }
        String callback = TwilioIdentities.xml(base(url) + STATUS_PATH);
        String attributes = "statusCallbackEvent=\"answered\" statusCallback=\"" + callback + "\" statusCallbackMethod=\"POST\"";
        StringBuilder dial = new StringBuilder("<Dial timeout=\"20\" answerOnBridge=\"true\">");
        for (String extension : ring) {
            dial.append(TwilioIdentities.noun(extension, twilio, attributes));
        }
        return twiml(dial.append("</Dial>").toString());
    }

    /**
     * A status callback of a call or of one of its legs.
     *
     * @param placed Temas's id of a call it placed, from the callback's address; null for calls that came in
     * @return what became of the call; empty for a status that changes nothing Temas keeps
     */
    public Optional<CallCentre.Result> status(String url, Map<String, String> params, byte[] raw, String signature, String client,
                                             String placed) {
        verify(url, params, raw, signature, client);
        String sid = params.get("CallSid");
        String status = params.get("CallStatus");
        if (blank(sid) || blank(status)) {
            throw malformed("CallSid and CallStatus are required", null, sid, raw);
        }
        String parent = params.get("ParentCallSid");
        boolean leg = !blank(parent);
        String callId = placed != null ? placed : leg ? parent : sid;
        String state = status.strip().toLowerCase(Locale.ROOT);
        CallEvent event;
        if (leg) {
            if (!state.equals("in-progress") && !state.equals("answered")) {
                return Optional.empty();
            }
            String to = params.get("To");
            String extension = TwilioIdentities.extension(to);
            if (extension == null && placed == null && !blank(to) && extensions.agent(to.strip()).isPresent()) {
                extension = to.strip(); // an extension that is a number, rung with <Number>
            }
            event = new CallEvent(PROVIDER, callId, CallEvent.Kind.ANSWERED, null, null, extension, at(params), null, null, null,
                    CONTENT_TYPE, raw);
        } else if (state.equals("ringing") || state.equals("initiated") || state.equals("queued")) {
            boolean inbound = placed == null;
            event = new CallEvent(PROVIDER, callId, CallEvent.Kind.RINGING, inbound ? params.get("From") : null,
                    inbound ? params.get("To") : null, null, at(params), null, null, null, CONTENT_TYPE, raw);
        } else if (ENDINGS.contains(state)) {
            Integer duration;
            try {
                duration = blank(params.get("CallDuration")) ? null : Integer.valueOf(params.get("CallDuration").strip());
            } catch (NumberFormatException e) {
                throw malformed("CallDuration is a whole number of seconds", null, sid, raw);
            }
            String cause = switch (state) {
                case "completed" -> "normal";
                case "canceled" -> "no-answer";
                default -> state;
            };
            event = new CallEvent(PROVIDER, callId, CallEvent.Kind.ENDED, null, null, null, at(params), duration, cause,
                    blank(params.get("RecordingUrl")) ? null : params.get("RecordingUrl"), CONTENT_TYPE, raw);
        } else {
            return Optional.empty();
        }
        try {
            return Optional.of(centre.receive(event));
        } catch (InvalidInput e) {
            throw malformed(e.getMessage(), null, sid, raw);
        }
    }

    /** The first extension of every agent who is online and not on a call or owing a wrap-up, at most ten. */
    private List<String> freeExtensions() {
        Set<UUID> busy = centre.busyAgents();
        Map<UUID, List<String>> all = extensions.all();
        List<String> ring = new ArrayList<>();
        for (Agent agent : agents.all()) {
            List<String> own = all.get(agent.id());
            if (agent.presence() == Agent.Presence.ONLINE && !busy.contains(agent.id()) && own != null && !own.isEmpty()
                    && ring.size() < MAX_LEGS) {
                ring.add(own.getFirst());
            }
        }
        return ring;
    }

    /** Where Twilio reaches Temas: the public URL, else the scheme, host and port the webhook came to. */
    private String base(String url) {
        String publicUrl = telephony.current().publicUrl();
        if (publicUrl != null) {
            return publicUrl;
        }
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    private void verify(String url, Map<String, String> params, byte[] raw, String signature, String client) {
        String token = telephony.current().twilio().authToken();
        if (!SmsSignatures.verifyTwilio(token, url, params, signature)) {
            String reason = blank(token) ? "no Twilio auth token is set, so no Twilio voice webhook can be trusted"
                    : "bad or missing X-Twilio-Signature";
            throw WebhookRejected.signature(reason, refused.refuse(ChannelType.VOICE.code(), client, reason, CONTENT_TYPE, raw).orElse(null));
        }
    }

    private WebhookRejected malformed(String reason, String entryPoint, String externalId, byte[] raw) {
        var rejected = sink.reject(ChannelType.VOICE.code(), entryPoint, externalId, reason, CONTENT_TYPE, raw);
        return WebhookRejected.malformed(reason, rejected.quarantineId());
    }

    /** When it happened: Twilio's {@code Timestamp} (RFC 1123), else now. */
    private Instant at(Map<String, String> params) {
        String value = params.get("Timestamp");
        if (!blank(value)) {
            try {
                return ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                // Not a time we can read: when it came will do.
            }
        }
        return clock.instant();
    }

    static String twiml(String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>" + body + "</Response>";
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
