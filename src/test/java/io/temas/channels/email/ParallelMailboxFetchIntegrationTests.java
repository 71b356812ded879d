package io.temas.channels.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.user.GreenMailUser;
import io.temas.channels.InboundBounce;
import io.temas.channels.InboundMessage;
import io.temas.channels.InboundRejected;
import io.temas.channels.InboundSink;
import io.temas.channels.Receipt;
import io.temas.shared.ChannelType;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One mailbox read by several workers at once: every message is taken exactly once whatever the
 * order the workers finish in, one failing message holds neither the others nor more of the
 * mark than itself, and a fetcher that dies mid-window (before a commit, or between a commit and
 * the flag) loses nothing and opens no second conversation when it starts again.
 */
class ParallelMailboxFetchIntegrationTests extends MailServerTest {

    private static final int WORKERS = 4;

    @Autowired
    InboundSink pipeline;

    @Autowired
    MailboxStates states;

    @Autowired
    EmailSettings settings;

    @Autowired
    JdbcClient jdbc;

    @Test
    void workersTakeEveryMessageOnceAndEachSendersMailInOrder() throws Exception {
        Mailbox mailbox = mailbox("paralel");
        // 60 messages from 12 senders, interleaved.
        List<Mail> mails = deliver(mailbox, 60, i -> "musteri" + (i % 12));
        // The first two hand-overs wait for each other: with one worker at a time neither would return.
        CountDownLatch together = new CountDownLatch(2);
        ScriptedSink sink = new ScriptedSink(pipeline, id -> false, id -> false) {
            @Override
            void before(InboundMessage message) throws InterruptedException {
                together.countDown();
                if (!together.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the second message never came while the first was being handed over");
                }
            }
        };

        assertThat(fetcher(mailbox, sink).fetchOnce()).isEqualTo(60);

        assertThat(sink.calls()).containsExactlyInAnyOrderElementsOf(ids(mails));
        assertTakenOnce(mails);
        assertThat(flagged(mailbox)).containsExactlyInAnyOrderElementsOf(uids(mails));
        assertThat(mark(mailbox)).isEqualTo(mails.getLast().uid());
        // One customer's mail goes through in the order the server numbered it.
        Map<String, List<String>> bySender = new LinkedHashMap<>();
        mails.forEach(m -> bySender.computeIfAbsent(m.sender(), s -> new ArrayList<>()).add(m.id()));
        bySender.forEach((sender, ids) -> assertThat(sink.calls().stream().filter(ids::contains).toList())
                .as("order of %s's mail", sender).containsExactlyElementsOf(ids));
        // Nothing new: nothing read again.
        assertThat(fetcher(mailbox, sink).fetchOnce()).isZero();
        assertThat(sink.calls()).hasSize(60);
    }

    @Test
    void aFailingMessageHoldsOnlyItselfAndTheMarkJustBelowIt() throws Exception {
        Mailbox mailbox = mailbox("hatali");
        List<Mail> mails = new ArrayList<>(deliver(mailbox, 10, i -> "yazar" + i));
        // A message without a sender is refused by the pipeline and quarantined: done, like a committed one.
        mails.add(deliverRaw(mailbox, "To: " + mailbox.address() + "\r\nSubject: kimden?\r\nMessage-ID: <" + UUID.randomUUID() + "@example.com>\r\n\r\nkim yazdi\r\n"));
        mails.addAll(deliver(mailbox, 10, i -> "yazar" + (100 + i)));
        Mail failing = mails.get(4);
        ScriptedSink sink = new ScriptedSink(pipeline, failing.id()::equals, id -> false);

        assertThatThrownBy(() -> fetcher(mailbox, sink).fetchOnce()).isInstanceOf(MessagingException.class)
                .hasMessageContaining("UID " + failing.uid()).hasMessageContaining("crash before commit");

        List<Mail> others = mails.stream().filter(m -> m != failing).toList();
        assertThat(committed(mails)).containsExactlyInAnyOrderElementsOf(ids(others.stream().filter(m -> m != mails.get(10)).toList()));
        assertThat(quarantined(mails.get(10))).isOne();
        assertThat(flagged(mailbox)).containsExactlyInAnyOrderElementsOf(uids(others));
        assertThat(mark(mailbox)).isEqualTo(failing.uid() - 1);

        // The next fetch hands over the failed message alone: the committed ones above the mark are
        // flagged and known; the quarantined one is read again and finds its quarantine entry.
        ScriptedSink healthy = new ScriptedSink(pipeline, id -> false, id -> false);
        assertThat(fetcher(mailbox, healthy).fetchOnce()).isEqualTo(2);
        assertThat(healthy.calls()).containsExactly(failing.id());
        assertThat(mark(mailbox)).isEqualTo(mails.getLast().uid());
        assertThat(flagged(mailbox)).containsExactlyInAnyOrderElementsOf(uids(mails));
        assertThat(quarantined(mails.get(10))).isOne();
    }

