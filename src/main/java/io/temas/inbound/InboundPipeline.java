package io.temas.inbound;

import io.temas.channels.Channels;
import io.temas.channels.InboundBounce;
import io.temas.channels.InboundMessage;
import io.temas.channels.InboundRejected;
import io.temas.channels.InboundSink;
import io.temas.channels.Receipt;
import io.temas.conversations.Attachments;
import io.temas.conversations.Citations;
import io.temas.conversations.Conversation;
import io.temas.conversations.Conversations;
import io.temas.conversations.MessageReceived;
import io.temas.conversations.NewConversation;
import io.temas.conversations.NewMessage;
import io.temas.customers.Customer;
import io.temas.customers.CustomerTimeline;
import io.temas.customers.Customers;
import io.temas.customers.IdentityResolver;
import io.temas.platform.ClosingWrites;
import io.temas.platform.GenericPlans;
import io.temas.platform.StorageLimits;
import io.temas.routing.Agent;
import io.temas.routing.Assigner;
import io.temas.routing.EntryPoint;
import io.temas.routing.EntryPoints;
import io.temas.routing.Queues;
import io.temas.routing.RoutingDecision;
import io.temas.routing.EtaEstimator;
import io.temas.shared.ReasonCode;
import io.temas.routing.RoutingEngine;
import io.temas.routing.RoutingInput;
import io.temas.routing.SlaClock;
import io.temas.shared.Identifier;
import io.temas.shared.Language;
import io.temas.shared.Refusal;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a message through receive, identify, thread, attribute, route, assign, acknowledge and
 * record, in one transaction: the sender (an HTTP caller, an IMAP fetcher) is told the message
 * is taken only once everything is committed. Messages arriving together share a transaction and
 * its commit ({@link InboundLanes}); a message that fails runs again alone and, failing again, is
 * quarantined with its raw payload and the reason.
 */
@Service
public class InboundPipeline implements InboundSink, InboundLanes.Work {

    private static final Logger log = LoggerFactory.getLogger(InboundPipeline.class);
    private static final int ATTEMPTS = 3;
    /** How much of a message the timeline's summary of it keeps. */
    private static final int SUMMARY = 140;

    private final TransactionTemplate transactions;
    private final Receiver receiver;
    private final IdentityResolver identities;
    private final Customers customers;
    private final Threader threader;
    private final Conversations conversations;
    private final Citations citations;
    private final Attachments attachments;
    private final EntryPoints entryPoints;
    private final RoutingEngine routing;
    private final Queues queues;
    private final Assigner assigner;
    private final SlaClock sla;
    private final Acknowledger acknowledger;
    private final RetirementNotices retirement;
    private final AutomaticReplies replies;
    private final CustomerTimeline timeline;
    private final Quarantine quarantine;
    private final List<InboundAttribution> attributions;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Channels channels;
    private final PipelineMeters meters;
    private final InboundLanes lanes;
    private final JdbcClient jdbc;
    private final boolean genericPlans;

    InboundPipeline(TransactionTemplate transactions, Receiver receiver, IdentityResolver identities, Customers customers,
                    Threader threader, Conversations conversations, Citations citations, Attachments attachments, EntryPoints entryPoints, RoutingEngine routing, Queues queues,
                    Assigner assigner, SlaClock sla, Acknowledger acknowledger, RetirementNotices retirement, AutomaticReplies replies,
                    CustomerTimeline timeline, Quarantine quarantine,
                    List<InboundAttribution> attributions, ApplicationEventPublisher events, Clock clock, Channels channels,
                    PipelineSettings settings, MeterRegistry meterRegistry, JdbcClient jdbc) {
        this.channels = channels;
        this.jdbc = jdbc;
        this.genericPlans = settings.genericPlans();
        this.transactions = transactions;
        this.receiver = receiver;
        this.identities = identities;
        this.customers = customers;
        this.threader = threader;
        this.conversations = conversations;
        this.citations = citations;
        this.attachments = attachments;
        this.entryPoints = entryPoints;
        this.routing = routing;
        this.queues = queues;
        this.assigner = assigner;
        this.sla = sla;
        this.acknowledger = acknowledger;
        this.retirement = retirement;
        this.replies = replies;
        this.timeline = timeline;
        this.quarantine = quarantine;
        this.attributions = List.copyOf(attributions);
        this.events = events;
        this.clock = clock;
        this.meters = new PipelineMeters(meterRegistry);
        this.lanes = settings.batching() ? new InboundLanes(settings.lanes(), settings.batchMax(), settings.maxWaiting(), this::laneKey, this,
                meterRegistry)
                : null;
    }

