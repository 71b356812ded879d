package io.temas.channels.messenger;

import io.temas.shared.ChannelType;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** When each Messenger or Instagram user last wrote, which opens Meta's 24-hour window for free-form replies. */
@Component
class MessengerContacts {

    private final JdbcClient jdbc;
    private final java.time.Clock clock;

    MessengerContacts(JdbcClient jdbc, java.time.Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records a message from the user; a time in the future counts as now, so it cannot hold the window open. */
    void heard(ChannelType channel, String userId, String accountId, Instant at) {
        jdbc.sql("""
                        insert into messenger_contacts (channel, user_id, account_id, last_received_at) values (?, ?, ?, ?)
                        on conflict (channel, user_id) do update set account_id = excluded.account_id,
                        last_received_at = greatest(messenger_contacts.last_received_at, excluded.last_received_at)""")
                .params(channel.code(), userId, accountId, Timestamp.from(io.temas.channels.PayloadTimes.notAfterNow(at, clock))).update();
    }

    /** When the user last wrote on the channel, empty when never (as far as this installation knows). */
    Optional<Instant> lastHeard(ChannelType channel, String userId) {
        return jdbc.sql("select last_received_at from messenger_contacts where channel = ? and user_id = ?").params(channel.code(), userId)
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).optional();
    }

    /** When anybody last wrote on the channel. */
    Optional<Instant> lastReceived(ChannelType channel) {
        return jdbc.sql("select max(last_received_at) from messenger_contacts where channel = ?").param(channel.code())
                .query((rs, n) -> rs.getTimestamp(1)).list().stream().filter(Objects::nonNull).map(Timestamp::toInstant).findFirst();
    }
}
