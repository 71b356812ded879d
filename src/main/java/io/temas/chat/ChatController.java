package io.temas.chat;

import io.temas.shared.InvalidInput;
import io.temas.shared.Language;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chat API the widget speaks, open to other front ends (a mobile app): start a chat, send
 * messages, files and answers with the visitor token, and read the chat's events as server-sent
 * events (the WebSocket in {@link ChatSocket} carries the same events).
 */
@RestController
@RequestMapping("/chat/v1")
class ChatController {

    private static final long STREAM_TIMEOUT = Duration.ofMinutes(30).toMillis();

    record StartRequest(String entryPoint, String name, String email, String phone, String language) {
    }

    record AnsweredRequest(Boolean answered) {
    }

    record RatingRequest(Integer score, String comment) {
    }

    record EmailRequest(String email) {
    }

    record PhoneRequest(String phone, String slot) {
    }

    private final ChatGate gate;
    private final ChatSessions sessions;
    private final ChatStreams streams;
    private final ChatTexts texts;
    private final ChatSettings settings;
    private final AgentHours hours;
    private final ChatTranscripts transcripts;
    private final JsonMapper json;
    private final java.time.Clock clock;

    private final ChatCallbacks chatCallbacks;

    ChatController(ChatGate gate, ChatSessions sessions, ChatStreams streams, ChatTexts texts, ChatSettings settings, AgentHours hours,
                   ChatTranscripts transcripts, JsonMapper json, java.time.Clock clock, ChatCallbacks chatCallbacks) {
        this.chatCallbacks = chatCallbacks;
        this.gate = gate;
        this.sessions = sessions;
        this.streams = streams;
        this.texts = texts;
        this.settings = settings;
        this.hours = hours;
        this.transcripts = transcripts;
        this.json = json;
        this.clock = clock;
    }

    /** The widget's settings and texts for an entry point, in a language. */
    @GetMapping("/entry-points/{code}")
    Map<String, Object> entryPoint(@PathVariable String code, @RequestParam(required = false) String lang,
                                   HttpServletRequest request, HttpServletResponse response) {
        ChatDoor door = gate.door(code);
        gate.admit(door, request, response);
        Language language = Language.parse(lang).orElse(Language.DEFAULT);
        java.util.Optional<Instant> closed = hours.closedUntil(door.entryPoint().address(), clock.instant());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("entryPoint", door.entryPoint().address());
        body.put("name", door.entryPoint().name());
        body.put("language", language.code());
        body.put("open", closed.isEmpty());
        body.put("backAt", closed.orElse(null));
        body.put("prechat", Map.of("name", door.name().code(), "email", door.email().code(), "phone", door.phone().code()));
        body.put("maxFileBytes", door.maxFileBytes());
        body.put("fileTypes", settings.fileTypes());
        body.put("texts", texts.widget(language));
        return body;
    }

    @PostMapping("/sessions")
    ResponseEntity<Map<String, Object>> start(@RequestBody StartRequest body, HttpServletRequest request, HttpServletResponse response) {
        if (body == null || body.entryPoint() == null || body.entryPoint().isBlank()) {
            throw new InvalidInput("entryPoint", "entryPoint is required");
        }
        ChatDoor door = gate.door(body.entryPoint());
        gate.admit(door, request, response);
        ChatSessions.Started started = sessions.start(door, body.name(), body.email(), body.phone(), body.language(),
                request.getHeader(HttpHeaders.ORIGIN), request.getRemoteAddr());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("sessionId", started.sessionId());
        answer.put("token", started.token());
        answer.put("language", started.language().code());
        return ResponseEntity.status(HttpStatus.CREATED)
                .header(HttpHeaders.LOCATION, "/chat/v1/sessions/" + started.sessionId()).body(answer);
    }

    @GetMapping("/sessions/{id}")
    Map<String, Object> session(@PathVariable UUID id, @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String auth,
                                HttpServletRequest request, HttpServletResponse response) {
        ChatSessions.Session s = gate.session(id, bearer(auth), request, response);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sessionId", s.id());
        body.put("state", s.state());
        body.put("conversationId", s.conversationId());
        body.put("language", s.language().code());
        body.put("lastId", s.lastSeq());
        body.put("rated", s.rating() != null);
        return body;
    }

    @PostMapping("/sessions/{id}/messages")
    ResponseEntity<Map<String, Object>> message(@PathVariable UUID id, @RequestBody tools.jackson.databind.JsonNode body,
                                                @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String auth,
                                                HttpServletRequest request, HttpServletResponse response) {
        ChatSessions.Session s = gate.session(id, bearer(auth), request, response);
        long seq = sessions.post(s, string(body, "text"), string(body, "clientId"));
        return ResponseEntity.accepted().body(Map.of("id", seq));
    }

    @PostMapping("/sessions/{id}/answered")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void answered(@PathVariable UUID id, @RequestBody AnsweredRequest body,
                  @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String auth,
                  HttpServletRequest request, HttpServletResponse response) {
        ChatSessions.Session s = gate.session(id, bearer(auth), request, response);
        if (body == null || body.answered() == null) {
            throw new InvalidInput("answered", "answered is true or false");
        }
        sessions.answered(s, body.answered());
    }

    @PostMapping("/sessions/{id}/typing")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void typing(@PathVariable UUID id, @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String auth,
                HttpServletRequest request, HttpServletResponse response) {
        sessions.typing(gate.session(id, bearer(auth), request, response));
    }

