package io.temas.console;

import java.util.UUID;

/**
 * Someone who signs in to the console.
 *
 * @param queueAccess their own queue permission; null when they follow their role's default
 */
public record ConsoleUser(UUID id, String username, String displayName, Role role, String language, boolean enabled,
                          QueuePermission queueAccess) {
}
