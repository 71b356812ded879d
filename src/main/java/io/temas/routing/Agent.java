package io.temas.routing;

import io.temas.shared.ChannelType;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An agent: skills, the queues they serve, presence, and how many conversations per channel they handle at once. */
public record Agent(UUID id, String username, String displayName, String email, List<String> skills, List<String> languages,
                    Map<ChannelType, Integer> capacity, Presence presence, List<UUID> queueIds) {

    public enum Presence {
        ONLINE, AWAY, OFFLINE;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** @throws io.temas.shared.InvalidInput when the code is not online, away or offline */
        public static Presence of(String code) {
            try {
                return valueOf(code.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (RuntimeException e) {
                throw new io.temas.shared.InvalidInput("presence", "presence must be online, away or offline");
            }
        }
    }

    public boolean hasSkills(List<String> required) {
        return skills.containsAll(required);
    }
}
