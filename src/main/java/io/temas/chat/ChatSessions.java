package io.temas.chat;

import io.temas.shared.ReasonCode;
import io.temas.channels.InboundAttachment;
import io.temas.channels.InboundMessage;
import io.temas.channels.InboundRejected;
import io.temas.channels.InboundSink;
import io.temas.channels.Receipt;
import io.temas.conversations.ConversationStatus;
import io.temas.conversations.Conversations;
import io.temas.customers.CustomerId;
import io.temas.customers.CustomerTimeline;
import io.temas.knowledge.SearchHit;
import io.temas.routing.EntryPoint;
import io.temas.routing.EntryPoints;
import io.temas.shared.ChannelType;
import io.temas.shared.Conflict;
import io.temas.shared.Identifier;
import io.temas.shared.IdentifierType;
import io.temas.shared.InvalidInput;
import io.temas.shared.Language;
import io.temas.shared.NotFound;
import io.temas.shared.TextInput;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The chat sessions: started by the widget, carried by the bot, handed to agents, ended. Every
 * customer message is stored in the chat's log before anything else happens to it; while the bot
 * has the chat it answers from the knowledge base, and from the hand-off on each message goes
 * through the inbound pipeline into the chat's conversation, whose first message is the whole
 * transcript. Events are stored and signalled on the {@link ChatBus} in one transaction, so every
 * node's streams hear of exactly what was committed.
 */
@Service
class ChatSessions {

