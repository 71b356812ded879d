package io.temas.chat;

import io.temas.platform.AfterCommit;
import io.temas.platform.ConfigurationCache;
import io.temas.routing.EntryPoint;
import io.temas.routing.EntryPoints;
import io.temas.shared.ChannelType;
import io.temas.shared.NotFound;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The chat settings of each chat entry point. An entry point never configured allows no other
 * site (the help centre on Temas's own address always may), asks for name and e-mail as optional
 * and takes files up to 5 MB. Read on every chat request, so held in a {@link ConfigurationCache}
 * like the entry points themselves: a change on another node counts within seconds.
 */
@Service
public class ChatDoors {

    static final int DEFAULT_FILE_BYTES = 5 * 1024 * 1024;

    /** One stored row, by entry point id. */
    private record Settings(List<String> origins, ChatDoor.Field name, ChatDoor.Field email, ChatDoor.Field phone, int maxFileBytes) {
    }

    private static final Settings DEFAULTS = new Settings(List.of(), ChatDoor.Field.OPTIONAL, ChatDoor.Field.OPTIONAL,
            ChatDoor.Field.HIDDEN, DEFAULT_FILE_BYTES);

    private final JdbcClient jdbc;
    private final EntryPoints entryPoints;
    private final Clock clock;
    private final ConfigurationCache<Map<UUID, Settings>> settings;

    ChatDoors(JdbcClient jdbc, EntryPoints entryPoints, Clock clock) {
        this.jdbc = jdbc;
        this.entryPoints = entryPoints;
        this.clock = clock;
        this.settings = new ConfigurationCache<>(this::load, clock);
    }

    /** Whether some chat entry point allows pages of this origin. */
    boolean allowedAnywhere(String origin) {
        String lower = origin.toLowerCase(Locale.ROOT);
        return settings.get().values().stream().anyMatch(s -> s.origins().contains(lower));
    }

    /** Every chat entry point with its settings. */
    public List<ChatDoor> all() {
        return entryPoints.all().stream().filter(e -> ChannelType.CHAT.equals(e.channel())).map(this::of).toList();
    }

    /** The settings of a chat entry point by its address ({@code web-sohbet}); empty when there is no such chat entry point. */
    public Optional<ChatDoor> find(String address) {
        return entryPoints.find(address, ChannelType.CHAT).filter(e -> ChannelType.CHAT.equals(e.channel())).map(this::of);
    }

    ChatDoor of(EntryPoint entryPoint) {
        Settings s = settings.get().getOrDefault(entryPoint.id(), DEFAULTS);
        return new ChatDoor(entryPoint, s.origins(), s.name(), s.email(), s.phone(), s.maxFileBytes());
    }

    /**
     * Saves the settings of a chat entry point; origins are normalised and de-duplicated.
     *
     * @throws NotFound when the entry point is not a chat entry point
     * @throws io.temas.shared.InvalidInput when an origin or a limit is not valid
     */
    @Transactional
    public ChatDoor save(UUID entryPointId, List<String> origins, ChatDoor.Field name, ChatDoor.Field email, ChatDoor.Field phone,
                         int maxFileBytes) {
        EntryPoint entryPoint = entryPoints.get(entryPointId);
        if (!ChannelType.CHAT.equals(entryPoint.channel())) {
            throw new NotFound("entry point " + entryPoint.address() + " is not a chat entry point");
        }
        if (origins.size() > 100) {
            throw new io.temas.shared.InvalidInput("origins", "at most 100 origins");
        }
        List<String> normal = List.copyOf(new LinkedHashSet<>(origins.stream().filter(o -> o != null && !o.isBlank())
                .map(ChatDoor::origin).toList()));
        ChatDoor door = new ChatDoor(entryPoint, normal, name, email, phone, maxFileBytes);
        jdbc.sql("""
                        insert into chat_settings (entry_point_id, origins, prechat_name, prechat_email, prechat_phone, max_file_bytes, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?)
                        on conflict (entry_point_id) do update set origins = excluded.origins, prechat_name = excluded.prechat_name,
                            prechat_email = excluded.prechat_email, prechat_phone = excluded.prechat_phone,
                            max_file_bytes = excluded.max_file_bytes, updated_at = excluded.updated_at""")
                .params(entryPointId, normal.toArray(String[]::new), name.code(), email.code(), phone.code(), maxFileBytes,
                        Timestamp.from(clock.instant()))
                .update();
        // After the commit, so a reader in between cannot reload the old row and hold it for seconds.
        AfterCommit.run(settings::invalidate);
        return door;
    }

    private Map<UUID, Settings> load() {
        Map<UUID, Settings> all = new HashMap<>();
        jdbc.sql("select * from chat_settings").query(rs -> {
            all.put(rs.getObject("entry_point_id", UUID.class), new Settings(strings(rs.getArray("origins")),
                    ChatDoor.Field.of("name", rs.getString("prechat_name")), ChatDoor.Field.of("email", rs.getString("prechat_email")),
                    ChatDoor.Field.of("phone", rs.getString("prechat_phone")), rs.getInt("max_file_bytes")));
        });
        return Map.copyOf(all);
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