    /** Messages waiting for their lane to take them (0 without batching). */
    int queued() {
        return lanes == null ? 0 : lanes.queued();
    }

    /** Lets the lanes commit what they hold before the database goes. */
    @PreDestroy
    void close() {
        if (lanes != null) {
            lanes.close(Duration.ofSeconds(30));
        }
    }

    /**
     * Takes one message, answering once it is committed. A caller inside a transaction of its own gets the message
     * processed in that transaction, as part of its work; any other caller's message joins its lane's next batch.
     *
     * @throws InboundRejected when it could not be processed; its raw payload is then quarantined
     */
    @Override
    public Receipt receive(InboundMessage message) {
        Receipt receipt;
        try {
            if (lanes == null || TransactionSynchronizationManager.isActualTransactionActive()) {
                receipt = alone(message);
            } else {
                ahead(message);
                receipt = lanes.submit(message);
            }
        } catch (InboundRejected e) {
            meters.count(message.channel(), PipelineMeters.Outcome.QUARANTINED);
            throw e;
        } catch (CannotCreateTransactionException | TransientDataAccessException | DataAccessResourceFailureException e) {
            meters.count(message.channel(), PipelineMeters.Outcome.BUSY);
            throw e;
        }
        meters.count(message.channel(), receipt.duplicate() ? PipelineMeters.Outcome.DUPLICATE : PipelineMeters.Outcome.TAKEN);
        return receipt;
    }

    /**
     * Lets the attribution steps do, before the message queues for its lane, what must not wait behind the queue
     * ({@link InboundAttribution#ahead}). Only for senders their channel verified: an unverified form must not speak
     * for the customer whose address somebody typed. A failure here loses nothing; the step runs again in the pipeline.
     */
    private void ahead(InboundMessage message) {
        if (attributions.isEmpty() || message.automation().isAutomated() || channels.identifiersUnverified(message.channel())) {
            return;
        }
        try {
            Optional<EntryPoint> entryPoint = entryPoints.find(message.entryPoint(), message.channel());
            var arrival = new InboundAttribution.Arrival(message, entryPoint.map(EntryPoint::campaign).orElse(null),
                    entryPoint.map(EntryPoint::medium).orElse(null));
            for (InboundAttribution attribution : attributions) {
                attribution.ahead(arrival);
            }
        } catch (RuntimeException e) {
            log.warn("Inbound {} {}: the early attribution failed, the pipeline does it: {}", message.channel().code(),
                    abbreviated(message.externalId()), e.toString());
        }
    }

    @Override
    public List<Receipt> together(List<InboundMessage> batch) {
        return committed(batch, writes -> {
            List<Receipt> receipts = new ArrayList<>(batch.size());
            for (InboundMessage message : batch) {
                receipts.add(process(message, writes));
            }
            writes.flush();
            return receipts;
        });
    }

