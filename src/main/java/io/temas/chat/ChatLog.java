package io.temas.chat;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stored events of every chat. An event's number is taken from its session's row under that
 * row's lock, in the transaction that stores it: within a session numbers are given in commit order,
 * so a reader that has seen up to N and asks for what follows never skips a later-committed smaller
 * number. A message with a client id is stored once however often the client retries it.
 */
@Component
class ChatLog {

    /** What an event carries besides its text, as stored in {@code data}. */
    record Data(List<ChatEvent.ArticleLink> articles, UUID conversationId, List<String> actions, String agent,
                ChatEvent.FileNote file, String reason) {

        static final Data NONE = new Data(null, null, null, null, null, null);

        static Data actions(String... actions) {
            return new Data(null, null, List.of(actions), null, null, null);
        }
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    ChatLog(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** Stores an event in the caller's transaction and answers it with its number. */
    ChatEvent append(UUID sessionId, String type, String from, String text, Data data) {
        return append(sessionId, type, from, text, data, null).event();
    }

    /** An event as stored, and whether it was stored now (false: the client id had been stored before). */
    record Appended(ChatEvent event, boolean fresh) {
    }

    Appended append(UUID sessionId, String type, String from, String text, Data data, String clientId) {
        Instant now = clock.instant();
        long seq = jdbc.sql("update chat_sessions set last_seq = last_seq + 1, last_active_at = ? where id = ? returning last_seq")
                .params(Timestamp.from(now), sessionId).query(Long.class).single();
        if (clientId != null) {
            Optional<ChatEvent> earlier = jdbc.sql("select * from chat_events where session_id = ? and client_id = ?")
                    .params(sessionId, clientId).query((rs, n) -> event(rs)).optional();
            if (earlier.isPresent()) {
                // The number taken above is simply not used; numbers need only grow.
                return new Appended(earlier.get(), false);
            }
        }
        Data stored = data == null ? Data.NONE : data;
        jdbc.sql("""
                        insert into chat_events (session_id, seq, type, sender, text, data, client_id, created_at)
                        values (?, ?, ?, ?, ?, ?::jsonb, ?, ?)""")
                .params(sessionId, seq, type, from, text, json.writeValueAsString(stored), clientId, Timestamp.from(now)).update();
        return new Appended(toEvent(seq, type, from, text, stored, clientId, now), true);
    }

    /** The events after {@code seq}, oldest first, at most {@code limit}. */
    List<ChatEvent> after(UUID sessionId, long seq, int limit) {
        return jdbc.sql("select * from chat_events where session_id = ? and seq > ? order by seq limit ?")
                .params(sessionId, seq, limit).query((rs, n) -> event(rs)).list();
    }

    /** The whole chat, oldest first. */
    List<ChatEvent> all(UUID sessionId) {
        return after(sessionId, 0, 10_000);
    }

    private ChatEvent event(java.sql.ResultSet rs) throws java.sql.SQLException {
        String raw = rs.getString("data");
        Data data = raw == null ? Data.NONE : json.readValue(raw, Data.class);
        return toEvent(rs.getLong("seq"), rs.getString("type"), rs.getString("sender"), rs.getString("text"), data,
                "customer".equals(rs.getString("sender")) ? rs.getString("client_id") : null, rs.getTimestamp("created_at").toInstant());
    }

    private static ChatEvent toEvent(long seq, String type, String from, String text, Data data, String clientId, Instant at) {
        return new ChatEvent(seq, type, from, text, data.articles(), data.conversationId(), at, data.actions(), data.agent(),
                data.file(), "customer".equals(from) ? clientId : null, data.reason());
    }
}
