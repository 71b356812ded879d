package io.temas.chat;

import io.temas.shared.Refusal;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chat over a WebSocket ({@code /chat/v1/sessions/{id}/socket?token=..&after=..}): the server
 * sends the same event objects as the event stream; the client sends {@code message},
 * {@code typing} and {@code ping} frames. The token and the page's origin are checked at the
 * handshake ({@link ChatSocketHandshake}); a frame over the limit closes the socket with 1009, and
 * a refused frame is answered with an {@code error} frame and the socket stays open.
 */
class ChatSocket extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(ChatSocket.class);
    static final String SESSION = "chat.session";
    static final String AFTER = "chat.after";
    private static final String STREAM = "chat.stream";
    private static final String SAFE = "chat.safe";

    private final ChatSessions sessions;
    private final ChatStreams streams;
    private final JsonMapper json;
    private final ChatSettings settings;

    ChatSocket(ChatSessions sessions, ChatStreams streams, JsonMapper json, ChatSettings settings) {
        this.sessions = sessions;
        this.streams = streams;
        this.json = json;
        this.settings = settings;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession socket) {
        socket.setTextMessageSizeLimit(settings.maxFrameBytes());
        WebSocketSession safe = new ConcurrentWebSocketSessionDecorator(socket, 10_000, 512 * 1024);
        UUID sessionId = (UUID) socket.getAttributes().get(SESSION);
        long after = (Long) socket.getAttributes().getOrDefault(AFTER, 0L);
        ChatStreams.Stream stream = streams.open(sessionId, after, new SocketOut(safe, json));
        socket.getAttributes().put(SAFE, safe);
        socket.getAttributes().put(STREAM, stream);
    }

    @Override
    protected void handleTextMessage(WebSocketSession socket, TextMessage message) throws IOException {
        UUID sessionId = (UUID) socket.getAttributes().get(SESSION);
        String clientId = null;
        try {
            JsonNode frame = json.readTree(message.getPayload());
            clientId = frame.path("clientId").isString() ? frame.path("clientId").asString() : null;
            String type = frame.path("type").asString("");
            ChatSessions.Session session = sessions.find(sessionId).orElseThrow(() -> new io.temas.shared.NotFound("no chat " + sessionId));
            switch (type) {
                case "message" -> sessions.post(session, text(frame, "text"), text(frame, "clientId"));
                case "typing" -> sessions.typing(session);
                case "ping" -> {
                }
                default -> error(socket, HttpStatus.BAD_REQUEST, "invalid-input", null, "unknown frame type; send message, typing or ping",
                        clientId);
            }
        } catch (ChatRefused e) {
            error(socket, e.status(), e.type(), null, e.getMessage(), clientId);
        } catch (Refusal e) {
            error(socket, status(e), problem(e), e instanceof io.temas.shared.InvalidInput invalid ? invalid.field() : null, e.getMessage(),
                    clientId);
        } catch (tools.jackson.core.JacksonException e) {
            error(socket, HttpStatus.BAD_REQUEST, "invalid-input", null, "a frame is one JSON object", clientId);
        }
    }

    private static String text(JsonNode frame, String field) {
        JsonNode node = frame.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw new io.temas.shared.InvalidInput(field, field + " is a string");
        }
        return node.asString();
    }

    /** The problem type the HTTP API would answer for this refusal. */
    private static String problem(Refusal e) {
        return e instanceof io.temas.shared.NotFound ? "not-found"
                : e instanceof io.temas.shared.Conflict ? "conflict"
                : e instanceof io.temas.shared.RefusedByRule ? "refused" : "invalid-input";
    }

    private static HttpStatus status(Refusal e) {
        return e instanceof io.temas.shared.NotFound ? HttpStatus.NOT_FOUND
                : e instanceof io.temas.shared.Conflict ? HttpStatus.CONFLICT
                : e instanceof io.temas.shared.RefusedByRule ? HttpStatus.UNPROCESSABLE_CONTENT : HttpStatus.BAD_REQUEST;
    }

    /**
     * An error frame, sent through the same serialising decorator as the stream's events: the status
     * and problem type the HTTP API would answer, the field at fault, the message it refuses, and an
     * English detail for developers.
     */
    private void error(WebSocketSession socket, HttpStatus status, String problem, String field, String detail, String clientId)
            throws IOException {
        Map<String, Object> frame = new java.util.LinkedHashMap<>();
        frame.put("type", "error");
        frame.put("status", status.value());
        frame.put("problem", problem);
        frame.put("title", detail);
        if (field != null) {
            frame.put("field", field);
        }
        if (clientId != null) {
            frame.put("clientId", clientId);
        }
        WebSocketSession safe = (WebSocketSession) socket.getAttributes().getOrDefault(SAFE, socket);
        safe.sendMessage(new TextMessage(json.writeValueAsString(frame)));
    }

    @Override
    public void handleTransportError(WebSocketSession socket, Throwable exception) {
        log.debug("Chat socket {} broke: {}", socket.getId(), exception.toString());
        closeStream(socket);
    }

    @Override
    public void afterConnectionClosed(WebSocketSession socket, CloseStatus status) {
        closeStream(socket);
    }

    private static void closeStream(WebSocketSession socket) {
        Object stream = socket.getAttributes().remove(STREAM);
        if (stream instanceof ChatStreams.Stream open) {
            open.close();
        }
    }

    /** A socket as a chat stream's output. */
    private record SocketOut(WebSocketSession socket, JsonMapper json) implements ChatStreams.Out {

        @Override
        public boolean webSocket() {
            return true;
        }

        @Override
        public boolean send(ChatEvent event) {
            try {
                socket.sendMessage(new TextMessage(json.writeValueAsString(event)));
                return true;
            } catch (IOException | IllegalStateException e) {
                return false;
            }
        }

        @Override
        public void heartbeat() {
            try {
                socket.sendMessage(new org.springframework.web.socket.PingMessage());
            } catch (IOException | IllegalStateException ignored) {
                // a dead socket is noticed by its close
            }
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }
}
