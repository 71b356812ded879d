package io.temas.channels.email;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Where each mailbox's fetcher stands: the folder's UIDVALIDITY and the last UID taken. */
@Component
class MailboxStates {

    record State(String folder, long uidValidity, long lastUid) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final MailboxLag lag;

    MailboxStates(JdbcClient jdbc, Clock clock, MailboxLag lag) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.lag = lag;
    }

    /** The fetcher listed the mailbox, standing at {@code lastUid}, and found these UIDs (for {@link MailboxLag}). */
    void listed(String address, long lastUid, long[] uids) {
        lag.listed(address, lastUid, uids);
    }

    Optional<State> find(String address) {
        return jdbc.sql("select folder, uid_validity, last_uid from mailbox_state where address = ?").param(address)
                .query((rs, n) -> new State(rs.getString(1), rs.getLong(2), rs.getLong(3))).optional();
    }

    void save(String address, State state) {
        jdbc.sql("""
                        insert into mailbox_state (address, folder, uid_validity, last_uid, updated_at) values (?, ?, ?, ?, ?)
                        on conflict (address) do update set folder = excluded.folder, uid_validity = excluded.uid_validity,
                        last_uid = excluded.last_uid, updated_at = excluded.updated_at""")
                .params(address, state.folder(), state.uidValidity(), state.lastUid(), Timestamp.from(clock.instant()))
                .update();
        lag.committed(address, state.lastUid());
    }
}
