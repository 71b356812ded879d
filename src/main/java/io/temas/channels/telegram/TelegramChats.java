package io.temas.channels.telegram;

import io.temas.shared.Language;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the bot remembers of each chat: the user's language, whether they shared their own phone
 * number, when the share button was last offered, when they last wrote.
 */
@Component
class TelegramChats {

    /** One chat as the transport needs it. */
    record Chat(String chatId, Language language, boolean phoneShared, boolean keyboardOffered) {
    }

    private final JdbcClient jdbc;
    private final java.time.Clock clock;

    TelegramChats(JdbcClient jdbc, java.time.Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records a message from a chat; the language only when Telegram named one we speak; a time in the future counts as now. */
    void heard(String chatId, String userId, Language language, boolean sharedOwnPhone, Instant sent) {
        Instant at = io.temas.channels.PayloadTimes.notAfterNow(sent, clock);
        jdbc.sql("""
                        insert into telegram_chats (chat_id, user_id, language, phone_shared_at, last_received_at) values (?, ?, ?, ?, ?)
                        on conflict (chat_id) do update set user_id = excluded.user_id,
                        language = coalesce(excluded.language, telegram_chats.language),
                        phone_shared_at = coalesce(telegram_chats.phone_shared_at, excluded.phone_shared_at),
                        last_received_at = greatest(telegram_chats.last_received_at, excluded.last_received_at)""")
                .params(chatId, userId, language == null ? null : language.code(), sharedOwnPhone ? Timestamp.from(at) : null,
                        Timestamp.from(at))
                .update();
    }

    Optional<Chat> find(String chatId) {
        return jdbc.sql("select * from telegram_chats where chat_id = ?").param(chatId)
                .query((rs, n) -> new Chat(rs.getString("chat_id"), Language.parse(rs.getString("language")).orElse(null),
                        rs.getTimestamp("phone_shared_at") != null, rs.getTimestamp("keyboard_offered_at") != null))
                .optional();
    }

    void keyboardOffered(String chatId, Instant at) {
        jdbc.sql("update telegram_chats set keyboard_offered_at = ? where chat_id = ?").params(Timestamp.from(at), chatId).update();
    }

    /** When any chat last wrote, or empty when none ever did. */
    Optional<Instant> lastReceived() {
        return jdbc.sql("select max(last_received_at) from telegram_chats").query((rs, n) -> rs.getTimestamp(1)).list().stream()
                .filter(java.util.Objects::nonNull).map(Timestamp::toInstant).findFirst();
    }
}
