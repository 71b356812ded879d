package io.temas.calls;

import java.util.UUID;

/** A call's state changed (answered, ended, wrapped up): consoles showing it refresh. Published after commit. */
public record CallChanged(UUID callId, UUID conversationId, UUID agentId, String state) {
}
