package io.temas.console;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.temas.campaigns.CallListEntryRemoved;
import io.temas.campaigns.CampaignChanged;
import io.temas.campaigns.CampaignResponded;
import io.temas.chat.ChatActivity;
import io.temas.conversations.ConversationAccess;
import io.temas.conversations.ConversationAssigned;
import io.temas.conversations.ConversationChanged;
import io.temas.conversations.ConversationOpened;
import io.temas.conversations.ConversationReleased;
import io.temas.conversations.ConversationRouted;
import io.temas.conversations.MessageReceived;
import io.temas.conversations.QueueAccess;
import io.temas.conversations.SlaBreached;
import io.temas.platform.AfterCommit;
import io.temas.shared.ChannelType;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 *
 * <p>Chats add two: "chat" (a chat arrived for this agent, see {@link ChatAlerts}; JSON with the id, reference and
 * customer) and "typing" (the customer of this chat is typing, the id). {@link ChatActivity} comes on every node,
 * so a chat's messages refresh its page whichever node the customer writes to. Ids of conversations go only to
 * users who may see them: an agent restricted to their own queues hears of nothing else.
 */
@Component
class LiveUpdates implements SmartLifecycle {

    static final Duration FLUSH = Duration.ofMillis(500);
    private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);
    private static final long EMITTER_TIMEOUT = Duration.ofMinutes(30).toMillis();

    private record Client(SseEmitter emitter, String username, QueueAccess access) {
    }

    private final ConversationAccess conversationAccess;
    private final ChatAlerts chatAlerts;

    private final List<Client> clients = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private boolean inboxChanged;
    private boolean campaignsChanged;
    private final Set<UUID> conversations = new LinkedHashSet<>();
    private final Set<UUID> presence = new LinkedHashSet<>();
    private final Set<UUID> chats = new LinkedHashSet<>();
    private final Set<UUID> chatsAssigned = new LinkedHashSet<>();
    private final Set<UUID> typing = new LinkedHashSet<>();
    private final Set<UUID> customers = new LinkedHashSet<>();
    private boolean allCustomers;
    private ScheduledExecutorService flusher;

    LiveUpdates(ConversationAccess conversationAccess, ChatAlerts chatAlerts, MeterRegistry meters) {
        this.conversationAccess = conversationAccess;
        this.chatAlerts = chatAlerts;
        // Screen pops and dialer removals ride these streams too; they have none of their own.
        Gauge.builder("temas.live.connections", clients, List::size)
                .description("Live connections held open on this node").tag("stream", "console").register(meters);
    }

    /** A stream for this user, who may see what {@code access} lets them see. */
    SseEmitter subscribe(String username, QueueAccess access) {
        SseEmitter emitter = new SseEmitter(EMITTER_TIMEOUT);
        Client client = new Client(emitter, username, access);
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

    /**
     * Sends one event to every open stream of one user at once, not with the next flush: a call
     * ringing on their extension cannot wait half a second.
     */
    void push(String username, String name, String data) {
        for (Client client : clients) {
            if (client.username().equals(username)) {
                try {
                    client.emitter().send(SseEmitter.event().name(name).data(data));
                } catch (IOException | IllegalStateException e) {
                    clients.remove(client);
                }
            }
        }
    }

    /** Whether any console page listens on this node (work for pushes can be skipped when none does). */
    boolean anyStreams() {
        return !clients.isEmpty();
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
        AfterCommit.run(() -> {
            changed(event.conversationId());
            if (ChannelType.CHAT.equals(event.channel())) {
                chat(event.conversationId(), false);
            }
        });
    }

    @EventListener
    void on(MessageReceived event) {
        AfterCommit.run(() -> changed(event.conversationId()));
    }

    @EventListener
    void on(ConversationAssigned event) {
        AfterCommit.run(() -> {
            changed(event.conversationId());
            if (ChannelType.CHAT.equals(event.channel())) {
                chat(event.conversationId(), true);
            }
        });
    }

    @EventListener
    void on(ConversationReleased event) {
        AfterCommit.run(() -> changed(event.conversationId()));
    }

    @EventListener
    void on(ConversationRouted event) {
        AfterCommit.run(() -> changed(event.conversationId()));
    }

    /** What happened in a chat, on whichever node: its page refreshes, the customer's typing shows, its first words alert. */
    @EventListener
    void on(ChatActivity event) {
        if (event.conversationId() == null) {
            return;
        }
        boolean customer = "customer".equals(event.from());
        AfterCommit.run(() -> {
            switch (event.kind()) {
                case TYPING -> {
                    if (customer) {
                        synchronized (lock) {
                            typing.add(event.conversationId());
                        }
                    }
                }
                case MESSAGE -> {
                    changed(event.conversationId());
                    // The hand-off (from the system) is a chat's first moment with a conversation: its agents hear of it on every node.
                    if (customer || "system".equals(event.from())) {
                        chat(event.conversationId(), false);
                    }
                }
                case ENDED -> changed(event.conversationId());
            }
        });
    }

    @EventListener
    void on(SlaBreached event) {
        AfterCommit.run(() -> changed(event.conversationId()));
    }

    @EventListener
    void on(ConversationChanged event) {
        AfterCommit.run(() -> changed(event.conversationId()));
    }

    /** A call was answered, ended, wrapped up or placed: its conversation's page (the call card, the phone panel) and the board refresh. */
    @EventListener
    void on(io.temas.calls.CallChanged event) {
        AfterCommit.run(() -> {
            if (event.conversationId() != null) {
                changed(event.conversationId());
            } else {
                synchronized (lock) {
                    inboxChanged = true;
                }
            }
        });
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

    /**
     * Customers whose scores or alerts changed ({@code null}: perhaps every customer): open 360s of them refresh those blocks on
     * the "customer" event (the id, or "*"). A customer's id says nothing of a conversation, so every stream hears it.
     */
    void customersChanged(java.util.Collection<UUID> ids) {
        synchronized (lock) {
            if (ids == null || allCustomers || customers.size() + ids.size() > ScoresLive.MAX_NAMED) {
                allCustomers = true;
                customers.clear();
            } else {
                customers.addAll(ids);
            }
        }
    }

    void presenceChanged(UUID conversationId) {
        synchronized (lock) {
            presence.add(conversationId);
        }
    }

    private void chat(UUID conversationId, boolean assigned) {
        synchronized (lock) {
            chats.add(conversationId);
            if (assigned) {
                chatsAssigned.add(conversationId);
            }
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
        List<UUID> arrived;
        Set<UUID> assigned;
        List<UUID> typed;
        boolean everyCustomer;
        List<UUID> changedCustomers;
        synchronized (lock) {
            inbox = inboxChanged;
            inboxChanged = false;
            offers = campaignsChanged;
            campaignsChanged = false;
            changedConversations = List.copyOf(conversations);
            conversations.clear();
            changedPresence = List.copyOf(presence);
            presence.clear();
            arrived = List.copyOf(chats);
            chats.clear();
            assigned = Set.copyOf(chatsAssigned);
            chatsAssigned.clear();
            typed = List.copyOf(typing);
            typing.clear();
            everyCustomer = allCustomers;
            allCustomers = false;
            changedCustomers = List.copyOf(customers);
            customers.clear();
        }
        if (clients.isEmpty() || (!inbox && !offers && changedConversations.isEmpty() && changedPresence.isEmpty()
                && arrived.isEmpty() && typed.isEmpty() && !everyCustomer && changedCustomers.isEmpty())) {
            return;
        }
        List<ChatAlerts.Alert> alerts = arrived.isEmpty() ? List.of() : alertsFor(arrived, assigned);
        for (Client client : clients) {
            try {
                Set<UUID> visible = visible(client, changedConversations, changedPresence, typed);
                if (inbox) {
                    client.emitter().send(SseEmitter.event().name("inbox").data("changed"));
                }
                if (offers) {
                    client.emitter().send(SseEmitter.event().name("campaigns").data("changed"));
                }
                for (UUID id : changedConversations) {
                    if (visible.contains(id)) {
                        client.emitter().send(SseEmitter.event().name("conversation").data(id.toString()));
                    }
                }
                for (UUID id : changedPresence) {
                    if (visible.contains(id)) {
                        client.emitter().send(SseEmitter.event().name("presence").data(id.toString()));
                    }
                }
                for (UUID id : typed) {
                    if (visible.contains(id)) {
                        client.emitter().send(SseEmitter.event().name("typing").data(id.toString()));
                    }
                }
                if (everyCustomer) {
                    client.emitter().send(SseEmitter.event().name("customer").data(ScoresLive.EVERYONE));
                }
                for (UUID id : changedCustomers) {
                    client.emitter().send(SseEmitter.event().name("customer").data(id.toString()));
                }
                for (ChatAlerts.Alert alert : alerts) {
                    if (alert.usernames().contains(client.username())) {
                        client.emitter().send(SseEmitter.event().name("chat").data(alert.json()));
                    }
                }
            } catch (IOException | IllegalStateException e) {
                clients.remove(client);
            }
        }
    }

    /** The ids among these the client may see: all of them, or for a restricted user those in their queues or theirs. */
    private Set<UUID> visible(Client client, List<UUID> conversations, List<UUID> presence, List<UUID> typed) {
        Set<UUID> ids = new LinkedHashSet<>(conversations);
        ids.addAll(presence);
        ids.addAll(typed);
        if (client.access().all() || ids.isEmpty()) {
            return ids;
        }
        try {
            return conversationAccess.visible(ids, client.access());
        } catch (RuntimeException e) {
            log.warn("Could not check which conversations {} may see: {}", client.username(), e.toString());
            return Set.of();
        }
    }

    private List<ChatAlerts.Alert> alertsFor(List<UUID> arrived, Set<UUID> assigned) {
        try {
            return chatAlerts.of(arrived, assigned);
        } catch (RuntimeException e) {
            // A failed look-up costs an alert, never the stream: the inbox still refreshes.
            log.warn("Could not work out chat alerts: {}", e.toString());
            return List.of();
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
