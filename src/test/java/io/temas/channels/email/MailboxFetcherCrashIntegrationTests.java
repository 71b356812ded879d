package io.temas.channels.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temas.channels.InboundBounce;
import io.temas.channels.InboundMessage;
import io.temas.channels.InboundRejected;
import io.temas.channels.InboundSink;
import io.temas.channels.Receipt;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Store;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A message failing before its commit, or the fetcher stopping between a message's commit and its
 * flag on the server, loses nothing and duplicates nothing (one worker, so the order is fixed).
 */
class MailboxFetcherCrashIntegrationTests extends MailServerTest {

    @Autowired
    InboundSink pipeline;

    @Autowired
    MailboxStates states;

    @Autowired
    EmailSettings settings;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aCrashBeforeOrAfterTheCommitNeitherLosesNorDuplicatesMail() throws Exception {
        Mailbox mailbox = new Mailbox(null, "kaza@ornek.com.tr", "Genel",
                new EmailSettings.Imap("127.0.0.1", MAIL.getImap().getPort(), "kaza@ornek.com.tr", PASSWORD, false, false, null, false,
                        Duration.ofSeconds(1)), null, "test");
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            ids.add(send(unique("kaza") + "@example.com", "kaza@ornek.com.tr", "Mesaj " + i, "Metin " + i, null, Map.of()));
        }

        // The second message fails before the pipeline committed it; the first and third are
        // committed and flagged, and the mark stays below the second.
        MailboxFetcher beforeCommit = fetcher(mailbox, new CrashingSink(pipeline, 2, false));
        assertThatThrownBy(beforeCommit::fetchOnce).hasMessageContaining("crash");
        beforeCommit.stop();
        assertThat(stored(ids)).containsExactly(ids.get(0), ids.get(2));
        assertThat(seen()).isEqualTo(2);
        assertThat(states.find("kaza@ornek.com.tr").orElseThrow().lastUid()).isEqualTo(1);

        // The process dies after the pipeline committed the second message, before it was flagged
        // (the third, committed and flagged, is recognised by its Message-ID and not read again).
        MailboxFetcher afterCommit = fetcher(mailbox, new CrashingSink(pipeline, 1, true));
        assertThatThrownBy(afterCommit::fetchOnce).hasMessageContaining("crash");
        afterCommit.stop();
        assertThat(stored(ids)).containsExactlyElementsOf(ids);
        assertThat(seen()).isEqualTo(2);
        assertThat(states.find("kaza@ornek.com.tr").orElseThrow().lastUid()).isEqualTo(1);

        // After the restart everything is there exactly once, and flagged: the second message is
        // read again and recognised as the one already committed.
        MailboxFetcher restarted = fetcher(mailbox, pipeline);
        assertThat(restarted.fetchOnce()).isEqualTo(1);
        restarted.stop();
        assertThat(stored(ids)).containsExactlyElementsOf(ids);
        assertThat(jdbc.sql("select count(*) from messages where external_id = any(?)").param(ids.toArray(String[]::new))
                .query(Integer.class).single()).isEqualTo(3);
        assertThat(seen()).isEqualTo(3);
        assertThat(states.find("kaza@ornek.com.tr").orElseThrow().lastUid()).isEqualTo(3);

        // A further run finds nothing new.
        MailboxFetcher again = fetcher(mailbox, pipeline);
        assertThat(again.fetchOnce()).isZero();
        again.stop();
    }

    private MailboxFetcher fetcher(Mailbox mailbox, InboundSink sink) {
        // One worker: the messages are handed over one after another, in UID order.
        return new MailboxFetcher(mailbox, new EmailIngest(sink, settings, Clock.systemUTC()), states, 1);
    }

    private List<String> stored(List<String> externalIds) {
        return jdbc.sql("select external_id from inbound_receipts where channel = 'email' and external_id = any(?) order by external_id")
                .param(externalIds.toArray(String[]::new)).query(String.class).list()
                .stream().sorted((a, b) -> Integer.compare(externalIds.indexOf(a), externalIds.indexOf(b))).toList();
    }

    private int seen() throws Exception {
        Properties props = new Properties();
        Store store = jakarta.mail.Session.getInstance(props).getStore("imap");
        store.connect("127.0.0.1", MAIL.getImap().getPort(), "kaza@ornek.com.tr", PASSWORD);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            int seen = 0;
            for (var message : inbox.getMessages()) {
                if (message.isSet(Flags.Flag.SEEN)) {
                    seen++;
                }
            }
            inbox.close(false);
            return seen;
        } finally {
            store.close();
        }
    }

    /** Passes messages on, then "crashes" on the n-th one: before handing it over, or right after its commit. */
    static final class CrashingSink implements InboundSink {

        private final InboundSink delegate;
        private final int crashOn;
        private final boolean afterCommit;
        private int count;

        CrashingSink(InboundSink delegate, int crashOn, boolean afterCommit) {
            this.delegate = delegate;
            this.crashOn = crashOn;
            this.afterCommit = afterCommit;
        }

        @Override
        public java.util.UUID rejectUnauthenticated(String channel, String reason, String contentType, byte[] head, boolean truncated) {
            return delegate.rejectUnauthenticated(channel, reason, contentType, head, truncated);
        }

        @Override
        public boolean received(io.temas.shared.ChannelType channel, String externalId) {
            return delegate.received(channel, externalId);
        }

        @Override
        public Receipt receive(InboundMessage message) {
            count++;
            if (count == crashOn && !afterCommit) {
                throw new IllegalStateException("crash before commit of " + message.externalId());
            }
            Receipt receipt = delegate.receive(message);
            if (count == crashOn) {
                throw new IllegalStateException("crash after commit of " + message.externalId());
            }
            return receipt;
        }

        @Override
        public InboundRejected reject(String channel, String entryPoint, String externalId, String reason, String contentType, byte[] raw) {
            return delegate.reject(channel, entryPoint, externalId, reason, contentType, raw);
        }

        @Override
        public boolean bounced(InboundBounce bounce) {
            return delegate.bounced(bounce);
        }
    }

}