    @Test
    void aFetcherKilledMidWindowLosesNothingAndOpensNoSecondConversation() throws Exception {
        Mailbox mailbox = mailbox("olum");
        List<Mail> mails = deliver(mailbox, 40, i -> "kisi" + (i % 15));
        // One message commits and its worker dies before it is flagged; once it and at least twelve
        // messages are committed, the process dies: nothing handed over after that commits.
        Mail committedNotFlagged = mails.get(3);
        AtomicInteger commits = new AtomicInteger();
        AtomicBoolean dead = new AtomicBoolean();
        ScriptedSink dying = new ScriptedSink(pipeline, id -> dead.get(), committedNotFlagged.id()::equals) {
            @Override
            void after(InboundMessage message) {
                if (commits.incrementAndGet() >= 12 && committed(List.of(committedNotFlagged)).size() == 1) {
                    dead.set(true);
                }
            }
        };

        assertThatThrownBy(() -> fetcher(mailbox, dying).fetchOnce()).isInstanceOf(MessagingException.class)
                .hasMessageContaining("crash");

        Set<String> committedBefore = new HashSet<>(committed(mails));
        Set<Long> flaggedBefore = new HashSet<>(flagged(mailbox));
        long markBefore = mark(mailbox);
        assertThat(committedBefore).contains(committedNotFlagged.id()).hasSizeLessThan(mails.size());
        assertThat(flaggedBefore).doesNotContain(committedNotFlagged.uid());
        assertThat(markBefore).isLessThan(committedNotFlagged.uid());
        for (Mail mail : mails) {
            // Flagged only after its own commit; the mark only over flagged, committed messages.
            if (flaggedBefore.contains(mail.uid())) {
                assertThat(committedBefore).contains(mail.id());
            }
            if (mail.uid() <= markBefore) {
                assertThat(flaggedBefore).contains(mail.uid());
            }
        }

        // The restart reads again exactly what was not flagged; the committed one among them is a duplicate.
        ScriptedSink restart = new ScriptedSink(pipeline, id -> false, id -> false);
        int taken = fetcher(mailbox, restart).fetchOnce();

        List<Mail> unflagged = mails.stream().filter(m -> !flaggedBefore.contains(m.uid())).toList();
        assertThat(taken).isEqualTo(unflagged.size());
        assertThat(restart.calls()).containsExactlyInAnyOrderElementsOf(ids(unflagged));
        assertThat(restart.duplicates()).containsExactly(committedNotFlagged.id());
        assertTakenOnce(mails);
        assertThat(flagged(mailbox)).containsExactlyInAnyOrderElementsOf(uids(mails));
        assertThat(mark(mailbox)).isEqualTo(mails.getLast().uid());
    }

