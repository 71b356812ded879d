package io.temas.channels.email;

import io.temas.channels.InboundRejected;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.search.FlagTerm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches one mailbox: takes every message after the last UID it committed, in batches of a
 * hundred, hands each to the pipeline, and only once the batch is committed flags it \Seen and
 * records its last UID; then waits with IMAP IDLE (or polls). A restart picks up after the last
 * recorded UID; a message fetched again after a crash is recognised by its Message-ID and answers
 * its first result. Connection failures are retried with exponential backoff.
 */
final class MailboxFetcher implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(MailboxFetcher.class);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    private static final int BATCH = 100;

    private final Mailbox mailbox;
    private final EmailIngest ingest;
    private final MailboxStates states;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private volatile boolean running = true;
    private volatile Store store;
    private volatile IMAPFolder folder;
    private volatile boolean idling;
    private volatile String lastError;

    MailboxFetcher(Mailbox mailbox, EmailIngest ingest, MailboxStates states) {
        this.mailbox = mailbox;
        this.ingest = ingest;
        this.states = states;
    }

    Mailbox mailbox() {
        return mailbox;
    }

    Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    @Override
    public void run() {
        Duration backoff = FIRST_BACKOFF;
        while (running) {
            try {
                connect();
                backoff = FIRST_BACKOFF;
                lastError = null;
                while (running) {
                    fetchOnce();
                    waitForMail();
                }
            } catch (MessagingException | RuntimeException e) {
                if (!running) {
                    break;
                }
                lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
                log.warn("Mailbox {}: {}; reconnecting in {}", mailbox.address(), lastError, backoff);
                disconnect();
                pause(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
        disconnect();
    }

    /** Takes what is new; answers how many messages were handed over. */
    int fetchOnce() throws MessagingException {
        if (folder == null || !folder.isOpen()) {
            connect();
        }
        IMAPFolder current = folder;
        long uidValidity = current.getUIDValidity();
        String folderName = mailbox.imap().folderOrDefault();
        Optional<MailboxStates.State> state = states.find(mailbox.address())
                .filter(s -> s.uidValidity() == uidValidity && s.folder().equals(folderName));
        long lastUid = state.map(MailboxStates.State::lastUid).orElse(0L);
        Message[] messages = state.isPresent()
                ? current.getMessagesByUID(lastUid + 1, UIDFolder.MAXUID)
                // First contact (or the server renumbered the folder): everything not yet read.
                : current.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
        FetchProfile profile = new FetchProfile();
        profile.add(UIDFolder.FetchProfileItem.UID);
        profile.add(FetchProfile.Item.FLAGS);
        current.fetch(messages, profile);
        Message[] ordered = Arrays.stream(messages).filter(m -> m != null && !m.isExpunged())
                .sorted(Comparator.comparingLong(m -> uid(current, m))).toArray(Message[]::new);
        states.listed(mailbox.address(), lastUid, Arrays.stream(ordered).mapToLong(m -> uid(current, m)).toArray());
        int handed = 0;
        for (int from = 0; from < ordered.length && running; from += BATCH) {
            Message[] batch = Arrays.copyOfRange(ordered, from, Math.min(ordered.length, from + BATCH));
            // One FETCH for the whole batch's bytes instead of a round trip per message.
            FetchProfile bodies = new FetchProfile();
            bodies.add(IMAPFolder.FetchProfileItem.MESSAGE);
            current.fetch(batch, bodies);
            List<Message> taken = new ArrayList<>();
            for (Message message : batch) {
                if (!running) {
                    break;
                }
                long uid = uid(current, message);
                if (uid <= lastUid) {
                    continue;
                }
                try {
                    ingest.ingest(raw(message), mailbox.address());
                } catch (InboundRejected rejected) {
                    log.warn("Mailbox {}: message UID {} quarantined: {}", mailbox.address(), uid, rejected.getMessage());
                }
                taken.add(message);
                lastUid = uid;
            }
            if (!taken.isEmpty()) {
                // Only now, with every message of the batch committed, does the server learn they are taken.
                current.setFlags(taken.toArray(Message[]::new), new Flags(Flags.Flag.SEEN), true);
                states.save(mailbox.address(), new MailboxStates.State(folderName, uidValidity, lastUid));
                handed += taken.size();
            }
        }
        if (state.isEmpty() && handed == 0) {
            long next = current.getUIDNext();
            states.save(mailbox.address(), new MailboxStates.State(folderName, uidValidity, Math.max(0, next - 1)));
        }
        return handed;
    }

    /** Stops fetching; wakes the fetcher wherever it waits. */
    void stop() {
        running = false;
        signal();
        disconnect();
    }

    /** Wakes an IDLE or a poll wait so the mailbox is looked at now. */
    void wakeUp() {
        IMAPFolder current = folder;
        if (idling && current != null && current.isOpen()) {
            try {
                // Any command from another thread ends IDLE.
                current.getMessageCount();
            } catch (MessagingException | IllegalStateException e) {
                log.debug("Mailbox {}: wake-up failed: {}", mailbox.address(), e.getMessage());
            }
        }
        signal();
    }

    private void waitForMail() throws MessagingException {
        IMAPFolder current = folder;
        boolean idleSupported = mailbox.imap().useIdle() && store instanceof IMAPStore imapStore && imapStore.hasCapability("IDLE");
        if (idleSupported && current != null) {
            idling = true;
            try {
                current.idle(true);
            } finally {
                idling = false;
            }
        } else {
            pause(mailbox.imap().pollIntervalOrDefault());
        }
    }

    private void connect() throws MessagingException {
        disconnect();
        EmailSettings.Imap imap = mailbox.imap();
        Store opened = MailSessions.imap(imap).getStore(MailSessions.imapProtocol(imap));
        opened.connect(imap.host(), imap.portOrDefault(), imap.username(), imap.password());
        IMAPFolder inbox = (IMAPFolder) opened.getFolder(imap.folderOrDefault());
        inbox.open(Folder.READ_WRITE);
        store = opened;
        folder = inbox;
        log.info("Mailbox {}: connected to {}:{}", mailbox.address(), imap.host(), imap.portOrDefault());
    }

    private void disconnect() {
        IMAPFolder f = folder;
        Store s = store;
        folder = null;
        store = null;
        try {
            if (f != null && f.isOpen()) {
                f.close(false);
            }
        } catch (MessagingException | IllegalStateException ignored) {
            // closing anyway
        }
        try {
            if (s != null) {
                s.close();
            }
        } catch (MessagingException ignored) {
            // closing anyway
        }
    }

    private void pause(Duration duration) {
        lock.lock();
        try {
            if (running) {
                wake.await(duration.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    private void signal() {
        lock.lock();
        try {
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private static long uid(UIDFolder folder, Message message) {
        try {
            return folder.getUID(message);
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot read the UID of message " + message.getMessageNumber(), e);
        }
    }

    private static byte[] raw(Message message) throws MessagingException {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new MessagingException("cannot read message " + message.getMessageNumber(), e);
        }
    }
}
