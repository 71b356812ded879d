package io.temas.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Who has a conversation open and who is typing in it. Pages report "viewing" every 15 s and
 * "typing" while keys are pressed; a viewer who stops reporting disappears after {@link #VIEWING},
 * a typist goes back to viewing after {@link #TYPING}. Kept in memory: with several nodes each
 * node knows its own viewers (shared presence needs the event bus between nodes).
 */
@Component
class Presence {

    static final Duration VIEWING = Duration.ofSeconds(40);
    static final Duration TYPING = Duration.ofSeconds(6);

    enum State { VIEWING, TYPING }

    /** One person on a conversation. */
    record Here(String username, String name, State state) {
    }

    private record Seen(String name, Instant viewing, Instant typing) {
    }

    private final Map<UUID, Map<String, Seen>> conversations = new ConcurrentHashMap<>();
    private final LiveUpdates live;
    private final Clock clock;

    Presence(LiveUpdates live, Clock clock) {
        this.live = live;
        this.clock = clock;
    }

    void report(UUID conversationId, String username, String name, String state) {
        Instant now = clock.instant();
        Map<String, Seen> here = conversations.computeIfAbsent(conversationId, id -> new ConcurrentHashMap<>());
        Seen before = here.get(username);
        switch (state) {
            case "left" -> here.remove(username);
            case "typing" -> here.put(username, new Seen(name, now, now));
            default -> here.put(username, new Seen(name, now, before == null ? null : before.typing()));
        }
        boolean changed = before == null || "left".equals(state) || "typing".equals(state) != isTyping(before, now);
        if (changed) {
            live.presenceChanged(conversationId);
        }
    }

    /** Everyone on the conversation except {@code me}, typists first. */
    List<Here> others(UUID conversationId, String me) {
        Instant now = clock.instant();
        return conversations.getOrDefault(conversationId, Map.of()).entrySet().stream()
                .filter(e -> !e.getKey().equals(me) && e.getValue().viewing().plus(VIEWING).isAfter(now))
                .map(e -> new Here(e.getKey(), e.getValue().name(), isTyping(e.getValue(), now) ? State.TYPING : State.VIEWING))
                .sorted(Comparator.comparing(Here::state).reversed().thenComparing(Here::name))
                .toList();
    }

    /** Drops viewers who stopped reporting and tells pages when a typist stopped. */
    @Scheduled(fixedDelay = 5000)
    void expire() {
        Instant now = clock.instant();
        conversations.forEach((id, here) -> {
            boolean changed = here.entrySet().removeIf(e -> !e.getValue().viewing().plus(VIEWING).isAfter(now));
            for (Map.Entry<String, Seen> e : here.entrySet()) {
                Seen seen = e.getValue();
                if (seen.typing() != null && !isTyping(seen, now)) {
                    e.setValue(new Seen(seen.name(), seen.viewing(), null));
                    changed = true;
                }
            }
            if (changed) {
                live.presenceChanged(id);
            }
        });
        conversations.values().removeIf(Map::isEmpty);
    }

    private static boolean isTyping(Seen seen, Instant now) {
        return seen.typing() != null && seen.typing().plus(TYPING).isAfter(now);
    }
}
