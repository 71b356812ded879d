package io.temas.chat;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The visitors' open streams on this node (event streams and WebSockets), fed from the
 * {@link ChatBus}. Each stream remembers the last event it sent and is fed in order without gaps or
 * repeats: a signal carrying the next event is sent as it is, anything else makes the stream reload
 * what follows its last event from the log. Typing goes straight through and is never replayed.
 * Every node also turns signals about conversations into {@link ChatActivity} for its console pages,
 * and marks the chats it holds open as connected.
 */
@Component
class ChatStreams implements SmartLifecycle {

    /** A chat seen connected within this is shown as connected. */
    static final Duration PRESENCE = Duration.ofSeconds(45);
    private static final Duration SEEN_EVERY = Duration.ofSeconds(15);

    /** Where a stream's events go: an event stream or a WebSocket. */
    interface Out {

        /** Sends one event; false when the client is gone. */
        boolean send(ChatEvent event);

        /** Keeps an idle connection open through proxies. */
        void heartbeat();

        void close();

        /** Whether this is a WebSocket (for the figures). */
        default boolean webSocket() {
            return false;
        }
    }

    /** One open stream of a chat. */
    final class Stream {

        private final UUID sessionId;
        private final Out out;
        private final ReentrantLock lock = new ReentrantLock();
        private long last;
        private volatile boolean closed;

        private Stream(UUID sessionId, Out out, long after) {
            this.sessionId = sessionId;
            this.out = out;
            this.last = after;
        }

        /** Sends what the log holds after the last event sent. */
        void catchUp() {
            lock.lock();
            try {
                while (!closed) {
                    List<ChatEvent> events = log.after(sessionId, last, 200);
                    for (ChatEvent event : events) {
                        if (!deliver(event)) {
                            return;
                        }
                    }
                    if (events.size() < 200) {
                        return;
                    }
                }
            } finally {
                lock.unlock();
            }
        }

        private void stored(ChatSignal signal) {
            lock.lock();
            try {
                if (closed || signal.seq() <= last) {
                    return;
                }
                if (signal.event() != null && signal.seq() == last + 1) {
                    deliver(signal.event());
                    return;
                }
            } finally {
                lock.unlock();
            }
            catchUp();
        }

        private boolean deliver(ChatEvent event) {
            if (!out.send(event)) {
                close();
                return false;
            }
            last = event.id();
            return true;
        }

        private void typing(ChatSignal signal) {
            if (!closed && !"customer".equals(signal.from())) {
                ChatEvent event = new ChatEvent(null, ChatEvent.TYPING, signal.from(), null, null, signal.conversationId(), clock.instant(),
                        null, signal.agent(), null, null, null);
                lock.lock();
                try {
                    if (!out.send(event)) {
                        close();
                    }
                } finally {
                    lock.unlock();
                }
            }
        }

        /** Ends this stream on this node (the client left or broke off). */
        void close() {
            if (closed) {
                return;
            }
            closed = true;
            List<Stream> streams = bySession.get(sessionId);
            if (streams != null) {
                streams.remove(this);
                bySession.computeIfPresent(sessionId, (k, v) -> v.isEmpty() ? null : v);
            }
            out.close();
        }
    }

    private final Map<UUID, List<Stream>> bySession = new ConcurrentHashMap<>();
    private final ChatLog log;
    private final ChatBus bus;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final ChatSettings settings;
    private final ApplicationEventPublisher events;
    private ScheduledExecutorService timer;
    private volatile boolean running;

    ChatStreams(ChatLog log, ChatBus bus, JdbcClient jdbc, Clock clock, ChatSettings settings, ApplicationEventPublisher events) {
        this.log = log;
        this.bus = bus;
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = settings;
        this.events = events;
        bus.subscribe(this::on);
    }

    /** Opens a stream that first sends every stored event after {@code after}, then live ones. */
    Stream open(UUID sessionId, long after, Out out) {
        Stream stream = new Stream(sessionId, out, Math.max(0, after));
        // Registered before the catch-up, so nothing committed in between is missed; the stream's number drops repeats.
        bySession.computeIfAbsent(sessionId, k -> new CopyOnWriteArrayList<>()).add(stream);
        seen(Set.of(sessionId));
        stream.catchUp();
        return stream;
    }

    /** Open streams on this node, for the figures. */
    int open() {
        return bySession.values().stream().mapToInt(List::size).sum();
    }

    /** Open WebSockets ({@code sockets}) or event streams on this node, for the figures. */
    int open(boolean sockets) {
        return (int) bySession.values().stream().flatMap(List::stream).filter(stream -> stream.out.webSocket() == sockets).count();
    }

    private void on(ChatSignal signal) {
        if (signal == null) {
            // The bus reconnected: anything may have been missed.
            bySession.values().forEach(streams -> streams.forEach(s -> Thread.startVirtualThread(s::catchUp)));
            return;
        }
        List<Stream> streams = bySession.get(signal.sessionId());
        if (streams != null) {
            for (Stream stream : streams) {
                if (signal.kind() == ChatSignal.Kind.TYPING) {
                    Thread.startVirtualThread(() -> stream.typing(signal));
                } else {
                    Thread.startVirtualThread(() -> stream.stored(signal));
                }
            }
        }
        if (signal.conversationId() != null) {
            activity(signal).ifPresent(events::publishEvent);
        }
    }

    private static java.util.Optional<ChatActivity> activity(ChatSignal signal) {
        if (signal.kind() == ChatSignal.Kind.TYPING) {
            return "customer".equals(signal.from())
                    ? java.util.Optional.of(new ChatActivity(signal.conversationId(), signal.sessionId(), ChatActivity.Kind.TYPING, "customer"))
                    : java.util.Optional.empty();
        }
        String type = signal.event() != null ? signal.event().type() : null;
        ChatActivity.Kind kind = ChatEvent.ENDED.equals(type) ? ChatActivity.Kind.ENDED : ChatActivity.Kind.MESSAGE;
        return java.util.Optional.of(new ChatActivity(signal.conversationId(), signal.sessionId(), kind, signal.from()));
    }

    private void seen(Set<UUID> sessions) {
        if (!sessions.isEmpty()) {
            // Rows another transaction holds are skipped (seen again next round): presence never waits, nor deadlocks with a chat's writer.
            jdbc.sql("""
                            update chat_sessions set seen_at = ? where id in (
                                select id from chat_sessions where id = any(?) order by id for update skip locked)""")
                    .params(Timestamp.from(clock.instant()), sessions.toArray(UUID[]::new)).update();
        }
    }

    private void tick() {
        try {
            seen(Set.copyOf(bySession.keySet()));
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(ChatStreams.class).warn("Chat presence not recorded: {}", e.toString());
        }
    }

    private void heartbeat() {
        bySession.values().forEach(streams -> streams.forEach(s -> Thread.startVirtualThread(() -> {
            s.lock.lock();
            try {
                s.out.heartbeat();
            } finally {
                s.lock.unlock();
            }
        })));
    }

    @Override
    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("chat-streams").factory());
        timer.scheduleWithFixedDelay(this::tick, SEEN_EVERY.toMillis(), SEEN_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        long beat = settings.heartbeat().toMillis();
        timer.scheduleWithFixedDelay(this::heartbeat, beat, beat, TimeUnit.MILLISECONDS);
        running = true;
    }

    /** Closes every stream before the web server's graceful shutdown; widgets reconnect to whichever node answers. */
    @Override
    public synchronized void stop() {
        running = false;
        if (timer != null) {
            timer.shutdownNow();
        }
        bySession.values().forEach(streams -> streams.forEach(Stream::close));
        bySession.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