    @Test
    void aFetcherStoppedMidWindowFlagsWhatItCommittedAndTheNextTakesTheRestOnce() throws Exception {
        Mailbox mailbox = mailbox("durdur");
        List<Mail> mails = deliver(mailbox, 300, i -> "durak" + (i % 20));
        AtomicReference<MailboxFetcher> fetcher = new AtomicReference<>();
        AtomicInteger commits = new AtomicInteger();
        ScriptedSink stopping = new ScriptedSink(pipeline, id -> false, id -> false) {
            @Override
            void after(InboundMessage message) {
                if (commits.incrementAndGet() == 10) {
                    // As the application does when it shuts down, or the mailbox is changed.
                    fetcher.get().stop();
                }
            }
        };
        fetcher.set(fetcher(mailbox, stopping));

        int taken = fetcher.get().fetchOnce();

        assertThat(taken).isBetween(10, 299);
        List<String> committed = committed(mails);
        assertThat(committed).hasSize(taken);
        List<Long> flaggedUids = flagged(mailbox);
        assertThat(flaggedUids).containsExactlyInAnyOrderElementsOf(
                mails.stream().filter(m -> committed.contains(m.id())).map(Mail::uid).toList());
        long stoppedAt = mark(mailbox);
        assertThat(mails.stream().filter(m -> m.uid() <= stoppedAt).map(Mail::uid).toList()).isSubsetOf(flaggedUids);

        ScriptedSink rest = new ScriptedSink(pipeline, id -> false, id -> false);
        assertThat(fetcher(mailbox, rest).fetchOnce()).isEqualTo(300 - taken);
        assertThat(rest.duplicates()).isEmpty();
        assertTakenOnce(mails);
        assertThat(mark(mailbox)).isEqualTo(mails.getLast().uid());
    }

    // --- the mailbox ---

    private record Mail(long uid, String id, String sender) {
    }

    private Mailbox mailbox(String name) {
        String address = unique(name) + "@ornek.com.tr";
        MAIL.setUser(address, address, PASSWORD);
        return new Mailbox(null, address, "Genel", new EmailSettings.Imap("127.0.0.1", MAIL.getImap().getPort(), address, PASSWORD,
                false, false, null, false, Duration.ofSeconds(1)), null, "test");
    }

    private MailboxFetcher fetcher(Mailbox mailbox, InboundSink sink) {
        return new MailboxFetcher(mailbox, new EmailIngest(sink, settings, Clock.systemUTC()), states, WORKERS);
    }

