package io.temas.chat;

import org.springframework.http.HttpStatus;

/**
 * A chat request refused with a status and a problem type of its own ({@code urn:temas:problem:<type>}):
 * a forged token, an origin not on the allowlist, a flood, a file whose bytes lie about its type.
 *
 * @param retryAfterSeconds for 429, when the client may try again; 0 otherwise
 */
class ChatRefused extends RuntimeException {

    private final HttpStatus status;
    private final String type;
    private final long retryAfterSeconds;

    ChatRefused(HttpStatus status, String type, String detail) {
        this(status, type, detail, 0);
    }

    ChatRefused(HttpStatus status, String type, String detail, long retryAfterSeconds) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    HttpStatus status() {
        return status;
    }

    String type() {
        return type;
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    static ChatRefused badToken() {
        return new ChatRefused(HttpStatus.UNAUTHORIZED, "chat-token", "The visitor token is missing, expired or not for this chat.");
    }

    static ChatRefused origin(String origin) {
        return new ChatRefused(HttpStatus.FORBIDDEN, "origin-refused",
                "Origin " + io.temas.shared.TextInput.forLog(origin) + " may not use this chat; an admin allows sites per entry point.");
    }
}
