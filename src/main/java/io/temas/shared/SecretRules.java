package io.temas.shared;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What a password or operator-chosen secret must be, wherever it is set: the console's user
 * screens and the start-up settings ({@code temas.bootstrap.*}) apply the same rule. At least
 * {@value #MIN_LENGTH} characters; at most {@value #MAX_BYTES} bytes in UTF-8, because BCrypt
 * ignores what comes after.
 */
public final class SecretRules {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_BYTES = 72;

    /** Why a secret is refused. */
    public enum Problem {
        TOO_SHORT("shorter than " + MIN_LENGTH + " characters"),
        TOO_LONG("longer than " + MAX_BYTES + " bytes");

        private final String english;

        Problem(String english) {
            this.english = english;
        }

        /** The reason in English, for logs and start-up failures. */
        public String english() {
            return english;
        }
    }

    private SecretRules() {
    }

    /** Why the secret is not acceptable; empty when it is. */
    public static Optional<Problem> problem(String secret) {
        if (secret == null || secret.codePointCount(0, secret.length()) < MIN_LENGTH) {
            return Optional.of(Problem.TOO_SHORT);
        }
        if (secret.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Optional.of(Problem.TOO_LONG);
        }
        return Optional.empty();
    }
}
