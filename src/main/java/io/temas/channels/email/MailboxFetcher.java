package io.temas.channels.email;

import io.temas.channels.InboundRejected;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.search.FlagTerm;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches one mailbox: takes every message after the mailbox's mark (the UID below which all is
 * done), reads them a hundred at a time in one FETCH each, hands them to the pipeline from
 * several workers at once (one sender's mails in order), flags each \Seen only after its own
 * commit, and moves the mark over each gapless run of committed UIDs; then waits with IMAP IDLE
 * (or polls). A restart picks up above the mark; a message above it that was committed and
 * flagged is recognised by its Message-ID and not read again, and one committed but not flagged
 * is read again and answers its first result. Connection failures are retried with exponential
 * backoff.
 */
final class MailboxFetcher implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(MailboxFetcher.class);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    private static final int BATCH = 100;
    /** How long the reader waits for room before flagging what was committed meanwhile. */
    private static final Duration TICK = Duration.ofMillis(50);

    private final Mailbox mailbox;
    private final EmailIngest ingest;
    private final MailboxStates states;
    private final int parallelism;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private volatile boolean running = true;
    private volatile Store store;
    private volatile IMAPFolder folder;
    private volatile boolean idling;
    private volatile boolean handingOver;
    private volatile String lastError;

    MailboxFetcher(Mailbox mailbox, EmailIngest ingest, MailboxStates states, int parallelism) {
        this.mailbox = mailbox;
        this.ingest = ingest;
        this.states = states;
        this.parallelism = Math.max(1, parallelism);
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

    /**
     * Takes what is new; answers how many messages were handed over (committed or quarantined).
     *
     * @throws MessagingException when the server failed, or a message could be neither committed
     *                            nor quarantined (the mark stays below it, so the next fetch tries it again)
     */
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
        Message[] listed = state.isPresent()
                ? current.getMessagesByUID(lastUid + 1, UIDFolder.MAXUID)
                // First contact (or the server renumbered the folder): everything not yet read.
                : current.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
        FetchProfile profile = new FetchProfile();
        profile.add(UIDFolder.FetchProfileItem.UID);
        profile.add(FetchProfile.Item.FLAGS);
        current.fetch(listed, profile);
        // UID n:* answers the last message even when its UID is below n.
        long from = lastUid;
        Message[] ordered = Arrays.stream(listed).filter(m -> m != null && !m.isExpunged() && uid(current, m) > from)
                .sorted(Comparator.comparingLong(m -> uid(current, m))).toArray(Message[]::new);
        states.listed(mailbox.address(), lastUid, Arrays.stream(ordered).mapToLong(m -> uid(current, m)).toArray());
        if (ordered.length == 0) {
            if (state.isEmpty()) {
                states.save(mailbox.address(), new MailboxStates.State(folderName, uidValidity, Math.max(0, current.getUIDNext() - 1)));
            }
            return 0;
        }
        Window window = new Window(current, folderName, uidValidity, lastUid, ordered);
        if (state.isPresent()) {
            window.skipTaken();
        }
        return window.handOver();
    }

    /**
     * One fetch's messages on their way to the pipeline: read a hundred at a time, handed over by
     * {@code parallelism} workers, each flagged {@code \Seen} once its own commit is done, and the
     * mark moved over every run of done UIDs that has no gap (see {@link UidWaterMark}).
     */
    private final class Window {

        private record Failure(long uid, RuntimeException cause) {
        }

        /**
         * One message that fails holds neither the others nor the fetch; this many mean the
         * database or the pipeline is away, so the fetch stops and backs off instead of trying
         * every message.
         */
        private static final int FAILURES_BEFORE_BACKOFF = 10;

        private final IMAPFolder current;
        private final String folderName;
        private final long uidValidity;
        private final Message[] ordered;
        private final Map<Long, Message> byUid = new HashMap<>();
        private final UidWaterMark mark;
        /** Committed (or quarantined) and not yet flagged on the server. */
        private final Queue<Long> toFlag = new ConcurrentLinkedQueue<>();
        private final Set<Long> skipped = new HashSet<>();
        private final AtomicInteger handed = new AtomicInteger();
        private final AtomicReference<Failure> failure = new AtomicReference<>();
        private final AtomicInteger failures = new AtomicInteger();
        private long saved;

        Window(IMAPFolder current, String folderName, long uidValidity, long lastUid, Message[] ordered) {
            this.current = current;
            this.folderName = folderName;
            this.uidValidity = uidValidity;
            this.ordered = ordered;
            for (Message message : ordered) {
                byUid.put(uid(current, message), message);
            }
            this.mark = new UidWaterMark(lastUid, byUid.keySet());
            this.saved = lastUid;
        }

        /**
         * A message above the mark that is already {@code \Seen} may have been committed and
         * flagged just before a crash: when its Message-ID was taken, it is done without reading
         * it again. (One a person read in a mail client is not known to the pipeline and is taken.)
         */
        void skipTaken() throws MessagingException {
            Message[] seen = Arrays.stream(ordered).filter(m -> flagged(m)).toArray(Message[]::new);
            if (seen.length == 0) {
                return;
            }
            FetchProfile ids = new FetchProfile();
            ids.add("Message-ID");
            current.fetch(seen, ids);
            for (Message message : seen) {
                String[] header = message.getHeader("Message-ID");
                if (header != null && header.length > 0 && ingest.taken(header[0])) {
                    long uid = uid(current, message);
                    skipped.add(uid);
                    mark.done(uid);
                }
            }
        }

        int handOver() throws MessagingException {
            handingOver = true;
            try {
                try (MailboxLanes lanes = new MailboxLanes("mailbox-" + mailbox.address(), parallelism, 2 * BATCH, this::take)) {
                    read(lanes);
                } catch (MessagingException | RuntimeException e) {
                    // The workers have finished: flag what they committed, if the server is still there.
                    try {
                        flush();
                    } catch (MessagingException | RuntimeException notNow) {
                        log.debug("Mailbox {}: cannot flag after a failure: {}", mailbox.address(), notNow.toString());
                    }
                    throw e;
                }
                flush();
            } finally {
                handingOver = false;
            }
            Failure failed = failure.get();
            if (failed != null) {
                throw new MessagingException("message UID " + failed.uid() + " was not taken: " + failed.cause().getMessage(),
                        failed.cause());
            }
            return handed.get();
        }

        /** Reads the messages a batch at a time and queues them for the workers; waits until they are all handed over. */
        private void read(MailboxLanes lanes) throws MessagingException {
            Message[] pending = Arrays.stream(ordered).filter(m -> !skipped.contains(uid(current, m))).toArray(Message[]::new);
            for (int from = 0; from < pending.length && running && !failing(); from += BATCH) {
                Message[] batch = Arrays.copyOfRange(pending, from, Math.min(pending.length, from + BATCH));
                // One FETCH for the whole batch's bytes instead of a round trip per message.
                FetchProfile bodies = new FetchProfile();
                bodies.add(IMAPFolder.FetchProfileItem.MESSAGE);
                current.fetch(batch, bodies);
                for (Message message : batch) {
                    byte[] raw = raw(message);
                    MailboxLanes.Fetched fetched = new MailboxLanes.Fetched(uid(current, message), sender(raw), raw);
                    while (!offer(lanes, fetched)) {
                        if (!running || failing()) {
                            return;
                        }
                        flush();
                    }
                }
                flush();
            }
            while (running && !awaitIdle(lanes)) {
                flush();
            }
        }

        private boolean failing() {
            return failures.get() >= FAILURES_BEFORE_BACKOFF;
        }

        private static boolean offer(MailboxLanes lanes, MailboxLanes.Fetched fetched) {
            try {
                return lanes.offer(fetched, TICK);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while handing over mail", e);
            }
        }

        private static boolean awaitIdle(MailboxLanes lanes) {
            try {
                return lanes.awaitIdle(TICK);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while handing over mail", e);
            }
        }

        /** On a worker: hands one message to the pipeline; a quarantined message is done like a committed one. */
        private void take(MailboxLanes.Fetched message) {
            if (failing()) {
                return;
            }
            try {
                ingest.ingest(message.raw(), mailbox.address());
            } catch (InboundRejected rejected) {
                log.warn("Mailbox {}: message UID {} quarantined: {}", mailbox.address(), message.uid(), rejected.getMessage());
            } catch (RuntimeException e) {
                log.warn("Mailbox {}: message UID {} not taken: {}", mailbox.address(), message.uid(), e.toString());
                failure.compareAndSet(null, new Failure(message.uid(), e));
                failures.incrementAndGet();
                return;
            }
            handed.incrementAndGet();
            // Queued for flagging before the mark may pass it, so the flush that saves a mark has flagged everything below.
            toFlag.add(message.uid());
            mark.done(message.uid());
        }

        /** Flags what was committed since the last flush, then records the mark (never past an unflagged message). */
        private void flush() throws MessagingException {
            long reached = mark.mark();
            List<Long> uids = new ArrayList<>();
            for (Long uid = toFlag.poll(); uid != null; uid = toFlag.poll()) {
                uids.add(uid);
            }
            if (!uids.isEmpty()) {
                try {
                    current.setFlags(uids.stream().map(byUid::get).toArray(Message[]::new), new Flags(Flags.Flag.SEEN), true);
                } catch (MessagingException | RuntimeException e) {
                    // Not flagged: the mark must not pass them, so they wait for the next flush.
                    toFlag.addAll(uids);
                    throw e;
                }
            }
            if (reached > saved) {
                states.save(mailbox.address(), new MailboxStates.State(folderName, uidValidity, reached));
                saved = reached;
            }
        }
    }

    /**
     * Stops fetching; wakes the fetcher wherever it waits. While messages are being handed over the
     * connection stays open: the fetch reads nothing more, lets the workers finish what they hold,
     * flags it and saves the mark, and then the fetcher closes the connection itself.
     */
    void stop() {
        running = false;
        signal();
        if (!handingOver) {
            disconnect();
        }
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

    private static boolean flagged(Message message) {
        try {
            return message.isSet(Flags.Flag.SEEN);
        } catch (MessagingException e) {
            return false;
        }
    }

    /** The sender's address, which chooses the message's lane; unreadable headers all share one lane. */
    static String sender(byte[] raw) {
        try {
            String from = new InternetHeaders(new ByteArrayInputStream(raw)).getHeader("From", ",");
            if (from == null) {
                return "";
            }
            InternetAddress[] addresses = InternetAddress.parseHeader(from, false);
            return addresses.length == 0 || addresses[0].getAddress() == null ? from.strip()
                    : addresses[0].getAddress().toLowerCase(Locale.ROOT);
        } catch (MessagingException | RuntimeException e) {
            return "";
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
