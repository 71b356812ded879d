package io.temas.inbound;

import io.temas.channels.Channels;
import io.temas.channels.InboundMessage;
import io.temas.channels.ReplyAddress;
import io.temas.channels.Outbox;
import io.temas.conversations.Conversation;
import io.temas.conversations.Conversations;
import io.temas.customers.Customers;
import io.temas.routing.EntryPoints;
import io.temas.routing.ReplyOptions;
import io.temas.shared.Identifier;
import io.temas.routing.EtaEstimator;
import io.temas.shared.ChannelType;
import io.temas.shared.Language;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Acknowledge: answers on the message's own channel, in the customer's language, with the time
 * the team will answer by. The acknowledgement is a message of its conversation and leaves
 * through the outbox; where it goes and from which address is {@link AutomaticReplies}' choice (a
 * web form is acknowledged by e-mail or SMS to the address it left, {@link ReplyOptions#reachBack}).
 */
@Component
class Acknowledger {

    /** What was done: the ack message's id, or why none was sent (in English, and as a code when there is one). */
    record Outcome(UUID messageId, String reason, EtaEstimator.Eta eta, io.temas.shared.ReasonCode why) {
    }

    private final AckPolicy policy;
    private final AckTemplates templates;
    private final EtaEstimator eta;
    private final Conversations conversations;
    private final AutomaticReplies replies;
    private final OrganisationName organisation;
    private final java.util.List<AckAddition> additions;

    Acknowledger(AckTemplates templates, EtaEstimator eta, Conversations conversations, EntryPoints entryPoints, Outbox outbox,
                 Customers customers, InboundSettings settings, Channels channels, AutomaticReplies replies,
                 OrganisationName organisation, java.util.List<AckAddition> additions) {
        this.additions = java.util.List.copyOf(additions);
        this.replies = replies;
        this.organisation = organisation;
        this.policy = new AckPolicy(settings, new AckPolicy.Addresses() {
            @Override
            public boolean isOurs(String address) {
                return entryPoints.isOurs(address);
            }

            @Override
            public boolean isUndeliverable(String address, ChannelType channel) {
                boolean mail = ChannelType.EMAIL.equals(channel)
                        || channels.of(channel).replyAddress() == ReplyAddress.CONTACT && address.contains("@");
                return mail && customers.isUndeliverable(Identifier.email(address));
            }

            @Override
            public int acksSince(String address, Instant since) {
                return outbox.countTo(address, "ack", since);
            }
        });
        this.templates = templates;
        this.eta = eta;
        this.conversations = conversations;
    }

    /**
     * Whether a new conversation will be acknowledged, and the promise, decided before it is stored so that it is stored
     * with them ({@link io.temas.conversations.Conversations.Opening}); {@link #send} then queues the acknowledgement.
     *
     * @param assigneeId the agent it will be stored assigned to, or null while it waits
     * @param firstHeard whether its reply address became known with it (see {@link AckPolicy#decide(InboundMessage, Instant, Instant, boolean)})
     * @param promised   the queue's latest promise as the choice of an agent read it, or null
     */
    Plan plan(InboundMessage message, UUID queueId, java.util.List<String> skills, UUID assigneeId, Instant firstResponseDue,
              Instant now, boolean firstHeard, io.temas.conversations.Workload.Promised promised) {
        AckDecision decision = policy.decide(message, null, now, firstHeard);
        if (decision instanceof AckDecision.Skip) {
            return new Plan(decision, null);
        }
        return new Plan(decision, eta.estimateOpening(queueId, message.channel(), skills, assigneeId, firstResponseDue, now, promised));
    }

    /** An acknowledgement decided for a conversation before it was stored: to send with {@code promise}, or skipped. */
    record Plan(AckDecision decision, EtaEstimator.Eta promise) {
    }

    /** Acknowledges a message of a conversation already stored, and records the acknowledgement and its promise on it. */
    Outcome acknowledge(InboundMessage message, Conversation conversation, Language language, String customerName, boolean assigned,
                        Instant now) {
        AckDecision decision = policy.decide(message, conversation.lastAckAt(), now);
        if (decision instanceof AckDecision.Skip skip) {
            return new Outcome(null, skip.reason(), null, skip.why());
        }
        // The conversation as routing, the SLA clock and assignment left it in this transaction (the caller carries it).
        EtaEstimator.Eta promise = eta.estimate(conversation.queueId(), message.channel(), conversation.requiredSkills(),
                assigned ? conversation.assigneeId() : null,
                conversation.firstRespondedAt() == null ? conversation.firstResponseDue() : null, now);
        Outcome outcome = send(new Plan(decision, promise), message, conversation, language, customerName, now);
        conversations.acknowledged(conversation.id(), now, promise.by());
        return outcome;
    }

    /** Queues the acknowledgement as planned (nothing for a skipped one); the conversation already records it. */
    Outcome send(Plan plan, InboundMessage message, Conversation conversation, Language language, String customerName, Instant now) {
        if (plan.decision() instanceof AckDecision.Skip skip) {
            return new Outcome(null, skip.reason(), null, skip.why());
        }
        EtaEstimator.Eta promise = plan.promise();
        AutomaticReplies.Route route = replies.route(message, conversation);
        AckTemplates.Rendered rendered = templates.render(language, route.shape(), customerName, conversation.reference(),
                message.subject(), promise, now.atZone(promise.zone()), organisation.signature(language));
        String body = withAdditions(rendered.body(), organisation.signature(language), conversation, message.channel(), language);
        UUID messageId = replies.send(message, conversation, route, "ack", rendered.subject(), body, language, now);
        return new Outcome(messageId, plan.decision().reason(), promise, null);
    }

    /** The body with other modules' paragraphs (the offer of a callback) before the signature, when it ends with one. */
    private String withAdditions(String body, String signature, Conversation conversation, io.temas.shared.ChannelType channel,
                                 Language language) {
        StringBuilder paragraphs = new StringBuilder();
        for (AckAddition addition : additions) {
            addition.paragraph(conversation, channel, language).filter(p -> !p.isBlank()).ifPresent(p -> paragraphs.append(p.strip()).append("\n\n"));
        }
        if (paragraphs.isEmpty()) {
            return body;
        }
        String sign = signature == null ? "" : signature.strip();
        String text = body.stripTrailing();
        if (!sign.isEmpty() && text.endsWith(sign)) {
            return text.substring(0, text.length() - sign.length()).stripTrailing() + "\n\n" + paragraphs + sign;
        }
        return text + "\n\n" + paragraphs.toString().stripTrailing();
    }
}