    /**
     * Runs the work on the messages in a transaction of its own (or the caller's), timing the commit apart from the steps. Its
     * first statement takes every identifier lock the messages will need, first and in order, and creates the customers of
     * senders nobody knows (see {@link IdentityResolver#lockAhead}), stores the messages' receipts ({@link Receiver#storeAll}),
     * handed to the work, and in a transaction of its own sets the transaction's plans ({@link GenericPlans}).
     */
    private <T> T committed(List<InboundMessage> messages, java.util.function.Function<Writes, T> work) {
        List<Identifier> senders = messages.stream().flatMap(m -> m.sender().identifiers().stream()).toList();
        java.util.Map<InboundMessage, Optional<Language>> recognised = new java.util.IdentityHashMap<>();
        List<IdentityResolver.Newcomer> newcomers = new ArrayList<>(messages.size());
        for (InboundMessage message : messages) {
            Optional<Language> guess = message.language() == null ? LanguageGuesser.guess(join(message.subject(), message.text()))
                    : Optional.empty();
            recognised.put(message, guess);
            boolean unverified = channels.identifiersUnverified(message.channel());
            newcomers.add(new IdentityResolver.Newcomer(message.channel().code(), message.externalId(),
                    unverified ? answeredOnFirst(message.sender()) : message.sender().identifiers(),
                    unverified, message.sender().name(), message.language(), guess.orElse(null)));
        }
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return transactions.execute(tx -> work.apply(new Writes(identities.lockAhead(senders, newcomers,
                    locks -> receiver.storeAll(messages, locks, null)), recognised)));
        }
        PlatformTransactionManager manager = java.util.Objects.requireNonNull(transactions.getTransactionManager());
        TransactionStatus status = manager.getTransaction(transactions);
        T result;
        try {
            result = work.apply(new Writes(identities.lockAhead(senders, newcomers,
                    locks -> receiver.storeAll(messages, locks, genericPlans ? GenericPlans.SETTINGS : null)), recognised));
        } catch (RuntimeException | Error e) {
            manager.rollback(status);
            throw e;
        }
        long start = System.nanoTime();
        manager.commit(status);
        meters.time(PipelineMeters.Step.COMMIT, System.nanoTime() - start);
        return result;
    }

    @Override
    public Receipt alone(InboundMessage message) {
        for (int attempt = 1; ; attempt++) {
            try {
                return committed(List.of(message), writes -> {
                    Receipt receipt = process(message, writes);
                    writes.flush();
                    return receipt;
                });
            } catch (PessimisticLockingFailureException e) {
                if (attempt == ATTEMPTS) {
                    throw reject(message, "kept colliding with concurrent work: " + e.getMostSpecificCause().getMessage(), false, e);
                }
            } catch (Refusal e) {
                throw reject(message, e.getMessage(), true, e);
            } catch (CannotCreateTransactionException | TransientDataAccessException | DataAccessResourceFailureException e) {
                // No connection, or the database briefly away: nothing is wrong with the message. Its sender is told to
                // send it again (the API answers 503 with Retry-After, a mailbox keeps it unflagged); nothing was kept.
                throw e;
            } catch (RuntimeException e) {
                if (StorageLimits.exceededBy(e)) {
                    // The message itself cannot be stored (a NUL in its text, an id longer than an index allows): sending it again
                    // cannot help, so it is refused as bad input; the SQL stays in the log.
                    log.warn("Inbound {} {} cannot be stored: {}", message.channel().code(), abbreviated(message.externalId()),
                            e.getMessage());
                    throw reject(message, "a value of the message is too long or holds characters that cannot be stored", true, e);
                }
                log.error("Inbound {} {} failed", message.channel().code(), message.externalId(), e);
                throw reject(message, e.getClass().getSimpleName() + ": " + e.getMessage(), false, e);
            }
        }
    }

    @Override
    public boolean received(io.temas.shared.ChannelType channel, String externalId) {
        return receiver.seen(channel.code(), externalId);
    }

    @Override
    public InboundRejected reject(String channel, String entryPoint, String externalId, String reason, String contentType, byte[] raw) {
        return new InboundRejected(reason, quarantine.keep(channel, entryPoint, externalId, reason, contentType, raw), true, null);
    }

    @Override
    public java.util.UUID rejectUnauthenticated(String channel, String reason, String contentType, byte[] head, boolean truncated) {
        return quarantine.keepUnauthenticated(channel, reason, contentType, head, truncated);
    }

    @Override
    public boolean bounced(InboundBounce bounce) {
        return Boolean.TRUE.equals(transactions.execute(tx -> {
            if (!receiver.store(bounce)) {
                return false;
            }
            for (String recipient : bounce.recipients()) {
                customers.findByIdentifier(recipient).ifPresent(customer -> {
                    if (bounce.permanent()) {
                        customers.markUndeliverable(customer.id(), Identifier.email(recipient), bounce.reason());
                    }
                    timeline.record(customer.id(), List.of(new CustomerTimeline.Entry(bounce.receivedAt(), "email.bounced",
                            bounce.channel().code(), (bounce.permanent() ? "Mail to " + recipient + " cannot be delivered: "
                            : "Mail to " + recipient + " is delayed: ") + bounce.reason(), null, null,
                            ReasonCode.of(bounce.permanent() ? "timeline.email.bounced.detail" : "timeline.email.delayed.detail",
                                    recipient, bounce.reason()))));
                });
            }
            return true;
        }));
    }

    private static String abbreviated(String value) {
        return value == null || value.length() <= 200 ? value : value.substring(0, 200) + "…";
    }

    private InboundRejected reject(InboundMessage message, String reason, boolean badInput, Throwable cause) {
        return new InboundRejected(reason, quarantine.keep(message.channel().code(), message.entryPoint(), message.externalId(), reason,
                message.raw().contentType(), message.raw().bytes()), badInput, cause);
    }

    /** The sender's identifier that decides whose message it is, as identity resolution spells it: one customer, one lane. */
    private String laneKey(InboundMessage message) {
        try {
            for (Identifier identifier : answeredOnFirst(message.sender())) {
                Optional<String> canonical = identities.canonical(identifier);
                if (canonical.isPresent()) {
                    return canonical.get();
                }
            }
        } catch (RuntimeException unusable) {
            // The pipeline says what is wrong with it; any lane will do.
        }
        return message.externalId() == null ? "" : message.externalId();
    }

    /** The sender's identifiers, the one they are answered on first (it decides whose message an unverified one is). */
    private static List<io.temas.shared.Identifier> answeredOnFirst(InboundMessage.Sender sender) {
        List<io.temas.shared.Identifier> identifiers = new ArrayList<>(sender.identifiers());
        identifiers.stream().filter(i -> i.value() != null && i.value().equalsIgnoreCase(sender.replyAddress())).findFirst()
                .ifPresent(i -> {
                    identifiers.remove(i);
                    identifiers.addFirst(i);
                });
        return identifiers;
    }

    /**
     * What the messages of one transaction write together: their receipts first, in the statement that takes the
     * transaction's locks ({@link Receiver#storeAll}); what they write last before the commit, their automatic replies' messages and sends
     * ({@link AutomaticReplies#flushInto}), their timeline entries ({@link CustomerTimeline#recordLater}) and their receipts'
     * completion, together in one statement ({@link ClosingWrites}) instead of one of each per message.
     * A repeat of a message of the same transaction finds its result here.
     */
    private final class Writes {

        private final java.util.Map<InboundMessage, UUID> stored;
        /** The language each message's text was recognised to be in, where it states none. */
        private final java.util.Map<InboundMessage, Optional<Language>> recognised;
        private final java.util.Map<UUID, Receipt> receipts = new java.util.LinkedHashMap<>();
        private final java.util.Map<String, Receipt> byExternalId = new java.util.HashMap<>();
        /** The queues this transaction found no agent with room in, for its next openings and joins. */
        private final Assigner.FullQueues full = new Assigner.FullQueues();

        /**
         * @param stored     the receipts already stored for messages of this transaction, by message
         * @param recognised the language each message's text was recognised to be in, where it states none
         */
        Writes(java.util.Map<InboundMessage, UUID> stored, java.util.Map<InboundMessage, Optional<Language>> recognised) {
            this.stored = stored;
            this.recognised = recognised;
        }

        /**
         * Stores the message's receipt, unless it was stored with the batch's: its id, or the earlier result. A receipt stored
         * ahead is taken once (the same message handed in twice is a repeat the second time).
         */
        Receiver.Outcome receive(InboundMessage message) {
            UUID receipt = stored.remove(message);
            return receipt != null ? new Receiver.Outcome.Fresh(receipt) : receiver.store(message);
        }

        void add(InboundMessage message, UUID receiptId, Receipt receipt) {
            receipts.put(receiptId, receipt);
            byExternalId.put(message.channel().code() + "\n" + message.externalId(), receipt);
        }

        /** A message of this transaction with the same external id, whose receipt is not completed yet. */
        Optional<Receipt> taken(InboundMessage message) {
            return Optional.ofNullable(byExternalId.get(message.channel().code() + "\n" + message.externalId()));
        }

        void flush() {
            long start = System.nanoTime();
            ClosingWrites closing = new ClosingWrites();
            replies.flushInto(closing);
            timeline.flushInto(closing);
            receiver.completionInto(receipts, closing);
            closing.run(jdbc);
            meters.time(PipelineMeters.Step.WRITE, System.nanoTime() - start);
        }
    }

    private Receipt process(InboundMessage message, Writes writes) {
        PipelineMeters.Laps laps = meters.laps();
        Receiver.Outcome received = writes.receive(message);
        laps.step(PipelineMeters.Step.RECEIVE);
        if (received instanceof Receiver.Outcome.Seen seen) {
            // A repeat of a message earlier in this transaction: its receipt is completed at the end.
            return seen.earlier().messageId() != null ? seen.earlier() : writes.taken(message)
                    .map(first -> new Receipt(first.messageId(), first.conversationId(), first.customerId(), true))
                    .orElse(seen.earlier());
        }
        Receiver.Outcome.Fresh fresh = (Receiver.Outcome.Fresh) received;
        Instant now = clock.instant();
        List<CustomerTimeline.Entry> record = new ArrayList<>();

        Optional<Language> recognised = writes.recognised.get(message);
        // Anybody can type anybody's address into a form or a chat: its identifiers never join two customers. What their
        // messages are written in stands in for a language nobody chose (see Customer#preferredLanguage); resolution notes
        // it on the profile, a new one's or a known one's.
        IdentityResolver.Resolution who = channels.identifiersUnverified(message.channel())
                ? identities.resolveUnverified(answeredOnFirst(message.sender()), message.sender().name(), message.language(),
                recognised.orElse(null))
                : identities.resolve(message.sender().identifiers(), message.sender().name(), message.language(), recognised.orElse(null));
        Customer customer = who.profile();
        Language language = Optional.ofNullable(message.language())
                .or(() -> recognised)
                .or(customer::preferredLanguage)
                .orElse(Language.DEFAULT);
        laps.step(PipelineMeters.Step.IDENTIFY);

        Threader.Outcome threading = threader.find(message, customer.id().value(), who.created());
        laps.step(PipelineMeters.Step.THREAD);
        Optional<Threader.Match> match = threading.match();
        NewMessage inbound = NewMessage.inbound(null, message.channel(), message.externalId(),
                message.threading().headerId(), message.sender().replyAddress(), message.entryPoint(), message.subject(), message.text(),
                message.html(), language.code(), message.receivedAt());
        Conversation conversation;
        UUID messageId;
        boolean opened = match.isEmpty();
        Opened started = null;
        if (opened) {
            started = open(message, inbound, customer, who.created(), firstHeard(who, message.sender()), language, now, record,
                    writes.full);
            Conversation citing = started.conversation();
            threading.cited().ifPresent(cited -> cite(citing, cited, message, now, record));
            conversation = citing;
            messageId = started.messageId();
        } else {
            conversation = match.get().conversation();
            // Joining may reopen the conversation and promise it anew: its queue's promise is read again.
            writes.full.promisesMoved(conversation.queueId(), conversation.channel());
            messageId = conversations.add(inbound.in(conversation.id()));
        }
        attachments.store(messageId, message.attachments());
        laps.step(PipelineMeters.Step.OPEN);
        record.add(new CustomerTimeline.Entry(message.receivedAt(), "message.received", message.channel().code(),
                summary(message) + (opened ? "" : " (joined " + conversation.reference() + ": " + match.get().how() + ")"),
                conversation.id(), messageId, opened ? ReasonCode.of("timeline.message.received.detail", said(message))
                : ReasonCode.of("timeline.message.received.joined.detail", said(message), conversation.reference(),
                ReasonCode.nested(match.get().why()))));
        if (!attributions.isEmpty()) {
            Optional<EntryPoint> entryPoint = entryPoints.find(message.entryPoint(), message.channel());
            var context = new InboundAttribution.Context(message, customer.id(), conversation.id(), messageId,
                    entryPoint.map(EntryPoint::campaign).orElse(null), entryPoint.map(EntryPoint::medium).orElse(null), now);
            for (InboundAttribution attribution : attributions) {
                record.addAll(attribution.attribute(context));
            }
        }
        laps.step(PipelineMeters.Step.ATTRIBUTE);

        Acknowledger.Outcome ack;
        if (opened) {
            // Assigned and acknowledged as it was stored: only the timeline and the acknowledgement itself are left.
            if (conversation.queueId() != null) {
                recordAssignment(conversation, started.agent(), now, record);
            }
            laps.step(PipelineMeters.Step.ASSIGN);
            ack = acknowledger.send(started.ack(), message, conversation, language, customer.displayName(), now);
        } else {
            boolean assigned = conversation.assigneeId() != null;
            Conversation handled = conversation;
            if (!assigned && conversation.queueId() != null) {
                Optional<Agent> agent = assigner.assign(conversation, writes.full);
                recordAssignment(conversation, agent, now, record);
                assigned = agent.isPresent();
                if (assigned) {
                    handled = conversation.assignedTo(agent.get().id());
                }
            }
            laps.step(PipelineMeters.Step.ASSIGN);
            ack = acknowledger.acknowledge(message, handled, language, customer.displayName(), assigned, now);
        }
        record.add(ack.messageId() != null
                ? new CustomerTimeline.Entry(now, "ack.queued", message.channel().code(),
                "Acknowledged in " + language.code() + ", answer promised by " + ack.eta().localBy()
                        + (ack.eta().beyondSla() ? ", later than the SLA, told it may take longer than usual" : "")
                        + " (" + ack.eta().basis() + ")",
                conversation.id(), ack.messageId(), promised(language, ack.eta()))
                : new CustomerTimeline.Entry(now, "ack.skipped", message.channel().code(), "No acknowledgement: " + ack.reason(),
                conversation.id(), messageId, ack.why()));
        retirement.notify(message, conversation, language, customer.displayName(), now).ifPresent(notice -> record.add(
                new CustomerTimeline.Entry(now, "entry-point.retiring", message.channel().code(), notice.summary(), conversation.id(),
                        notice.messageId(), notice.why())));
        laps.step(PipelineMeters.Step.ACKNOWLEDGE);

        timeline.recordLater(customer.id(), record);
        Receipt receipt = new Receipt(messageId, conversation.id(), customer.id().value(), false);
        writes.add(message, fresh.receiptId(), receipt);
        events.publishEvent(new MessageReceived(messageId, conversation.id(), customer.id().value(), message.channel(), message.entryPoint(),
                message.subject(), message.text(), language.code()));
        laps.step(PipelineMeters.Step.RECORD);
        return receipt;
    }

    /**
     * A conversation the message opened, the message as stored in it, the agent it was given to, and its acknowledgement as
     * decided before it was stored.
     */
    private record Opened(Conversation conversation, UUID messageId, Optional<Agent> agent, Acknowledger.Plan ack) {
    }

    /**
     * Whether the message's reply address became known with it: it is one of the sender's identifiers, and the customer the
     * message created holds it (not left out as over its type's limit, or held by someone else).
     */
    private boolean firstHeard(IdentityResolver.Resolution who, InboundMessage.Sender sender) {
        if (!who.created() || sender.replyAddress() == null) {
            return false;
        }
        String reply = sender.replyAddress().strip();
        return sender.identifiers().stream().filter(i -> i.value() != null && i.value().strip().equalsIgnoreCase(reply))
                .anyMatch(i -> identities.firstHeard(who, i));
    }

    private Opened open(InboundMessage message, NewMessage first, Customer customer, boolean customerIsNew, boolean addressFirstHeard,
                        Language language, Instant now, List<CustomerTimeline.Entry> record, Assigner.FullQueues full) {
        Optional<EntryPoint> entryPoint = entryPoints.find(message.entryPoint(), message.channel());
        RoutingDecision decision = routing.decide(new RoutingInput(message.channel(), message.entryPoint(), language, message.subject(),
                message.text(), customer.segments(), customer.vip()));
        SlaClock.Due due = sla.due(message.channel(), decision.priority(), decision.queueId(), message.receivedAt());
        // Routed, scheduled, assigned and acknowledged as it is opened: one insert, not an insert and four updates of the new row.
        // The queue's latest promise, which a conversation nobody takes is promised after, is read with the agents' loads.
        Assigner.ForNew choice = assigner.chooseForNew(decision.queueId(), message.channel(), decision.skills(), full);
        Optional<Agent> agent = choice.agent();
        UUID assignee = agent.map(Agent::id).orElse(null);
        Acknowledger.Plan ack = acknowledger.plan(message, decision.queueId(), decision.skills(), assignee, due.firstResponse(), now,
                addressFirstHeard, choice.promised());
        Instant promisedBy = ack.promise() == null ? null : ack.promise().by();
        Conversations.Started stored = conversations.open(new NewConversation(customer.id().value(), message.channel(),
                entryPoint.map(EntryPoint::address).orElse(message.entryPoint()), message.subject(), language,
                message.threading().chatSession(), customerIsNew, entryPoint.map(EntryPoint::campaign).orElse(null),
                entryPoint.map(EntryPoint::medium).orElse(null), message.receivedAt()),
                new Conversations.Routed(decision.queueId(), decision.skills(), decision.priority(), decision.rule(), decision.reason(),
                        decision.why(), due.firstResponse(), due.resolution()),
                new Conversations.Opening(assignee, now, promisedBy == null ? null : now, promisedBy), first);
        Conversation conversation = stored.conversation();
        full.opened(decision.queueId(), message.channel(), promisedBy);
        record.add(new CustomerTimeline.Entry(now, "conversation.opened", message.channel().code(),
                "Conversation " + conversation.reference() + " opened via " + message.entryPoint()
                        + (customerIsNew ? " (new customer)" : " (known customer)")
                        + entryPoint.filter(e -> e.campaign() != null).map(e -> "; campaign " + e.campaign() + ", medium " + e.medium()).orElse(""),
                conversation.id(), null, entryPoint.filter(e -> e.campaign() != null)
                .map(e -> ReasonCode.of("timeline.conversation.opened.campaign.detail", conversation.reference(), message.entryPoint(),
                        ReasonCode.key(customerIsNew ? "timeline.customer.new" : "timeline.customer.known"), e.campaign(), e.medium()))
                .orElse(ReasonCode.of("timeline.conversation.opened.detail", conversation.reference(), message.entryPoint(),
                        ReasonCode.key(customerIsNew ? "timeline.customer.new" : "timeline.customer.known")))));
        String queue = queues.get(decision.queueId()).name();
        record.add(new CustomerTimeline.Entry(now, "conversation.routed", message.channel().code(),
                "Routed to " + queue + " by " + decision.rule() + ": " + decision.reason(),
                conversation.id(), null, ReasonCode.of("timeline.conversation.routed.detail", queue, ruleSaid(decision))
                .then(List.of(decision.why()))));
        return new Opened(conversation, stored.messageId(), agent, ack);
    }

    /** Links the new conversation to the one its subject named; the console flags it for the agent. */
    private void cite(Conversation conversation, Conversation cited, InboundMessage message, Instant now,
                      List<CustomerTimeline.Entry> record) {
        citations.record(conversation.id(), cited.id());
        record.add(new CustomerTimeline.Entry(now, "conversation.cites", message.channel().code(),
                "Subject names " + cited.reference() + ", but the sender is not on it: opened " + conversation.reference()
                        + " apart, linked to " + cited.reference(), conversation.id(), null,
                ReasonCode.of("timeline.conversation.cites.detail", cited.reference(), conversation.reference())));
    }

    private static void recordAssignment(Conversation conversation, Optional<Agent> agent, Instant now, List<CustomerTimeline.Entry> record) {
        record.add(new CustomerTimeline.Entry(now, agent.isPresent() ? "conversation.assigned" : "conversation.waiting",
                conversation.channel().code(), agent.map(a -> "Assigned to " + a.displayName())
                .orElse("Waiting in queue: no qualified agent with spare capacity"), conversation.id(), null,
                agent.map(a -> ReasonCode.of("timeline.conversation.assigned.detail", a.displayName()))
                        .orElse(ReasonCode.of("timeline.conversation.waiting.detail"))));
    }

    /** The message as the timeline says it: its subject or text, or (with neither) a word from the bundles. */
    private static String said(InboundMessage message) {
        String text = message.subject() != null && !message.subject().isBlank() ? message.subject() : message.text();
        return text == null ? ReasonCode.key("timeline.message.noText") : summary(message);
    }

    /** The name of what routed, as an argument: a rule's name as written, the engine's own from the bundles. */
    private static String ruleSaid(RoutingDecision decision) {
        return switch (decision) {
            case RoutingDecision.RuleMatched m -> m.rule();
            case RoutingDecision.EntryPointQueue e -> ReasonCode.key("routing.rule.entryPoint");
            case RoutingDecision.Fallback f -> ReasonCode.key("routing.rule.fallback");
        };
    }

    /** The promise an acknowledgement made, and how it was worked out, in the reader's language. */
    private static ReasonCode promised(Language language, EtaEstimator.Eta eta) {
        return ReasonCode.of(eta.beyondSla() ? "timeline.ack.queued.late.detail" : "timeline.ack.queued.detail",
                ReasonCode.key("admin.language." + language.code()), ReasonCode.at(eta.by())).then(eta.why());
    }

    private static String summary(InboundMessage message) {
        String text = message.subject() != null && !message.subject().isBlank() ? message.subject() : message.text();
        return text == null ? "Message" : summary(text);
    }

    /**
     * The text stripped, each run of whitespace ({@code \s+}) made one space, and cut at 140 characters with an
     * ellipsis; read only as far as the cut, where a long mail's whole body through a regular expression cost more.
     */
    static String summary(String text) {
        String stripped = text.strip();
        StringBuilder out = new StringBuilder(Math.min(stripped.length(), SUMMARY + 1));
        boolean space = false;
        for (int i = 0; i < stripped.length() && out.length() <= SUMMARY; i++) {
            char c = stripped.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r') {
                space = true;
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }
        return out.length() > SUMMARY ? out.substring(0, SUMMARY) + "…" : out.toString();
    }

    private static String join(String a, String b) {
        return (a == null ? "" : a) + "\n" + (b == null ? "" : b);
    }

}