    private static final Logger log = LoggerFactory.getLogger(ChatSessions.class);
    /** What the chat takes for an e-mail address: something, an at sign, a domain with a dot. */
    static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()-]{5,24}");

    /** A chat as stored. */
    record Session(UUID id, EntryPoint entryPoint, String name, String email, String phone, Language language, String state,
                   UUID conversationId, int unhelpful, List<UUID> shownArticles, String outcome, Integer rating, String ratingComment,
                   Instant createdAt, Instant endedAt, Instant seenAt, long lastSeq, UUID entryPointId) {

        Session with(EntryPoint resolved) {
            return new Session(id, resolved, name, email, phone, language, state, conversationId, unhelpful, shownArticles, outcome, rating,
                    ratingComment, createdAt, endedAt, seenAt, lastSeq, entryPointId);
        }

        boolean ended() {
            return "ended".equals(state);
        }

        boolean withBot() {
            return "bot".equals(state);
        }
    }

    /** Who wrote what reaches the visitor from the agents' side: {@code agent} (with a display name, when known) or {@code system}. */
    record Author(String from, String name) {

        static final Author SYSTEM = new Author("system", null);
    }

    /** A chat just started: its id, the token that opens it, the language it speaks. */
    record Started(UUID sessionId, String token, Language language) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ChatLog log_;
    private final ChatBus bus;
    private final ChatBot bot;
    private final AgentHours hours;
    private final ChatDoors doors;
    private final ChatTexts texts;
    private final VisitorTokens tokens;
    private final InboundSink inbound;
    private final Conversations conversations;
    private final EntryPoints entryPoints;
    private final io.temas.routing.Agents agents;
    private final ChatSettings settings;
    private final CustomerTimeline timeline;
    private final Clock clock;
    private final io.temas.shared.Ids ids;
    private final ChatThrottle messageThrottle;
    private final ChatThrottle startThrottle;
    private final java.util.concurrent.ConcurrentHashMap<UUID, Long> lastTyping = new java.util.concurrent.ConcurrentHashMap<>();
    private final TransactionTemplate ownTransaction;

    private final ChatCallbacks callbacks;

    private final org.springframework.context.ApplicationEventPublisher events;

    ChatSessions(JdbcClient jdbc, TransactionTemplate transactions, ChatLog chatLog, ChatBus bus, ChatBot bot, AgentHours hours,
                 ChatDoors doors, ChatTexts texts, VisitorTokens tokens, InboundSink inbound, Conversations conversations,
                 EntryPoints entryPoints, io.temas.routing.Agents agents, ChatSettings settings, CustomerTimeline timeline, Clock clock,
                 io.temas.shared.Ids ids, ChatCallbacks callbacks, org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.callbacks = callbacks;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.ownTransaction = new TransactionTemplate(java.util.Objects.requireNonNull(transactions.getTransactionManager()));
        this.ownTransaction.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.log_ = chatLog;
        this.bus = bus;
        this.bot = bot;
        this.hours = hours;
        this.doors = doors;
        this.texts = texts;
        this.tokens = tokens;
        this.inbound = inbound;
        this.conversations = conversations;
        this.entryPoints = entryPoints;
        this.agents = agents;
        this.settings = settings;
        this.timeline = timeline;
        this.clock = clock;
        this.ids = ids;
        this.messageThrottle = new ChatThrottle(clock, settings.messagesPerMinute(), "messages in this chat");
        this.startThrottle = new ChatThrottle(clock, settings.sessionsPerMinute(), "chats started from this address");
    }

    // ---- the visitor's side --------------------------------------------------------------------

    /**
     * Starts a chat on a chat entry point: checks the pre-chat fields the entry point asks for and
     * greets the visitor.
     *
     * @param client the visitor's network address, for the flood limit
     */
    Started start(ChatDoor door, String name, String email, String phone, String language, String origin, String client) {
        startThrottle.take(client == null ? "?" : client);
        String cleanName = field("name", name, door.name());
        String cleanEmail = field("email", email, door.email());
        String cleanPhone = field("phone", phone, door.phone());
        if (cleanEmail != null && !EMAIL.matcher(cleanEmail).matches()) {
            throw new InvalidInput("email", "email is not an e-mail address");
        }
        if (cleanPhone != null) {
            if (!PHONE.matcher(cleanPhone).matches()) {
                throw new InvalidInput("phone", "phone is not a phone number (digits, an optional leading +)");
            }
            cleanPhone = cleanPhone.replaceAll("[ ()-]", "");
        }
        Language lang = language == null || language.isBlank() ? Language.DEFAULT : Language.parse(language)
                .orElseThrow(() -> new InvalidInput("language", "language is one of tr, az, en"));
        UUID id = ids.next();
        Instant now = clock.instant();
        String finalPhone = cleanPhone;
        transactions.executeWithoutResult(tx -> {
            jdbc.sql("""
                            insert into chat_sessions (id, entry_point_id, name, email, phone, language, origin, state, created_at, last_active_at)
                            values (?, ?, ?, ?, ?, ?, ?, 'bot', ?, ?)""")
                    .params(id, door.entryPoint().id(), cleanName, cleanEmail, finalPhone, lang.code(), origin, Timestamp.from(now),
                            Timestamp.from(now))
                    .update();
            store(id, null, ChatEvent.MESSAGE, "bot", texts.get(lang, "bot.greeting"), ChatLog.Data.NONE);
        });
        return new Started(id, tokens.issue(id), lang);
    }

    private static String field(String name, String value, ChatDoor.Field asked) {
        String clean = value == null || value.isBlank() ? null : TextInput.check(name, value.strip(), false);
        if (asked == ChatDoor.Field.HIDDEN) {
            return null;
        }
        if (clean != null && clean.length() > 200) {
            throw new InvalidInput(name, name + " is longer than 200 characters");
        }
        if (clean == null && asked == ChatDoor.Field.REQUIRED) {
            throw new InvalidInput(name, name + " is required on this chat");
        }
        return clean;
    }

    /** The session a token opens; @throws ChatRefused 401 for a wrong token, NotFound for an unknown chat. */
    Session open(UUID sessionId, String token) {
        tokens.verify(token, sessionId);
        return find(sessionId).orElseThrow(() -> new NotFound("no chat " + sessionId));
    }

    /**
     * A message from the visitor. Stored first; while the bot has the chat it answers, afterwards
     * the message goes to the conversation. A retry with the same client id is stored and handled once.
     *
     * @return the stored event's number
     */
    long post(Session session, String text, String clientId) {
        String clean = TextInput.check("text", text, true);
        if (clean == null || clean.isBlank()) {
            throw new InvalidInput("text", "text is required");
        }
        if (clean.length() > settings.maxText()) {
            throw new InvalidInput("text", "text is longer than " + settings.maxText() + " characters");
        }
        String client = clientId == null || clientId.isBlank() ? null : TextInput.check("clientId", clientId.strip(), false);
        if (client != null && client.length() > 100) {
            throw new InvalidInput("clientId", "clientId is longer than 100 characters");
        }
        messageThrottle.take(session.id().toString());
        String body = clean.strip();
        Step step = transactions.execute(tx -> {
            Session now = lock(session.id());
            if (now.ended()) {
                throw new Conflict("this chat has ended; start a new one");
            }
            ChatLog.Appended appended = appendSignalled(now, ChatEvent.MESSAGE, "customer", body, ChatLog.Data.NONE, client);
            if (!appended.fresh()) {
                return new Step(appended.event().id(), null, now);
            }
            if (now.withBot()) {
                return new Step(appended.event().id(), botTurn(now, body), now);
            }
            return new Step(appended.event().id(), Next.TO_CONVERSATION, now);
        });
        follow(step, body, null);
        return step.seq();
    }

    /** What to do after the transaction that stored a customer's message. */
    private enum Next {
        TO_CONVERSATION, HAND_OVER
    }

    private record Step(long seq, Next next, Session session) {
    }

    private void follow(Step step, String text, InboundAttachment file) {
        if (step.next() == Next.HAND_OVER) {
            handOver(step.session().id(), null);
        } else if (step.next() == Next.TO_CONVERSATION) {
            Session now = find(step.session().id()).orElseThrow();
            if (now.conversationId() != null) {
                toConversation(now, "chat:" + now.id() + ":" + step.seq(), text, file);
            }
            // Otherwise the hand-off is under way: once it has linked the conversation it forwards every
            // message its transcript did not cover, this one included (a refused hand-off is retried).
        }
    }

    /** The bot's answer to a message, stored in the caller's transaction; HAND_OVER when a person must take it. */
    private Next botTurn(Session session, String text) {
        BotDecision decision = bot.onMessage(new BotTurn(session.id(), session.entryPoint().address(), session.language(), text,
                session.unhelpful()));
        return act(session, decision);
    }

    private Next act(Session session, BotDecision decision) {
        Language lang = session.language();
        if (decision instanceof BotDecision.Suggest suggest) {
            if (suggest.articles().isEmpty()) {
                jdbc.sql("update chat_sessions set unhelpful = unhelpful + 1 where id = ?").param(session.id()).update();
                appendSignalled(session, ChatEvent.MESSAGE, "bot", texts.get(lang, "bot.noArticle"),
                        new ChatLog.Data(null, null, null, null, null, "no-article"), null);
                return null;
            }
            List<ChatEvent.ArticleLink> links = suggest.articles().stream().map(ChatSessions::link).toList();
            jdbc.sql("update chat_sessions set shown_articles = ? where id = ?")
                    .params(links.stream().map(ChatEvent.ArticleLink::articleId).toArray(UUID[]::new), session.id()).update();
            appendSignalled(session, ChatEvent.MESSAGE, "bot", texts.get(lang, "bot.suggest"),
                    new ChatLog.Data(links, null, List.of("answered"), null, null, "suggested"), null);
            return null;
        }
        if (decision instanceof BotDecision.HandOver handOver) {
            return startHandOver(session, handOver.reason().code(), handOver.detail(), handOver.offerCall());
        }
        if (decision instanceof BotDecision.Answered) {
            appendSignalled(session, ChatEvent.MESSAGE, "bot", texts.get(lang, "bot.answered"), ChatLog.Data.NONE, null);
            finish(session, "bot_answered", "bot");
            return null;
        }
        appendSignalled(session, ChatEvent.MESSAGE, "bot", texts.get(lang, "bot.ask"), ChatLog.Data.NONE, null);
        return null;
    }

    /**
     * The bot gives the chat to a person: out of business hours it says when agents are back and
     * offers e-mail or a call back instead; otherwise the chat waits for the hand-off to commit.
     */
    private Next startHandOver(Session session, String reason, String detail, boolean offerCall) {
        Language lang = session.language();
        Optional<Instant> closed = hours.closedUntil(session.entryPoint().address(), clock.instant());
        if (closed.isPresent()) {
            appendSignalled(session, ChatEvent.NOTICE, "bot", texts.get(lang, "bot.outOfHours", texts.when(lang, closed.get(),
                            session.entryPoint())),
                    new ChatLog.Data(null, null, List.of("continue-by-email", "callback"), null, null, "out-of-hours:" + reason), null);
            return null;
        }
        jdbc.sql("update chat_sessions set state = 'waiting' where id = ?").param(session.id()).update();
        appendSignalled(session, ChatEvent.MESSAGE, "bot", texts.get(lang, "bot.handoff"),
                new ChatLog.Data(null, null, null, null, null, reasonLine(reason, detail)), null);
        if (offerCall) {
            // Money matters to the phone: while the visitor waits, a callback at a time they choose is offered too.
            appendSignalled(session, ChatEvent.NOTICE, "bot", texts.get(lang, "bot.offerCall"),
                    new ChatLog.Data(null, null, List.of("callback"), null, null, "offer-call"), null);
        }
        return Next.HAND_OVER;
    }

    private static String reasonLine(String reason, String detail) {
        return detail == null || detail.isBlank() ? reason : reason + ":" + TextInput.forLog(detail);
    }

    /** The visitor's answer to "did this answer your question?". */
    void answered(Session session, boolean answered) {
        Next next = transactions.execute(tx -> {
            Session now = lock(session.id());
            if (!now.withBot()) {
                throw new Conflict("the bot is no longer in this chat");
            }
            if (now.shownArticles().isEmpty()) {
                throw new Conflict("no article was offered to answer about");
            }
            jdbc.sql("update chat_sessions set shown_articles = '{}' where id = ?").param(now.id()).update();
            appendSignalled(now, ChatEvent.MESSAGE, "customer", texts.get(now.language(), answered ? "chat.answer.yes" : "chat.answer.no"),
                    new ChatLog.Data(null, null, null, null, null, answered ? "answered" : "not-answered"), null);
            BotDecision decision = bot.onAnswered(new BotTurn(now.id(), now.entryPoint().address(), now.language(), "",
                    now.unhelpful(), now.shownArticles()), answered);
            if (decision instanceof BotDecision.Suggest suggest && suggest.articles().isEmpty()) {
                jdbc.sql("update chat_sessions set unhelpful = unhelpful + 1 where id = ?").param(now.id()).update();
                appendSignalled(now, ChatEvent.MESSAGE, "bot", texts.get(now.language(), "bot.rephrase"),
                        new ChatLog.Data(null, null, null, null, null, "not-answered"), null);
                return null;
            }
            return act(now, decision);
        });
        if (next == Next.HAND_OVER) {
            handOver(session.id(), null);
        }
    }

    /** Out of hours: the chat continues by e-mail; a conversation is opened with the visitor's address and the chat ends. */
    void continueByEmail(Session session, String email) {
        String address = email == null ? null : TextInput.check("email", email.strip(), false);
        if (address == null || !EMAIL.matcher(address).matches()) {
            throw new InvalidInput("email", "email is not an e-mail address");
        }
        leaveWithContact(session, address, null, "continued_by_email", "bot.continuedByEmail", address);
    }

    /**
     * The visitor asks to be called back on a number. With a slot (one of {@link ChatCallbacks#options}) the callback is
     * booked for it and confirmed in the chat; a chat still with the bot (out of hours) then ends, one with a person goes
     * on. Without a slot (none offered) a conversation records the number and the chat ends.
     *
     * @throws io.temas.calls.SlotNotOffered when the slot is no longer offered (taken meanwhile)
     */
    void callback(Session session, String phone, Instant slot) {
        String number = phone == null ? null : TextInput.check("phone", phone.strip(), false);
        if (number == null || !PHONE.matcher(number).matches()) {
            throw new InvalidInput("phone", "phone is not a phone number (digits, an optional leading +)");
        }
        String clean = number.replaceAll("[ ()-]", "");
        if (slot == null) {
            leaveWithContact(session, null, clean, "callback", "bot.callbackNoted", clean);
            return;
        }
        transactions.executeWithoutResult(tx -> {
            // Under the chat's lock, so one chat books one callback: a visitor cannot fill the call centre's slots from it.
            Session now = lock(session.id());
            if (now.ended()) {
                throw new Conflict("this chat has ended; start a new one");
            }
            if (jdbc.sql("select exists (select 1 from chat_events where session_id = ? and data ->> 'reason' = 'callback-booked')")
                    .param(now.id()).query(Boolean.class).single()) {
                throw new Conflict("a callback was already booked from this chat");
            }
            String when = callbacks.book(now, clean, slot);
            jdbc.sql("update chat_sessions set phone = coalesce(phone, ?) where id = ?").params(clean, now.id()).update();
            appendSignalled(now, ChatEvent.MESSAGE, "bot", texts.get(now.language(), "bot.callbackBooked", when, clean),
                    new ChatLog.Data(null, null, null, null, null, "callback-booked"), null);
            if (now.withBot()) {
                finish(now, "callback_booked", "bot");
            }
        });
    }

    /** An agent offers the visitor a callback at a time they choose (money matters to the phone). */
    void offerCallback(UUID conversationId, String agentName) {
        transactions.executeWithoutResult(tx -> byConversation(conversationId).filter(s -> !s.ended()).ifPresent(found -> {
            Session now = lock(found.id());
            appendSignalled(now, ChatEvent.NOTICE, "agent", texts.get(now.language(), "chat.offerCall", agentName),
                    new ChatLog.Data(null, null, List.of("callback"), agentName, null, "offer-call"), null);
        }));
    }

    private void leaveWithContact(Session session, String email, String phone, String outcome, String key, String shown) {
        transactions.executeWithoutResult(tx -> {
            Session now = lock(session.id());
            if (!now.withBot()) {
                throw new Conflict(now.ended() ? "this chat has ended; start a new one"
                        : "the chat is already with a person; write here instead");
            }
            jdbc.sql("update chat_sessions set email = coalesce(?, email), phone = coalesce(?, phone), state = 'waiting' where id = ?")
                    .params(email, phone, now.id()).update();
            appendSignalled(now, ChatEvent.MESSAGE, "bot", texts.get(now.language(), key, shown),
                    new ChatLog.Data(null, null, null, null, null, outcome), null);
        });
        if (handOver(session.id(), outcome) == null) {
            // Quarantined: the request stays waiting and is retried; the chat is not ended on a promise nobody holds.
            return;
        }
        transactions.executeWithoutResult(tx -> {
            Session now = lock(session.id());
            if (!now.ended()) {
                finish(now, outcome, "bot");
            }
        });
    }

    /** The visitor is typing: told to the agent's console, never stored. */
    void typing(Session session) {
        long now = clock.millis();
        Long before = lastTyping.put(session.id(), now);
        if (before != null && now - before < 1_000) {
            return;
        }
        if (lastTyping.size() > 50_000) {
            lastTyping.entrySet().removeIf(e -> now - e.getValue() > 60_000);
        }
        if (!session.ended() && session.conversationId() != null) {
            bus.publish(ChatSignal.typing(session.id(), session.conversationId(), "customer", null));
        }
    }

    /** The visitor leaves the chat. */
    void leave(Session session) {
        transactions.executeWithoutResult(tx -> {
            Session now = lock(session.id());
            if (!now.ended()) {
                finish(now, "customer_left", "customer");
            }
        });
    }

    /**
     * Ends chats still with the bot whose window has been closed longer than the idle timeout (the
     * visitor went away without saying so), as left by the customer.
     */
    @org.springframework.scheduling.annotation.Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    void endIdle() {
        Instant before = clock.instant().minus(settings.idleTimeout());
        List<UUID> idle = jdbc.sql("""
                        select id from chat_sessions where state = 'bot' and coalesce(seen_at, last_active_at) < ?
                        and last_active_at < ? limit 500""")
                .params(Timestamp.from(before), Timestamp.from(before)).query(UUID.class).list();
        for (UUID id : idle) {
            try {
                find(id).ifPresent(this::leave);
            } catch (RuntimeException e) {
                log.warn("Chat {}: not ended after its idle time: {}", id, e.toString());
            }
        }
    }

    /** The visitor's rating of an ended chat, once. */
    void rate(Session session, int score, String comment) {
        if (score < 1 || score > 5) {
            throw new InvalidInput("score", "score is a whole number from 1 to 5");
        }
        String clean = comment == null || comment.isBlank() ? null : TextInput.check("comment", comment.strip(), true);
        if (clean != null && clean.length() > 2_000) {
            throw new InvalidInput("comment", "comment is longer than 2000 characters");
        }
        transactions.executeWithoutResult(tx -> {
            Session now = lock(session.id());
            if (!now.ended()) {
                throw new Conflict("a chat is rated after it ends");
            }
            if (now.rating() != null) {
                throw new Conflict("this chat has been rated already");
            }
            jdbc.sql("update chat_sessions set rating = ?, rating_comment = ? where id = ?").params(score, clean, now.id()).update();
            if (now.conversationId() != null) {
                events.publishEvent(new ChatRated(now.conversationId(), score, clean, clock.instant()));
            }
            appendSignalled(now, ChatEvent.NOTICE, "system", texts.get(now.language(), "chat.rated"),
                    new ChatLog.Data(null, null, null, null, null, "rated:" + score), null);
        });
    }

    /**
     * A file from the visitor, after the hand-off: checked against the entry point's limit and the
     * allowed types by its first bytes, then stored with the conversation.
     */
    long file(Session session, String filename, String declaredType, byte[] content) {
        ChatDoor door = doors.of(session.entryPoint());
        ChatFiles.check(door, settings.fileTypes(), filename, declaredType, content);
        messageThrottle.take(session.id().toString());
        String name = ChatFiles.safeName(filename);
        ChatEvent.FileNote note = new ChatEvent.FileNote(name, declaredType, content.length);
        Step step = transactions.execute(tx -> {
            Session now = lock(session.id());
            if (now.ended()) {
                throw new Conflict("this chat has ended; start a new one");
            }
            if (now.withBot() || now.conversationId() == null) {
                throw new ChatRefused(HttpStatus.CONFLICT, "chat-files-after-handoff",
                        "Files can be sent once the chat has been passed to a person.");
            }
            ChatLog.Appended appended = appendSignalled(now, ChatEvent.MESSAGE, "customer", name,
                    new ChatLog.Data(null, null, null, null, note, null), null);
            return new Step(appended.event().id(), Next.TO_CONVERSATION, now);
        });
        follow(step, name, new InboundAttachment(name, declaredType, content, null));
        return step.seq();
    }

    // ---- hand-off and the conversation ----------------------------------------------------------

    /**
     * Opens the chat's conversation through the pipeline with the whole transcript as its first
     * message (its external id makes a repeat harmless), then tells the visitor.
     */
    private Receipt handOver(UUID sessionId, String note) {
        Session session = find(sessionId).orElseThrow();
        List<ChatEvent> events = log_.all(sessionId);
        long covered = events.isEmpty() ? 0 : events.getLast().id();
        String transcript = ChatTranscript.text(events, session.language(), texts, session.entryPoint());
        Receipt receipt = toConversation(session, "chat:" + sessionId + ":handoff", transcript, null);
        if (receipt == null) {
            return null;
        }
        transactions.executeWithoutResult(tx -> {
            Session now = lock(sessionId);
            if (now.conversationId() != null) {
                return;
            }
            jdbc.sql("update chat_sessions set conversation_id = ? where id = ?").params(receipt.conversationId(), sessionId).update();
            Session linked = lock(sessionId);
            appendSignalled(linked, ChatEvent.HANDOFF, "system", texts.get(now.language(), "chat.handoff"),
                    new ChatLog.Data(null, receipt.conversationId(), null, null, null, note), null);
            timeline.record(new CustomerId(receipt.customerId()), botSteps(events, receipt.conversationId()));
            UUID assignee = conversations.get(receipt.conversationId()).assigneeId();
            if (assignee != null && note == null) {
                agents.find(assignee).ifPresent(agent -> appendSignalled(linked, ChatEvent.NOTICE, "system",
                        texts.get(now.language(), "chat.notice.joined", agent.displayName()),
                        new ChatLog.Data(null, null, null, agent.displayName(), null, "chat.notice.joined"), null));
            }
        });
        // Messages written while the hand-off was under way: each joins the conversation as itself.
        Session linked = find(sessionId).orElseThrow();
        for (ChatEvent later : log_.after(sessionId, covered, 1_000)) {
            if ("customer".equals(later.from()) && ChatEvent.MESSAGE.equals(later.type()) && later.file() == null) {
                toConversation(linked, "chat:" + sessionId + ":" + later.id(), later.text(), null);
            }
        }
        return receipt;
    }

    /** Hand-offs the pipeline refused (and quarantined) are tried again while their visitor waits. */
    @org.springframework.scheduling.annotation.Scheduled(fixedDelayString = "PT30S", initialDelayString = "PT30S")
    void retryHandOvers() {
        List<UUID> waiting = jdbc.sql("""
                        select id from chat_sessions where state = 'waiting' and conversation_id is null and last_active_at < ? limit 100""")
                .param(Timestamp.from(clock.instant().minusSeconds(30))).query(UUID.class).list();
        for (UUID id : waiting) {
            try {
                handOver(id, null);
            } catch (RuntimeException e) {
                log.warn("Chat {}: hand-off failed again: {}", id, e.toString());
            }
        }
    }

    /** One message into the pipeline, on the chat's session; null when the pipeline refused it (it is then quarantined). */
    private Receipt toConversation(Session session, String externalId, String text, InboundAttachment file) {
        List<Identifier> identifiers = new ArrayList<>();
        if (session.email() != null) {
            identifiers.add(new Identifier(IdentifierType.EMAIL, session.email()));
        }
        if (session.phone() != null) {
            identifiers.add(new Identifier(IdentifierType.PHONE, session.phone()));
        }
        identifiers.add(new Identifier(IdentifierType.COOKIE, "chat:" + session.id()));
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        InboundMessage message = new InboundMessage(ChannelType.CHAT, session.entryPoint().address(), externalId,
                new InboundMessage.Sender(session.name(), identifiers, "chat:" + session.id()), null, text, null, session.language(),
                clock.instant(), new InboundMessage.Threading(null, List.of(), session.id().toString()), null,
                file == null ? List.of() : List.of(file), new InboundMessage.RawPayload("text/plain; charset=utf-8", raw));
        try {
            return inbound.receive(message);
        } catch (InboundRejected e) {
            log.warn("Chat {}: message {} quarantined: {}", session.id(), externalId, e.getMessage());
            return null;
        }
    }

    // ---- the agents' side -----------------------------------------------------------------------

    Optional<ChatSummary> summary(UUID conversationId) {
        return byConversation(conversationId).map(s -> new ChatSummary(s.id(), s.state(), s.outcome(), s.rating(), s.ratingComment(),
                s.seenAt() != null && s.seenAt().isAfter(clock.instant().minus(ChatStreams.PRESENCE)), s.createdAt(), s.endedAt()));
    }

    void agentTyping(UUID conversationId, String agentName) {
        byConversation(conversationId).filter(s -> !s.ended())
                .ifPresent(s -> bus.publish(ChatSignal.typing(s.id(), conversationId, "agent", agentName)));
    }

    void end(UUID conversationId, String agentName) {
        UUID sessionId = byConversation(conversationId).map(Session::id)
                .orElseThrow(() -> new NotFound("no chat behind conversation " + conversationId));
        transactions.executeWithoutResult(tx -> {
            Session now = lock(sessionId);
            if (now.ended()) {
                return;
            }
            finish(now, "agent_ended", "agent");
            ConversationStatus status = conversations.get(conversationId).status();
            if (status == ConversationStatus.OPEN || status == ConversationStatus.PENDING) {
                conversations.changeStatus(conversationId, ConversationStatus.RESOLVED);
            }
        });
    }

    /**
     * An agent's reply reaching the chat (called by the chat transport): stored as a message from
     * the agent; the first one moves the chat from waiting to with an agent.
     *
     * @return the stored event, empty when the chat has ended
     */
    Optional<ChatEvent> agentMessage(UUID conversationId, UUID messageId, String text, Author author) {
        // Its own transaction: the session row is not held for the rest of the dispatcher's batch, and a
        // failure here cannot roll back sends of other channels. Stored once per message, however often sent.
        return ownTransaction.execute(tx -> {
            Session now = lockByConversation(conversationId).orElse(null);
            if (now == null || now.ended()) {
                return Optional.empty();
            }
            if (!"agent".equals(now.state()) && "agent".equals(author.from())) {
                jdbc.sql("update chat_sessions set state = 'agent' where id = ?").param(now.id()).update();
            }
            return Optional.of(appendSignalled(now, ChatEvent.MESSAGE, author.from(), text,
                    new ChatLog.Data(null, null, null, author.name(), null, null), messageId == null ? null : "outbox:" + messageId).event());
        });
    }

    /** Tells the visitor something that happened on the agents' side (joined, transferred), in their language. */
    void notice(UUID conversationId, String key, String agentName, Object... args) {
        // Only chats already linked to the conversation: routing and assignment at its opening are the hand-off itself,
        // whose own events tell the visitor, not a transfer.
        linkedTo(conversationId).filter(s -> !s.ended()).ifPresent(s -> ownTransaction.executeWithoutResult(tx -> {
            Session now = lock(s.id());
            appendSignalled(now, ChatEvent.NOTICE, "system", texts.get(now.language(), key, args),
                    new ChatLog.Data(null, null, null, agentName, null, key), null);
        }));
    }

    /** Whether nobody can be written to on the conversation's chat: it has ended, or no chat session is behind it. */
    boolean closedFor(UUID conversationId) {
        return byConversation(conversationId).map(Session::ended).orElse(true);
    }

    // ---- shared steps ----------------------------------------------------------------------------

    /** Ends a chat in the caller's transaction: the visitor is told and offered the rating and the transcript. */
    private void finish(Session session, String outcome, String by) {
        jdbc.sql("update chat_sessions set state = 'ended', outcome = ?, ended_at = ? where id = ?")
                .params(outcome, Timestamp.from(clock.instant()), session.id()).update();
        appendSignalled(session, ChatEvent.ENDED, by, texts.get(session.language(), "chat.ended." + by),
                new ChatLog.Data(null, session.conversationId(), List.of("rate", "transcript"), null, null, outcome), null);
    }

    /** Stores an event of a session and signals it when the transaction commits. */
    private ChatLog.Appended appendSignalled(Session session, String type, String from, String text, ChatLog.Data data, String clientId) {
        ChatLog.Appended appended = log_.append(session.id(), type, from, text, data, clientId);
        if (appended.fresh()) {
            UUID conversationId = session.conversationId() != null ? session.conversationId() : data.conversationId();
            bus.publish(ChatSignal.stored(session.id(), conversationId, appended.event()));
        }
        return appended;
    }

    private void store(UUID sessionId, UUID conversationId, String type, String from, String text, ChatLog.Data data) {
        ChatEvent event = log_.append(sessionId, type, from, text, data);
        bus.publish(ChatSignal.stored(sessionId, conversationId, event));
    }

    /**
     * The bot's decisions in a chat, each with its reason, as entries of the customer's timeline on the
     * chat's conversation (written at the hand-off, with the times they were taken).
     */
    private List<CustomerTimeline.Entry> botSteps(List<ChatEvent> events, UUID conversationId) {
        List<CustomerTimeline.Entry> entries = new ArrayList<>();
        for (ChatEvent event : events) {
            String reason = event.reason();
            if (reason == null || !"bot".equals(event.from())) {
                continue;
            }
            String summary;
            ReasonCode detail;
            if (reason.equals("suggested")) {
                String titles = String.join("; ", event.articles().stream().map(ChatEvent.ArticleLink::title).toList());
                summary = texts.get(Language.EN, "bot.timeline.suggested", titles);
                detail = ReasonCode.of("bot.timeline.suggested", titles);
            } else if (reason.equals("no-article") || reason.equals("not-answered")) {
                summary = texts.get(Language.EN, "bot.timeline." + reason);
                detail = ReasonCode.of("bot.timeline." + reason);
            } else if (reason.startsWith("out-of-hours:")) {
                summary = texts.get(Language.EN, "bot.timeline.out-of-hours");
                detail = ReasonCode.of("bot.timeline.out-of-hours");
            } else {
                String[] parts = reason.split(":", 2);
                String said = parts.length > 1 ? parts[1] : "";
                summary = texts.get(Language.EN, "bot.timeline.handoff", texts.get(Language.EN, "bot.reason." + parts[0], said));
                detail = ReasonCode.of("bot.timeline.handoff", ReasonCode.nested(ReasonCode.of("bot.reason." + parts[0], said)));
            }
            entries.add(new CustomerTimeline.Entry(event.at(), "chat.bot", ChannelType.CHAT.code(), summary, conversationId, null, detail));
        }
        return entries;
    }

    private static ChatEvent.ArticleLink link(SearchHit hit) {
        return new ChatEvent.ArticleLink(hit.id(), hit.title(), hit.url(), hit.snippet());
    }

    /** The chat's events before its hand-off to a person: what the hand-off's transcript was written from. */
    List<ChatEvent> beforeHandOff(UUID sessionId) {
        List<ChatEvent> before = new ArrayList<>();
        for (ChatEvent event : log_.all(sessionId)) {
            if (ChatEvent.HANDOFF.equals(event.type())) {
                break;
            }
            before.add(event);
        }
        return before;
    }

    Optional<Session> find(UUID id) {
        return jdbc.sql(SELECT + " where s.id = ?").param(id).query(this::session).optional().map(this::resolved);
    }

    /**
     * The chat behind a conversation: linked at the hand-off, or (before that commits, as when the
     * pipeline's acknowledgement is already on its way) named by the conversation's own chat session.
     */
    private Optional<Session> byConversation(UUID conversationId) {
        return jdbc.sql(BY_CONVERSATION).params(conversationId, conversationId).query(this::session).optional().map(this::resolved);
    }

    /** {@link #byConversation}, its row locked until the caller's transaction ends: one statement. */
    private Optional<Session> lockByConversation(UUID conversationId) {
        return jdbc.sql(SELECT + " where s.id = (select id from (" + BY_CONVERSATION + ") chat) for update")
                .params(conversationId, conversationId).query(this::session).optional().map(this::resolved);
    }

    // One statement for both: the answer to a chat's first message looks before the hand-off has linked it. A session named
    // by another channel (an API's own session id) is no UUID, and names no chat of ours.
    private static final String BY_CONVERSATION = """
            select * from ((select s.*, 0 as linked from chat_sessions s where s.conversation_id = ? order by s.created_at desc limit 1)
                  union all
                  select s.*, 1 from chat_sessions s
                  where s.id = (select case when c.chat_session ~ '^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$'
                                            then c.chat_session::uuid end
                                from conversations c where c.id = ? and c.channel = 'chat')) found
            order by linked limit 1""";

    private Optional<Session> linkedTo(UUID conversationId) {
        return jdbc.sql(SELECT + " where s.conversation_id = ? order by s.created_at desc limit 1").param(conversationId)
                .query(this::session).optional().map(this::resolved);
    }

    /** The session, its row locked until the caller's transaction ends. */
    private Session lock(UUID id) {
        return jdbc.sql(SELECT + " where s.id = ? for update").param(id).query(this::session).optional().map(this::resolved)
                .orElseThrow(() -> new NotFound("no chat " + id));
    }

    private static final String SELECT = "select s.* from chat_sessions s";

    private Session session(ResultSet rs, int n) throws SQLException {
        java.sql.Array shown = rs.getArray("shown_articles");
        Timestamp ended = rs.getTimestamp("ended_at");
        Timestamp seen = rs.getTimestamp("seen_at");
        Integer rating = rs.getObject("rating") == null ? null : rs.getInt("rating");
        return new Session(rs.getObject("id", UUID.class), null,
                rs.getString("name"), rs.getString("email"), rs.getString("phone"),
                Language.parse(rs.getString("language")).orElse(Language.DEFAULT), rs.getString("state"),
                rs.getObject("conversation_id", UUID.class), rs.getInt("unhelpful"),
                shown == null ? List.of() : Arrays.asList((UUID[]) shown.getArray()), rs.getString("outcome"),
                rating, rs.getString("rating_comment"),
                rs.getTimestamp("created_at").toInstant(), ended == null ? null : ended.toInstant(), seen == null ? null : seen.toInstant(),
                rs.getLong("last_seq"), rs.getObject("entry_point_id", UUID.class));
    }

    /** The session with its entry point, looked up after the row is read (never while its connection is held for the read). */
    private Session resolved(Session row) {
        return row.with(entryPoints.get(row.entryPointId()));
    }
}
