package io.temas.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Where the calls of a conversation sit in its thread: a call that came in as a message takes that
 * message's place (its card instead of the raw voice text); a call with no message of its own (one
 * the agent placed) sits before the first message after it began, or at the end.
 */
final class CallThread {

    static final CallThread EMPTY = new CallThread(Map.of(), Map.of(), List.of());

    private final Map<UUID, CallCard> replacing;
    private final Map<UUID, List<CallCard>> before;
    private final List<CallCard> after;

    CallThread(Map<UUID, CallCard> replacing, Map<UUID, List<CallCard>> before, List<CallCard> after) {
        this.replacing = replacing;
        this.before = before;
        this.after = after;
    }

    /** The cards to show at this message: loose calls before it, then its own call. */
    public List<CallCard> at(UUID messageId) {
        List<CallCard> cards = new ArrayList<>(before.getOrDefault(messageId, List.of()));
        CallCard own = replacing.get(messageId);
        if (own != null) {
            cards.add(own);
        }
        return cards;
    }

    /** Whether this message is a call's, shown as its card instead. */
    public boolean replaces(UUID messageId) {
        return replacing.containsKey(messageId);
    }

    /** Calls after the last message. */
    public List<CallCard> after() {
        return after;
    }

    static Builder builder() {
        return new Builder();
    }

    static final class Builder {
        private final Map<UUID, CallCard> replacing = new LinkedHashMap<>();
        private final Map<UUID, List<CallCard>> before = new LinkedHashMap<>();
        private final List<CallCard> after = new ArrayList<>();

        Builder replace(UUID messageId, CallCard card) {
            replacing.put(messageId, card);
            return this;
        }

        Builder before(UUID messageId, CallCard card) {
            before.computeIfAbsent(messageId, k -> new ArrayList<>()).add(card);
            return this;
        }

        Builder after(CallCard card) {
            after.add(card);
            return this;
        }

        CallThread build() {
            return new CallThread(Map.copyOf(replacing), Map.copyOf(before), List.copyOf(after));
        }
    }
}