    private List<Mail> deliver(Mailbox mailbox, int count, java.util.function.IntFunction<String> sender) throws Exception {
        GreenMailUser user = MAIL.getUserManager().getUserByEmail(mailbox.address());
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = "<" + run + "-" + i + "@example.com>";
            String from = sender.apply(i) + "-" + run + "@example.com";
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties())) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", id);
                }
            };
            message.setFrom(new InternetAddress(from));
            message.setRecipients(Message.RecipientType.TO, mailbox.address());
            message.setSubject("Fatura sorusu " + i, "UTF-8");
            message.setText("Merhaba, faturamla ilgili " + i + ". sorum var.", "UTF-8");
            message.saveChanges();
            user.deliver(message);
            ids.add(id);
        }
        Map<String, Long> uids = uidsByMessageId(mailbox);
        List<Mail> mails = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            mails.add(new Mail(uids.get(ids.get(i)), ids.get(i), sender.apply(i)));
        }
        return mails;
    }

    private Mail deliverRaw(Mailbox mailbox, String raw) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
                new java.io.ByteArrayInputStream(raw.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        String id = message.getMessageID();
        MAIL.getUserManager().getUserByEmail(mailbox.address()).deliver(message);
        return new Mail(uidsByMessageId(mailbox).get(id), id, "");
    }

    private Map<String, Long> uidsByMessageId(Mailbox mailbox) throws Exception {
        return withInbox(mailbox, inbox -> {
            Map<String, Long> uids = new HashMap<>();
            for (Message message : fetched(inbox, FetchProfile.Item.ENVELOPE)) {
                uids.put(((MimeMessage) message).getMessageID(), ((UIDFolder) inbox).getUID(message));
            }
            return uids;
        });
    }

    private List<Long> flagged(Mailbox mailbox) throws Exception {
        return withInbox(mailbox, inbox -> {
            List<Long> uids = new ArrayList<>();
            for (Message message : fetched(inbox, FetchProfile.Item.FLAGS)) {
                if (message.isSet(Flags.Flag.SEEN)) {
                    uids.add(((UIDFolder) inbox).getUID(message));
                }
            }
            return uids;
        });
    }

    /**
     * The folder's messages with their UIDs and the given item fetched in one command: asked for one
     * message at a time, each answer waits out the client's delayed acknowledgement.
     */
    private static Message[] fetched(Folder inbox, FetchProfile.Item item) throws MessagingException {
        Message[] messages = inbox.getMessages();
        FetchProfile profile = new FetchProfile();
        profile.add(UIDFolder.FetchProfileItem.UID);
        profile.add(item);
        inbox.fetch(messages, profile);
        return messages;
    }

    private interface InboxQuery<T> {
        T run(Folder inbox) throws MessagingException;
    }

    private static <T> T withInbox(Mailbox mailbox, InboxQuery<T> query) throws Exception {
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", MAIL.getImap().getPort(), mailbox.address(), PASSWORD);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                return query.run(inbox);
            } finally {
                inbox.close(false);
            }
        } finally {
            store.close();
        }
    }

    private long mark(Mailbox mailbox) {
        return states.find(mailbox.address()).orElseThrow().lastUid();
    }

    // --- what the database holds ---

    private List<String> committed(List<Mail> mails) {
        return jdbc.sql("select external_id from inbound_receipts where channel = 'email' and message_id is not null and external_id = any(?)")
                .param(ids(mails).toArray(String[]::new)).query(String.class).list();
    }

    private int quarantined(Mail mail) {
        return jdbc.sql("select count(*) from quarantine where external_id = ?").param(mail.id()).query(Integer.class).single();
    }

    /** Every message has one receipt, one stored message and one conversation (no conversation twice for a re-read). */
    private void assertTakenOnce(List<Mail> mails) {
        String[] ids = ids(mails).toArray(String[]::new);
        assertThat(committed(mails)).containsExactlyInAnyOrder(ids);
        assertThat(jdbc.sql("select external_id from messages where external_id = any(?)").param(ids).query(String.class).list())
                .containsExactlyInAnyOrder(ids);
        assertThat(jdbc.sql("select count(distinct conversation_id) from inbound_receipts where external_id = any(?)").param(ids)
                .query(Integer.class).single())
                .isEqualTo(jdbc.sql("select count(distinct conversation_id) from messages where external_id = any(?)").param(ids)
                        .query(Integer.class).single());
    }

    private static List<String> ids(List<Mail> mails) {
        return mails.stream().map(Mail::id).toList();
    }

    private static List<Long> uids(List<Mail> mails) {
        return mails.stream().map(Mail::uid).toList();
    }

    /** The pipeline, recording what it was handed, failing before the commit or after it for chosen messages. */
    static class ScriptedSink implements InboundSink {

        private final InboundSink delegate;
        private final Predicate<String> failBefore;
        private final Predicate<String> failAfter;
        private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        private final Set<String> duplicates = ConcurrentHashMap.newKeySet();

        ScriptedSink(InboundSink delegate, Predicate<String> failBefore, Predicate<String> failAfter) {
            this.delegate = delegate;
            this.failBefore = failBefore;
            this.failAfter = failAfter;
        }

        void before(InboundMessage message) throws InterruptedException {
        }

        void after(InboundMessage message) {
        }

        List<String> calls() {
            return List.copyOf(calls);
        }

        Set<String> duplicates() {
            return Set.copyOf(duplicates);
        }

        @Override
        public Receipt receive(InboundMessage message) {
            calls.add(message.externalId());
            try {
                before(message);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (failBefore.test(message.externalId())) {
                throw new IllegalStateException("crash before commit of " + message.externalId());
            }
            Receipt receipt = delegate.receive(message);
            if (receipt.duplicate()) {
                duplicates.add(message.externalId());
            }
            after(message);
            if (failAfter.test(message.externalId())) {
                throw new IllegalStateException("crash after commit of " + message.externalId());
            }
            return receipt;
        }

        @Override
        public boolean received(ChannelType channel, String externalId) {
            return delegate.received(channel, externalId);
        }

        @Override
        public InboundRejected reject(String channel, String entryPoint, String externalId, String reason, String contentType, byte[] raw) {
            return delegate.reject(channel, entryPoint, externalId, reason, contentType, raw);
        }

        @Override
        public UUID rejectUnauthenticated(String channel, String reason, String contentType, byte[] head, boolean truncated) {
            return delegate.rejectUnauthenticated(channel, reason, contentType, head, truncated);
        }

        @Override
        public boolean bounced(InboundBounce bounce) {
            return delegate.bounced(bounce);
        }
    }
}
