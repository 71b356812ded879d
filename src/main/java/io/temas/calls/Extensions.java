package io.temas.calls;

import io.temas.shared.Conflict;
import io.temas.shared.InvalidInput;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Which phone extensions ring which agent: one agent may have several, an extension belongs to one agent. */
@Service
public class Extensions {

    private static final Pattern EXTENSION = Pattern.compile("[A-Za-z0-9_.@:+/-]{1,64}");

    private final JdbcClient jdbc;
    private final Clock clock;
    /** Every call event asks who an extension rings: read from memory, reloaded when an extension changes. */
    private final io.temas.platform.ConfigurationCache<Map<String, UUID>> byExtension;

    Extensions(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.byExtension = new io.temas.platform.ConfigurationCache<>(this::load, clock);
    }

    private Map<String, UUID> load() {
        Map<String, UUID> all = new java.util.HashMap<>();
        jdbc.sql("select extension, agent_id from agent_extensions").query((rs, n) -> all.put(rs.getString(1), rs.getObject(2, UUID.class)))
                .list();
        return Map.copyOf(all);
    }

    /** The agent this extension rings, if any. */
    public Optional<UUID> agent(String extension) {
        if (extension == null || extension.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(byExtension.get().get(extension.strip()));
    }

    /** The extensions of one agent, in order. */
    public List<String> of(UUID agentId) {
        return jdbc.sql("select extension from agent_extensions where agent_id = ? order by created_at, extension")
                .param(agentId).query(String.class).list();
    }

    /** Every agent's extensions. */
    public Map<UUID, List<String>> all() {
        Map<UUID, List<String>> all = new LinkedHashMap<>();
        jdbc.sql("select agent_id, extension from agent_extensions order by created_at, extension")
                .query((rs, n) -> all.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(rs.getString(2)))
                .list();
        return all;
    }

    /**
     * Sets an agent's extensions, replacing what they had.
     *
     * @throws InvalidInput for an extension that is not 1–64 letters, digits or {@code _.@:+/-}
     * @throws Conflict     for an extension another agent has
     */
    @Transactional
    public List<String> set(UUID agentId, List<String> extensions) {
        List<String> clean = new ArrayList<>();
        for (String extension : extensions) {
            String e = extension == null ? "" : extension.strip();
            if (e.isEmpty()) {
                continue;
            }
            if (!EXTENSION.matcher(e).matches()) {
                throw new InvalidInput("an extension is 1 to 64 letters, digits or _.@:+/- characters, not '"
                        + (e.length() > 64 ? e.substring(0, 64) + "…" : e) + "'");
            }
            if (!clean.contains(e)) {
                clean.add(e);
            }
        }
        jdbc.sql("delete from agent_extensions where agent_id = ?").param(agentId).update();
        Timestamp now = Timestamp.from(clock.instant());
        for (String e : clean) {
            int inserted = jdbc.sql("insert into agent_extensions (extension, agent_id, created_at) values (?, ?, ?) on conflict do nothing")
                    .params(e, agentId, now).update();
            if (inserted == 0) {
                throw new Conflict("extension " + e + " already rings another agent");
            }
        }
        io.temas.platform.AfterCommit.run(byExtension::invalidate);
        return clean;
    }
}
