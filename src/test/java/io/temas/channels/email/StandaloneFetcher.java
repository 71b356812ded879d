package io.temas.channels.email;

import io.temas.channels.InboundSink;
import jakarta.mail.MessagingException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A mailbox fetcher outside the application, for the benchmarks that measure what the fetcher
 * itself can do: the IMAP reading, MIME parsing, lanes and flagging are the real ones, the sink
 * is the caller's and the mark is kept in memory instead of the database.
 */
public final class StandaloneFetcher {

    private StandaloneFetcher() {
    }

    /** Takes every unread message of the mailbox once, with {@code parallelism} workers; answers how many were handed over. */
    public static int fetchAll(String host, int port, String user, String password, int parallelism, InboundSink sink)
            throws MessagingException {
        Mailbox mailbox = new Mailbox(null, user, "Genel",
                new EmailSettings.Imap(host, port, user, password, false, false, null, false, Duration.ofMinutes(5)), null, "bench");
        EmailSettings settings = new EmailSettings(List.of(), false, 52_428_800L, 26_214_400L, parallelism);
        MailboxFetcher fetcher = new MailboxFetcher(mailbox, new EmailIngest(sink, settings, Clock.systemUTC()), new MemoryStates(),
                parallelism);
        try {
            return fetcher.fetchOnce();
        } finally {
            fetcher.stop();
        }
    }

    private static final class MemoryStates extends MailboxStates {

        private final Map<String, State> states = new ConcurrentHashMap<>();

        MemoryStates() {
            super(null, Clock.systemUTC(), null);
        }

        @Override
        void listed(String address, long lastUid, long[] uids) {
            // no metrics here
        }

        @Override
        Optional<State> find(String address) {
            return Optional.ofNullable(states.get(address));
        }

        @Override
        void save(String address, State state) {
            states.put(address, state);
        }
    }
}
