package io.temas.inbound;

import io.temas.channels.Channels;
import io.temas.channels.InboundMessage;
import io.temas.channels.OutboundMessage;
import io.temas.channels.ReplyAddress;
import io.temas.channels.Outbox;
import io.temas.conversations.Conversation;
import io.temas.conversations.Conversations;
import io.temas.conversations.Message;
import io.temas.conversations.NewMessage;
import io.temas.conversations.References;
import io.temas.customers.Customers;
import io.temas.routing.EntryPoints;
import io.temas.routing.ReplyOptions;
import io.temas.shared.Identifier;
import io.temas.routing.EtaEstimator;
import io.temas.shared.ChannelType;
import io.temas.shared.Language;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Acknowledge: answers on the message's own channel, in the customer's language, with the time
 * the team will answer by. The acknowledgement is a message of its conversation and leaves
 * through the outbox. A channel answered on the address the customer left (a web form) is
 * acknowledged by e-mail to that address, or by SMS to the number, from the entry point or the
 * queue's mailbox ({@link ReplyOptions#reachBack}); the message is then an e-mail (or SMS) of the
 * web-form conversation, threaded so that the customer's answer joins it.
 */
@Component
class Acknowledger {

    /** What was done: the ack message's id, or why none was sent. */
    record Outcome(UUID messageId, String reason, EtaEstimator.Eta eta) {
    }

    private final AckPolicy policy;
    private final AckTemplates templates;
    private final EtaEstimator eta;
    private final Conversations conversations;
    private final EntryPoints entryPoints;
    private final Outbox outbox;
    private final InboundSettings settings;
    private final Channels channels;
    private final ReplyOptions replyOptions;
    private final OrganisationName organisation;

    Acknowledger(AckTemplates templates, EtaEstimator eta, Conversations conversations, EntryPoints entryPoints, Outbox outbox,
                 Customers customers, InboundSettings settings, Channels channels, ReplyOptions replyOptions,
                 OrganisationName organisation) {
        this.channels = channels;
        this.replyOptions = replyOptions;
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
        this.entryPoints = entryPoints;
        this.outbox = outbox;
        this.settings = settings;
    }

    Outcome acknowledge(InboundMessage message, Conversation conversation, Language language, String customerName, boolean assigned,
                        Instant now) {
        AckDecision decision = policy.decide(message, conversation, now);
        if (decision instanceof AckDecision.Skip skip) {
            return new Outcome(null, skip.reason(), null);
        }
        // Routing and assignment changed the row within this transaction: the agent and the due time are read back.
        Conversation current = conversations.get(conversation.id());
        EtaEstimator.Eta promise = eta.estimate(current.queueId(), message.channel(), current.requiredSkills(),
                assigned ? current.assigneeId() : null, current.firstRespondedAt() == null ? current.firstResponseDue() : null, now);
        ChannelType channel = message.channel();
        String sender = sender(message, conversation);
        String recipient = message.sender().replyAddress();
        if (channels.of(channel).replyAddress() == ReplyAddress.CONTACT) {
            // Nothing goes back through a form: by e-mail (or SMS) to the address it left; without a way, the ack shows not sent.
            var way = replyOptions.reachBack(conversation, recipient);
            if (way.isPresent()) {
                channel = way.get().channel();
                sender = way.get().sender();
            }
        }
        AckTemplates.Rendered rendered = templates.render(language, channels.of(channel).acknowledgement(), customerName, conversation.reference(),
                message.subject(), promise, now.atZone(promise.zone()), organisation.signature(language));
        String headerId = ChannelType.EMAIL.equals(channel) ? References.newHeaderId(sender) : null;
        UUID messageId = conversations.add(new NewMessage(conversation.id(), Message.Direction.OUTBOUND, "ack", channel,
                null, headerId, sender, recipient, rendered.subject(), rendered.body(), null,
                language.code(), null, now));
        outbox.enqueue(new OutboundMessage(channel, sender, recipient, rendered.subject(),
                rendered.body(), headers(message, channel, headerId, conversation.reference()), conversation.id(), messageId));
        conversations.acknowledged(conversation.id(), now, promise.by());
        return new Outcome(messageId, decision.reason(), promise);
    }

    private String sender(InboundMessage message, Conversation conversation) {
        String entryPoint = message.entryPoint() != null ? message.entryPoint() : conversation.entryPoint();
        return entryPoints.find(entryPoint, message.channel()).map(e -> e.address()).orElse(entryPoint);
    }

    private static Map<String, String> headers(InboundMessage message, ChannelType channel, String headerId, String reference) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Temas-Reference", reference);
        headers.put("X-Temas-Kind", "ack");
        if (!ChannelType.EMAIL.equals(channel)) {
            return headers;
        }
        headers.put("Message-ID", headerId);
        headers.put("Auto-Submitted", "auto-replied");
        headers.put("X-Auto-Response-Suppress", "All");
        List<String> references = new ArrayList<>(message.threading().references());
        if (message.threading().headerId() != null) {
            headers.put("In-Reply-To", message.threading().headerId());
            references.add(message.threading().headerId());
        }
        if (!references.isEmpty()) {
            headers.put("References", String.join(" ", references));
        }
        return headers;
    }
}