    @PostMapping(path = "/sessions/{id}/files", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Map<String, Object>> file(@PathVariable UUID id, @RequestPart("file") MultipartFile file,
                                             @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String auth,
                                             HttpServletRequest request, HttpServletResponse response) throws IOException {
        ChatSessions.Session s = gate.session(id, bearer(auth), request, response);
        long seq = sessions.file(s, file.getOriginalFilename(), file.getContentType(), file.getBytes());
        return ResponseEntity.accepted().body(Map.of("id", seq));
    }

    @PostMapping("/sessions/{id}/end")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void end(@PathVariable UUID id, @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String auth,
             HttpServletRequest request, HttpServletResponse response) {
        sessions.leave(gate.session(id, bearer(auth), request, response));
    }

    @PostMapping("/sessions/{id}/rating")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void rating(@PathVariable UUID id, @RequestBody RatingRequest body,
                @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String auth,
                HttpServletRequest request, HttpServletResponse response) {
        ChatSessions.Session s = gate.session(id, bearer(auth), request, response);
        if (body == null || body.score() == null) {
            throw new InvalidInput("score", "score is a whole number from 1 to 5");
        }
        sessions.rate(s, body.score(), body.comment());
    }

    @PostMapping("/sessions/{id}/transcript")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void transcript(@PathVariable UUID id, @RequestBody EmailRequest body,
                    @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String auth,
                    HttpServletRequest request, HttpServletResponse response) {
        ChatSessions.Session s = gate.session(id, bearer(auth), request, response);
        transcripts.send(s, body == null ? null : body.email());
    }

    @PostMapping("/sessions/{id}/continue-by-email")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void continueByEmail(@PathVariable UUID id, @RequestBody EmailRequest body,
                         @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String auth,
                         HttpServletRequest request, HttpServletResponse response) {
        sessions.continueByEmail(gate.session(id, bearer(auth), request, response), body == null ? null : body.email());
    }

    @PostMapping("/sessions/{id}/callback")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void callback(@PathVariable UUID id, @RequestBody PhoneRequest body,
                  @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String auth,
                  HttpServletRequest request, HttpServletResponse response) {
        sessions.callback(gate.session(id, bearer(auth), request, response), body == null ? null : body.phone(),
                body == null ? null : slot(body.slot()));
    }

    /** The times a callback can be booked for, labelled in the chat's language: {@code {"slots":[{"start","end","label"}]}}. */
    @GetMapping("/sessions/{id}/callback-slots")
    Map<String, Object> callbackSlots(@PathVariable UUID id, @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String auth,
                                      HttpServletRequest request, HttpServletResponse response) {
        ChatSessions.Session session = gate.session(id, bearer(auth), request, response);
        return Map.of("slots", chatCallbacks.options(session.language()));
    }

    private static java.time.Instant slot(String slot) {
        if (slot == null || slot.isBlank()) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(slot.strip()).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new io.temas.shared.InvalidInput("slot", "slot is a date and time with its offset, as the callback-slots list gives it");
        }
    }

    /**
     * The chat's events as server-sent events: what is stored after {@code after} (or the
     * {@code Last-Event-ID} a reconnecting browser sends), then live ones.
     */
    @GetMapping(path = "/sessions/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@PathVariable UUID id, @RequestParam(required = false) Long after, @RequestParam(required = false) String token,
                      @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String auth,
                      @RequestHeader(value = "Last-Event-ID", required = false) String lastEventId,
                      HttpServletRequest request, HttpServletResponse response) {
        gate.session(id, auth != null ? bearer(auth) : token, request, response);
        long from = Math.max(after == null ? 0 : after, parse(lastEventId));
        response.setHeader("X-Accel-Buffering", "no");
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT);
        ChatStreams.Stream stream = streams.open(id, from, new SseOut(emitter, json));
        emitter.onCompletion(stream::close);
        emitter.onTimeout(stream::close);
        emitter.onError(e -> stream.close());
        return emitter;
    }

    /** A string field of a JSON body; a number or an object where text belongs is refused, not read as text. */
    static String string(tools.jackson.databind.JsonNode body, String field) {
        if (body == null || !body.isObject()) {
            throw new InvalidInput(null, "the body is a JSON object");
        }
        tools.jackson.databind.JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new InvalidInput(field, field + " is a string");
        }
        return value.asString();
    }

    private static long parse(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank() || lastEventId.length() > 19) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(lastEventId.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).strip();
    }

    /** An event stream as a chat stream's output. */
    private record SseOut(SseEmitter emitter, JsonMapper json) implements ChatStreams.Out {

        @Override
        public boolean send(ChatEvent event) {
            try {
                SseEmitter.SseEventBuilder builder = SseEmitter.event().data(json.writeValueAsString(event), MediaType.APPLICATION_JSON);
                if (event.id() != null) {
                    builder.id(String.valueOf(event.id()));
                }
                emitter.send(builder);
                return true;
            } catch (IOException | IllegalStateException e) {
                return false;
            }
        }

        @Override
        public void heartbeat() {
            try {
                emitter.send(SseEmitter.event().comment("keep-alive"));
            } catch (IOException | IllegalStateException e) {
                emitter.completeWithError(e);
            }
        }

        @Override
        public void close() {
            try {
                emitter.complete();
            } catch (IllegalStateException ignored) {
                // already complete
            }
        }
    }
}
