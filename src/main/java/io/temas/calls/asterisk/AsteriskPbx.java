package io.temas.calls.asterisk;

import io.temas.shared.ReasonCode;
import io.temas.calls.AsteriskSettings;
import io.temas.calls.CallCentre;
import io.temas.calls.CallEvent;
import io.temas.calls.Pbx;
import io.temas.calls.PbxStatus;
import io.temas.calls.PbxUnavailable;
import io.temas.calls.Telephony;
import io.temas.calls.TelephonyChanged;
import io.temas.calls.TelephonySettings;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asterisk through ARI. While ARI is configured, the WebSocket event stream of Temas's Stasis
 * application ({@code GET /ari/events?app=<app>&subscribeAll=false}, basic authentication) is kept
 * open: when it drops it is opened again after a wait that doubles from
 * {@code temas.asterisk.reconnect-min} up to {@code reconnect-max}; when Asterisk turns the
 * credentials down nothing more is tried (and logged) until the settings change. Asterisk gives an
 * application's events to one WebSocket at a time, the newest: when another connection (another
 * Temas node) takes the application over ({@code ApplicationReplaced}), this one steps back and
 * tries again only after {@code reconnect-max}, so nodes take turns rather than fight. Each event is read
 * by {@link AriCalls} and what it tells goes to {@link CallCentre#receive} with the event as raw.
 *
 * <p>Click-to-call originates a channel to the agent's phone ({@code POST /ari/channels}, endpoint
 * {@code <technology>/<extension>}, its id Temas's call id); when the agent answers, the channel
 * dials the customer's number in the configured dialplan context. The application is subscribed to
 * that channel so its events come on the same stream.
 */
@Component
class AsteriskPbx implements Pbx, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AsteriskPbx.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final TelephonySettings telephony;
    private final AsteriskSettings settings;
    private final ObjectProvider<CallCentre> centre;
    private final JsonMapper json;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    /** Made at each start and shut down at each stop: a paused test context stops and starts its lifecycle beans again. */
    private volatile ScheduledExecutorService timer;
    private final Object lock = new Object();

    private volatile boolean running;
    private volatile PbxStatus status = PbxStatus.of(false);
    /** Bumped on every new connection attempt; callbacks of an older one are ignored. */
    private long generation;
    private Telephony.Ari connectedWith;
    private WebSocket socket;
    private AriCalls calls;
    private int failures;
    private String lastLogged;
    /** The attempt a retry is already planned for. */
    private long retrying = -1;

    AsteriskPbx(TelephonySettings telephony, AsteriskSettings settings, ObjectProvider<CallCentre> centre, JsonMapper json, Clock clock) {
        this.telephony = telephony;
        this.settings = settings;
        this.centre = centre;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String code() {
        return "asterisk";
    }

    @Override
    public boolean ready() {
        return telephony.current().ari().configured();
    }

    @Override
    public PbxStatus status() {
        return ready() ? status : PbxStatus.of(false);
    }

    @Override
    public String dial(Dial dial) {
        Telephony.Ari ari = telephony.current().ari();
        if (!ari.configured()) {
            throw new PbxUnavailable("Asterisk's REST interface is not configured (Telephony settings, or temas.asterisk.*)")
                    .saying(ReasonCode.of("calls.pbx.notConfigured", "Asterisk"));
        }
        String channelId = dial.callId().toString();
        AriCalls reader = reader(ari);
        reader.placed(channelId);
        StringBuilder query = new StringBuilder()
                .append("endpoint=").append(enc(ari.technology() + "/" + dial.extension()))
                .append("&extension=").append(enc(dial.number()))
                .append("&context=").append(enc(ari.context()))
                .append("&priority=1&timeout=30")
                .append("&channelId=").append(enc(channelId));
        if (dial.callerId() != null && !dial.callerId().isBlank()) {
            query.append("&callerId=").append(enc(dial.callerId()));
        }
        post(ari, "/ari/channels?" + query, "originate");
        // Channels originated into the dialplan are not the application's: subscribe to this one so its events come too.
        post(ari, "/ari/applications/" + enc(ari.app()) + "/subscription?eventSource=" + enc("channel:" + channelId), "subscribe");
        return channelId;
    }

    private void post(Telephony.Ari ari, String pathAndQuery, String what) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(root(ari.url()) + pathAndQuery)).timeout(TIMEOUT)
                .header("Authorization", basic(ari)).header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new PbxUnavailable("Asterisk could not be reached to " + what + ": " + e).saying(ReasonCode.of("calls.pbx.unreachable", "Asterisk"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PbxUnavailable("interrupted while placing the call").saying(ReasonCode.of("calls.pbx.interrupted"));
        }
        if (response.statusCode() / 100 != 2) {
            String body = response.body() == null ? "" : response.body().strip();
            throw new PbxUnavailable("Asterisk refused to " + what + ": HTTP " + response.statusCode()
                    + (body.isEmpty() ? "" : " " + (body.length() > 200 ? body.substring(0, 200) + "…" : body)))
                    .saying(ReasonCode.of("calls.pbx.refused", "Asterisk", response.statusCode()));
        }
    }

    // --- the event stream ---

    @Override
    public void start() {
        running = true;
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("ari-timer").factory());
        timer.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
        connect();
    }

    @Override
    public void stop() {
        running = false;
        synchronized (lock) {
            generation++;
            close();
        }
        timer.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @EventListener
    void changed(TelephonyChanged changed) {
        if (running) {
            connect();
        }
    }

    /** (Re)connects when the settings differ from those of the open stream, or no stream is open. */
    private void connect() {
        Telephony.Ari ari = telephony.current().ari();
        long attempt;
        synchronized (lock) {
            if (ari.equals(connectedWith) && socket != null) {
                return;
            }
            generation++;
            close();
            failures = 0;
            lastLogged = null;
            if (!ari.configured()) {
                status = PbxStatus.of(false);
                connectedWith = null;
                return;
            }
            connectedWith = ari;
            calls = new AriCalls(root(ari.url()), id -> centre.getObject().findByExternal(AriCalls.PROVIDER, id), clock);
            attempt = generation;
        }
        open(ari, attempt);
    }

    private void open(Telephony.Ari ari, long attempt) {
        status = new PbxStatus("connecting", status.detail(), clock.instant());
        URI uri;
        try {
            uri = URI.create(root(ari.url()).replaceFirst("^http", "ws") + "/ari/events?app=" + enc(ari.app()) + "&subscribeAll=false");
        } catch (IllegalArgumentException e) {
            refused(attempt, "not a usable address: " + e.getMessage());
            return;
        }
        http.newWebSocketBuilder().connectTimeout(TIMEOUT).header("Authorization", basic(ari))
                .buildAsync(uri, new Listener(attempt))
                .whenComplete((ws, error) -> {
                    synchronized (lock) {
                        if (attempt != generation) {
                            if (ws != null) {
                                ws.abort();
                            }
                            return;
                        }
                        if (error == null) {
                            socket = ws;
                            failures = 0;
                            lastLogged = null;
                            status = new PbxStatus("connected", null, clock.instant());
                            log.info("Connected to Asterisk's event stream for application {} at {}", ari.app(), root(ari.url()));
                            return;
                        }
                    }
                    Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error;
                    if (cause instanceof WebSocketHandshakeException handshake
                            && (handshake.getResponse().statusCode() == 401 || handshake.getResponse().statusCode() == 403)) {
                        refused(attempt, "Asterisk refused the ARI user or password (HTTP " + handshake.getResponse().statusCode() + ")");
                    } else if (cause instanceof WebSocketHandshakeException handshake) {
                        dropped(attempt, "Asterisk answered HTTP " + handshake.getResponse().statusCode()
                                + " (is the application name right and res_ari loaded?)");
                    } else {
                        dropped(attempt, String.valueOf(cause.getMessage() == null ? cause : cause.getMessage()));
                    }
                });
    }

    /** Credentials turned down: stays so, quietly, until the settings change. */
    private void refused(long attempt, String why) {
        synchronized (lock) {
            if (attempt != generation) {
                return;
            }
            socket = null;
            status = new PbxStatus("refused", why, clock.instant());
        }
        log.warn("Not connecting to Asterisk: {}. Nothing more is tried until the telephony settings change.", why);
    }

    /** The stream could not be opened or dropped: tries again after a wait that doubles with each failure in a row. */
    private void dropped(long attempt, String why) {
        retry(attempt, why, false);
    }

    /** Another connection took the application over: steps back for the longest wait. */
    private void replaced(long attempt) {
        retry(attempt, "another connection took over application " + (connectedWith == null ? "" : connectedWith.app())
                + " (another Temas node?)", true);
    }

    private void retry(long attempt, String why, boolean replaced) {
        Duration wait;
        boolean logIt;
        WebSocket old;
        synchronized (lock) {
            if (attempt != generation || !running || attempt == retrying) {
                return;
            }
            retrying = attempt;
            old = socket;
            socket = null;
            failures++;
            long factor = 1L << Math.min(failures - 1, 20);
            wait = replaced ? settings.reconnectMax() : settings.reconnectMin().multipliedBy(factor);
            if (wait.compareTo(settings.reconnectMax()) > 0) {
                wait = settings.reconnectMax();
            }
            status = new PbxStatus(replaced ? "replaced" : "disconnected", why, clock.instant());
            logIt = !why.equals(lastLogged);
            lastLogged = why;
        }
        if (old != null && replaced) {
            old.abort();
        }
        if (logIt) {
            log.warn("Asterisk's event stream is not open ({}); trying again in {} s, and after that less often", why, wait.toSeconds());
        } else {
            log.debug("Asterisk's event stream is still not open ({}); next try in {} s", why, wait.toSeconds());
        }
        Telephony.Ari ari = connectedWith;
        try {
            timer.schedule(() -> {
                synchronized (lock) {
                    if (attempt != generation || !running) {
                        return;
                    }
                    generation++;
                }
                open(ari, currentGeneration());
            }, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // Shutting down.
        }
    }

    private long currentGeneration() {
        synchronized (lock) {
            return generation;
        }
    }

    private void close() {
        if (socket != null) {
            socket.abort();
            socket = null;
        }
    }

    private AriCalls reader(Telephony.Ari ari) {
        synchronized (lock) {
            if (calls == null || !ari.equals(connectedWith)) {
                // No stream for these settings (yet): events will come once it is open; the call is found by its id then.
                return new AriCalls(root(ari.url()), id -> centre.getObject().findByExternal(AriCalls.PROVIDER, id), clock);
            }
            return calls;
        }
    }

    /** One event as it arrived: read, and what it tells taken by the call centre, in order. */
    private void handle(String text, long attempt) {
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        JsonNode event;
        try {
            event = json.readTree(raw);
        } catch (tools.jackson.core.JacksonException e) {
            log.warn("Asterisk sent an event that is not JSON; ignored: {}", e.getOriginalMessage());
            return;
        }
        if ("ApplicationReplaced".equals(AriCalls.text(event, "type"))) {
            replaced(attempt);
            return;
        }
        List<CallEvent> events;
        try {
            synchronized (lock) {
                if (calls == null) {
                    return;
                }
                events = calls.read(event, raw);
            }
        } catch (RuntimeException e) {
            // The database is away, say: this event is lost to Temas, the stream and the next events are not.
            log.warn("Asterisk event {} not read: {}", AriCalls.text(event, "type"), e.toString());
            return;
        }
        deliver(events);
    }

    private void sweep() {
        List<CallEvent> events;
        try {
            synchronized (lock) {
                if (calls == null) {
                    return;
                }
                events = calls.overdue(clock.instant());
            }
        } catch (RuntimeException e) {
            // A failed sweep must not end the timer: the next one tries again.
            log.warn("Ending Asterisk calls whose end was waited for failed: {}", e.toString());
            return;
        }
        deliver(events);
    }

    private void deliver(List<CallEvent> events) {
        for (CallEvent event : events) {
            try {
                centre.getObject().receive(event);
            } catch (RuntimeException e) {
                log.warn("Asterisk call event {} {} not taken: {}", event.kind().code(), event.callId(), e.toString());
            }
        }
    }

    /** Reads the stream's messages one at a time, in order. */
    private final class Listener implements WebSocket.Listener {

        private final long attempt;
        private final StringBuilder partial = new StringBuilder();

        Listener(long attempt) {
            this.attempt = attempt;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String message = partial.toString();
                partial.setLength(0);
                if (attempt == currentGeneration()) {
                    handle(message, attempt);
                }
            }
            webSocket.request(1);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            dropped(attempt, "closed by Asterisk (" + statusCode + (reason == null || reason.isBlank() ? "" : " " + reason) + ")");
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            dropped(attempt, String.valueOf(error.getMessage() == null ? error : error.getMessage()));
        }
    }

    private static String root(String url) {
        String r = url.strip().replaceAll("/+$", "");
        return r.toLowerCase(Locale.ROOT).endsWith("/ari") ? r.substring(0, r.length() - 4) : r;
    }

    private static String basic(Telephony.Ari ari) {
        return "Basic " + Base64.getEncoder().encodeToString((ari.username() + ":" + ari.password()).getBytes(StandardCharsets.UTF_8));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
