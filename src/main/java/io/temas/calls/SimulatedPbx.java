package io.temas.calls;

import io.temas.shared.InvalidInput;
import io.temas.shared.NotFound;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * A telephone system that exists only in Temas, for trying the call centre without one: a call
 * placed through it rings the agent's extension and is answered after {@code temas.calls.simulated-delay}
 * each (on a virtual thread: the request that placed it never waits); an administrator can make a
 * call come in to an extension, answer it and hang it up from the telephony settings screen. Its
 * events go through {@link CallCentre#receive} like any PBX's, so pops, conversations and wrap-up
 * behave as with a real one. Calls in progress are kept in memory: a restart forgets them.
 */
@Service
public class SimulatedPbx implements Pbx {

    /** The number a simulated incoming call dials unless told otherwise: the demo call centre's. */
    public static final String DEFAULT_NUMBER = "+908502220000";
    /** The media type the simulator's raw events are stored under. */
    public static final String CONTENT_TYPE = "application/vnd.temas.simulated-call+json";

    private static final Logger log = LoggerFactory.getLogger(SimulatedPbx.class);

    /** A simulated call in progress. */
    public record Simulated(String callId, String direction, String from, String to, String extension, String state, Instant startedAt,
                            Instant answeredAt) {

        Simulated with(String newState, Instant answered) {
            return new Simulated(callId, direction, from, to, extension, newState, startedAt, answered);
        }
    }

    private final ObjectProvider<CallCentre> centre;
    private final JsonMapper json;
    private final Clock clock;
    private final Map<String, Simulated> calls = new ConcurrentHashMap<>();
    private volatile Duration delay;

    SimulatedPbx(ObjectProvider<CallCentre> centre, JsonMapper json, Clock clock, @Value("${temas.calls.simulated-delay:2s}") Duration delay) {
        this.centre = centre;
        this.json = json;
        this.clock = clock;
        this.delay = delay;
    }

    @Override
    public String code() {
        return "simulated";
    }

    @Override
    public boolean ready() {
        return true;
    }

    /** Rings the agent's extension, then answers, each after the delay, on a virtual thread of its own; answers at once. */
    @Override
    public String dial(Dial dial) {
        String id = dial.callId().toString();
        calls.put(id, new Simulated(id, "outbound", dial.number(), dial.callerId(), dial.extension(), "dialing", clock.instant(), null));
        Duration wait = delay;
        if (!wait.isZero() && !wait.isNegative()) {
            Thread.ofVirtual().name("simulated-call-" + id).start(() -> {
                try {
                    Thread.sleep(wait);
                    ring(id);
                    Thread.sleep(wait);
                    answer(id);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    // Hung up meanwhile, or the call centre refused the event: the simulation stops there.
                    log.debug("Simulated call {} stopped: {}", id, e.toString());
                }
            });
        }
        return id;
    }

    /** Sets how long each step of a placed call waits; zero: the steps are taken only by {@link #ring} and {@link #answer}. */
    void delay(Duration delay) {
        this.delay = delay;
    }

    Duration delay() {
        return delay;
    }

    /**
     * Makes a call come in from {@code from} to {@code to}, ringing {@code extension}.
     *
     * @throws InvalidInput when the caller's number is missing or not a telephone number
     */
    public Call incoming(String from, String to, String extension) {
        String caller = TelephonySettings.blankToNull(from);
        if (caller == null) {
            throw new InvalidInput("from", "the caller's number is required");
        }
        try {
            caller = io.temas.shared.Identifier.phone(caller).value();
        } catch (InvalidInput e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InvalidInput("from", "'" + io.temas.shared.TextInput.forLog(caller) + "' is not a telephone number");
        }
        String dialled = TelephonySettings.blankToNull(to) == null ? DEFAULT_NUMBER : to.strip();
        String id = "sim-" + UUID.randomUUID();
        calls.put(id, new Simulated(id, "inbound", caller, dialled, TelephonySettings.blankToNull(extension), "dialing", clock.instant(), null));
        try {
            return ring(id);
        } catch (RuntimeException e) {
            calls.remove(id);
            throw e;
        }
    }

    /** The call's extension rings. */
    public Call ring(String callId) {
        Simulated call = get(callId);
        Call result = send(call, CallEvent.Kind.RINGING, null, null);
        calls.computeIfPresent(callId, (k, c) -> "dialing".equals(c.state()) ? c.with("ringing", null) : c);
        return result;
    }

    /** The extension answers. */
    public Call answer(String callId) {
        Simulated call = get(callId);
        Instant now = clock.instant();
        Call result = send(call, CallEvent.Kind.ANSWERED, null, null);
        calls.computeIfPresent(callId, (k, c) -> c.answeredAt() == null ? c.with("answered", now) : c);
        return result;
    }

    /** Either side hangs up: the call ends, normally when it was answered, else as not answered. */
    public Call hangUp(String callId) {
        Simulated call = get(callId);
        calls.remove(callId);
        Integer duration = call.answeredAt() == null ? null
                : (int) Math.max(0, Duration.between(call.answeredAt(), clock.instant()).toSeconds());
        return send(call, CallEvent.Kind.ENDED, duration, call.answeredAt() == null ? "no-answer" : "normal");
    }

    /** The simulated calls in progress, oldest first. */
    public List<Simulated> inProgress() {
        return calls.values().stream().sorted(Comparator.comparing(Simulated::startedAt)).toList();
    }

    private Simulated get(String callId) {
        Simulated call = callId == null ? null : calls.get(callId);
        if (call == null) {
            throw new NotFound("no simulated call " + callId + " is in progress");
        }
        return call;
    }

    private Call send(Simulated call, CallEvent.Kind kind, Integer duration, String cause) {
        boolean inbound = "inbound".equals(call.direction());
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("callId", call.callId());
        raw.put("event", kind.code());
        raw.put("direction", call.direction());
        raw.put("from", call.from());
        raw.put("to", call.to());
        raw.put("extension", call.extension());
        raw.put("duration", duration);
        raw.put("cause", cause);
        Instant at = clock.instant();
        raw.put("at", at.toString());
        return centre.getObject().receive(new CallEvent(code(), call.callId(), kind, inbound ? call.from() : null, inbound ? call.to() : null,
                call.extension(), at, duration, cause, null, CONTENT_TYPE, json.writeValueAsBytes(raw))).call();
    }
}
