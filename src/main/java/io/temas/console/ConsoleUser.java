package io.temas.console;

import java.util.UUID;

/** Someone who signs in to the console. */
public record ConsoleUser(UUID id, String username, String displayName, Role role, String language, boolean enabled) {
}
