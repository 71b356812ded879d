package io.temas.channels.email;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Runs one fetcher per mailbox, each on its own virtual thread, so eighty mailboxes are fetched
 * side by side rather than one after another. Mailboxes added, changed or removed through the API
 * are picked up at once.
 */
@Component
@Order(20)
public class MailFetchers implements ApplicationRunner, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MailFetchers.class);

    /** A fetcher's state as admins see it. */
    public record Status(String address, boolean running, String lastError) {
    }

    private record Running(MailboxFetcher fetcher, Thread thread, ScheduledFuture<?> waker) {
    }

    private final Mailboxes mailboxes;
    private final EmailIngest ingest;
    private final MailboxStates states;
    private final EmailSettings settings;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private ScheduledExecutorService wakers;
    /** The application is ready: the demo data and entry points exist. */
    private volatile boolean started;
    /** Fetching now (false before start-up and while the context is stopped or paused). */
    private volatile boolean active;

    MailFetchers(Mailboxes mailboxes, EmailIngest ingest, MailboxStates states, EmailSettings settings) {
        this.mailboxes = mailboxes;
        this.ingest = ingest;
        this.states = states;
        this.settings = settings;
        mailboxes.onChange(this::restart);
    }

    @Override
    public void run(ApplicationArguments args) {
        mailboxes.announceAll();
        started = true;
        startAll();
    }

    private synchronized void startAll() {
        if (active) {
            return;
        }
        active = true;
        wakers = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("temas-mail-waker").factory());
        if (settings.fetch()) {
            mailboxes.all().stream().filter(Mailbox::fetches).forEach(this::start);
        }
    }

    public List<Status> status() {
        return mailboxes.all().stream().map(m -> {
            Running r = running.get(m.address());
            return new Status(m.address(), r != null && r.thread().isAlive(),
                    r == null ? null : r.fetcher().lastError().orElse(null));
        }).toList();
    }

    /** Looks at every mailbox now instead of waiting for IDLE or the next poll. */
    public void wakeAll() {
        running.values().forEach(r -> r.fetcher().wakeUp());
    }

    private synchronized void start(Mailbox mailbox) {
        stop(mailbox.address());
        MailboxFetcher fetcher = new MailboxFetcher(mailbox, ingest, states, settings.parallelism());
        Thread thread = Thread.ofVirtual().name("mailbox-" + mailbox.address()).start(fetcher);
        Duration interval = mailbox.imap().pollIntervalOrDefault();
        ScheduledFuture<?> waker = wakers.scheduleAtFixedRate(fetcher::wakeUp, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
        running.put(mailbox.address(), new Running(fetcher, thread, waker));
    }

    private synchronized void stop(String address) {
        Optional.ofNullable(running.remove(address)).ifPresent(r -> {
            r.waker().cancel(false);
            r.fetcher().stop();
            try {
                r.thread().join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private void restart(Mailbox mailbox) {
        if (!active || !settings.fetch()) {
            return;
        }
        if (mailbox.fetches()) {
            start(mailbox);
        } else {
            stop(mailbox.address());
        }
    }

    /**
     * At start-up fetchers wait for the application to be ready (see run), after the demo data and
     * entry points exist; a context stopped and started again (paused, say) resumes fetching.
     */
    @Override
    public void start() {
        if (started) {
            startAll();
        }
    }

    @Override
    public synchronized void stop() {
        log.info("Stopping {} mailbox fetchers", running.size());
        active = false;
        List.copyOf(running.keySet()).forEach(this::stop);
        if (wakers != null) {
            wakers.shutdownNow();
            wakers = null;
        }
    }

    @Override
    public boolean isRunning() {
        return active;
    }

    @Override
    public int getPhase() {
        // Stop before the web server and the database go away.
        return Integer.MAX_VALUE - 100;
    }
}
