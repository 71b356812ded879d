package io.temas.console;

import io.temas.campaigns.CallListEntryRemoved;
import io.temas.campaigns.CampaignChanged;
import io.temas.campaigns.CampaignResponded;
import io.temas.conversations.ConversationAssigned;
import io.temas.conversations.ConversationChanged;
import io.temas.conversations.ConversationOpened;
import io.temas.conversations.ConversationReleased;
import io.temas.conversations.ConversationRouted;
import io.temas.conversations.MessageReceived;
import io.temas.conversations.SlaBreached;
import io.temas.platform.AfterCommit;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.context.event.EventListener;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Pushes changes to open console pages over server-sent events. Changes are collected as they
 * commit (plain listeners deferring to the commit, so the pipeline's transaction stores no event
 * publication for them) and sent at most once per {@link #FLUSH} as a few small events ("inbox" (lists and the
 * board), "campaigns", "conversation" with the id, "presence" with the id): a busy pipeline then costs each browser
 * one refresh per second, not one per message. Pages refetch what they show on these events.
 */
@Component
class LiveUpdates implements SmartLifecycle {

    static final Duration FLUSH = Duration.ofMillis(500);
    private static final long EMITTER_TIMEOUT = Duration.ofMinutes(30).toMillis();

    private record Client(SseEmitter emitter, String username) {
    }

    private final List<Client> clients = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private boolean inboxChanged;
    private boolean campaignsChanged;
    private final Set<UUID> conversations = new LinkedHashSet<>();
    private final Set<UUID> presence = new LinkedHashSet<>();
    private ScheduledExecutorService flusher;

    SseEmitter subscribe(String username) {
        SseEmitter emitter = new SseEmitter(EMITTER_TIMEOUT);
        Client client = new Client(emitter, username);
        clients.add(client);
        emitter.onCompletion(() -> clients.remove(client));
        emitter.onTimeout(() -> clients.remove(client));
        emitter.onError(e -> clients.remove(client));
        try {
            emitter.send(SseEmitter.event().name("hello").data(username).reconnectTime(3000));
        } catch (IOException e) {
            clients.remove(client);
        }
        return emitter;
    }

    /** Closes the open streams of this user (their sessions ended). */
    void endAll(String username) {
        for (Client client : clients) {
            if (client.username().equals(username)) {
                clients.remove(client);
                client.emitter().complete();
            }
        }
    }

    @EventListener
    void on(ConversationOpened event) {
        AfterCommit.run(() -> changed(event.conversationId()));
    }

    @EventListener
    void on(MessageReceived event) {
        AfterCommit.run(() -> changed(event.conversationId()));
    }

    @EventListener
    void on(ConversationAssigned event) {
        AfterCommit.run(() -> changed(event.conversationId()));
    }

    @EventListener
    void on(ConversationReleased event) {
        AfterCommit.run(() -> changed(event.conversationId()));
    }

    @EventListener
    void on(ConversationRouted event) {
        AfterCommit.run(() -> changed(event.conversationId()));
    }

    @EventListener
    void on(SlaBreached event) {
        AfterCommit.run(() -> changed(event.conversationId()));
    }

    @EventListener
    void on(ConversationChanged event) {
        AfterCommit.run(() -> changed(event.conversationId()));
    }

    @EventListener
    void on(CampaignChanged event) {
        AfterCommit.run(this::markCampaigns);
    }

    @EventListener
    void on(CampaignResponded event) {
        AfterCommit.run(this::markCampaigns);
    }

    @EventListener
    void on(CallListEntryRemoved event) {
        AfterCommit.run(this::markCampaigns);
    }

    private void markCampaigns() {
        synchronized (lock) {
            campaignsChanged = true;
        }
    }

    void presenceChanged(UUID conversationId) {
        synchronized (lock) {
            presence.add(conversationId);
        }
    }

    private void changed(UUID conversationId) {
        synchronized (lock) {
            conversations.add(conversationId);
            inboxChanged = true;
        }
    }

    private void flush() {
        boolean inbox;
        boolean offers;
        List<UUID> changedConversations;
        List<UUID> changedPresence;
        synchronized (lock) {
            inbox = inboxChanged;
            inboxChanged = false;
            offers = campaignsChanged;
            campaignsChanged = false;
            changedConversations = List.copyOf(conversations);
            conversations.clear();
            changedPresence = List.copyOf(presence);
            presence.clear();
        }
        if (clients.isEmpty() || (!inbox && !offers && changedConversations.isEmpty() && changedPresence.isEmpty())) {
            return;
        }
        for (Client client : clients) {
            try {
                if (inbox) {
                    client.emitter().send(SseEmitter.event().name("inbox").data("changed"));
                }
                if (offers) {
                    client.emitter().send(SseEmitter.event().name("campaigns").data("changed"));
                }
                for (UUID id : changedConversations) {
                    client.emitter().send(SseEmitter.event().name("conversation").data(id.toString()));
                }
                for (UUID id : changedPresence) {
                    client.emitter().send(SseEmitter.event().name("presence").data(id.toString()));
                }
            } catch (IOException | IllegalStateException e) {
                clients.remove(client);
            }
        }
    }

    private volatile boolean running;

    @Override
    public synchronized void start() {
        flusher = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("live-updates").factory());
        flusher.scheduleWithFixedDelay(this::flush, FLUSH.toMillis(), FLUSH.toMillis(), TimeUnit.MILLISECONDS);
        running = true;
    }

    /**
     * Ends every open stream before the web server's graceful shutdown (this lifecycle's phase is
     * later, so it stops first): an open event stream would otherwise hold the shutdown for its
     * whole timeout. Browsers reconnect to whichever node answers next.
     */
    @Override
    public synchronized void stop() {
        running = false;
        flusher.shutdownNow();
        clients.forEach(c -> c.emitter().complete());
        clients.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
