package io.temas.routing;

import io.temas.channels.Channel;
import io.temas.channels.ChannelReach;
import io.temas.channels.Channels;
import io.temas.channels.ReplyAddress;
import io.temas.conversations.Conversation;
import io.temas.conversations.Conversations;
import io.temas.conversations.Message;
import io.temas.customers.CustomerId;
import io.temas.customers.Customers;
import io.temas.customers.Identity;
import io.temas.shared.ChannelType;
import io.temas.shared.InvalidInput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The channels an agent can answer a conversation on, from the channel descriptors: the
 * conversation's own (to whoever wrote last on it), and every channel that reaches stored
 * addresses (e-mail, SMS) to each of the customer's deliverable addresses of its kind; each from
 * our entry points that can send on it, the conversation's own and its queue's first.
 * <p>
 * A channel answered on the address the customer left ({@link ReplyAddress#CONTACT}: a web form)
 * is answered by e-mail to the address the form gave, or by SMS to its number, from the entry
 * point (when it is an address of that kind) or the queue's. Only channels that really send
 * ({@link ChannelReach}) are options; the others the customer could be reached on are
 * {@link #unreachable}, and a reply asked for on one is refused with the options as alternatives.
 */
@Service
public class ReplyOptions {

    private final Conversations conversations;
    private final Customers customers;
    private final EntryPoints entryPoints;
    private final Channels channels;
    private final ChannelReach reach;

    /** The reply an agent asked for, made concrete: on this channel, from our sender to the customer's recipient. */
    public record Chosen(ChannelType channel, String sender, String recipient) {
    }

    ReplyOptions(Conversations conversations, Customers customers, EntryPoints entryPoints, Channels channels, ChannelReach reach) {
        this.reach = reach;
        this.conversations = conversations;
        this.customers = customers;
        this.entryPoints = entryPoints;
        this.channels = channels;
    }

    /** The options for a conversation, reading its customer's identities and its messages. */
    @Transactional(readOnly = true)
    public List<ReplyOption> of(UUID conversationId) {
        Conversation c = conversations.get(conversationId);
        return of(c, customers.identities(new CustomerId(c.customerId())), conversations.messages(conversationId));
    }

    /** The options for a conversation whose customer's identities and messages the caller has read already. */
    public List<ReplyOption> of(Conversation c, List<Identity> identities, List<Message> messages) {
        return candidates(c, identities, messages).stream().filter(o -> reach.canSend(c.id(), o.channel())).toList();
    }

    /**
     * The channels the customer has an address on (the conversation's own included) that cannot
     * send: shown to the agent as "no way to reach this customer on ...", next to the options.
     */
    public List<ChannelType> unreachable(Conversation c, List<Identity> identities, List<Message> messages) {
        return candidates(c, identities, messages).stream().map(ReplyOption::channel).filter(t -> !reach.canSend(c.id(), t)).toList();
    }

    /**
     * The reply an agent asked for: on {@code channel} (null: the conversation's own, or for a web
     * form the way its customer left), from {@code from} and to {@code to} (null: the preferred).
     * A channel that cannot reach the customer is refused with {@link CustomerUnreachable} listing
     * the options; a sender or recipient that is not one of the option's is invalid input.
     */
    @Transactional(readOnly = true)
    public Chosen choose(UUID conversationId, String channel, String from, String to) {
        Conversation c = conversations.get(conversationId);
        List<Identity> identities = customers.identities(new CustomerId(c.customerId()));
        List<Message> messages = conversations.messages(conversationId);
        List<ReplyOption> options = of(c, identities, messages);
        ReplyOption option;
        if (channel == null || channel.isBlank()) {
            option = options.stream().filter(o -> o.channel().equals(c.channel())).findFirst()
                    .or(() -> channels.answersOnContact(c.channel())
                            ? options.stream().findFirst() : java.util.Optional.empty())
                    .orElseThrow(() -> new CustomerUnreachable(c.channel(), options));
        } else {
            ChannelType type = channels.type(channel);
            option = options.stream().filter(o -> o.channel().equals(type)).findFirst()
                    .orElseThrow(() -> new CustomerUnreachable(type, options));
        }
        if (from != null && !from.isBlank() && !option.senders().contains(from)) {
            throw new InvalidInput("from", "from is one of " + String.join(", ", option.senders()));
        }
        if (to != null && !to.isBlank() && !option.recipients().contains(to)) {
            throw new InvalidInput("to", "to is one of " + String.join(", ", option.recipients()));
        }
        return new Chosen(option.channel(), option.sender(from), option.recipient(to).orElseThrow());
    }

    /**
     * Where an automatic message on a conversation answered on the address the customer left (a
     * web form) goes: by e-mail when {@code contact} is an e-mail address, by SMS when it is a phone
     * number, from the entry point or the queue's; empty when no channel of that kind can send
     * from any of our entry points.
     */
    public java.util.Optional<Chosen> reachBack(Conversation c, String contact) {
        ChannelType type = contactChannel(contact);
        if (type == null || !channels.knows(type) || !reach.canSend(type)) {
            return java.util.Optional.empty();
        }
        List<String> senders = senders(c, channels.of(type), entryPoints.all());
        return senders.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(new Chosen(type, senders.getFirst(), contact));
    }

    private static ChannelType contactChannel(String contact) {
        if (contact == null) {
            return null;
        }
        return contact.contains("@") ? ChannelType.EMAIL : contact.startsWith("+") ? ChannelType.SMS : null;
    }

    /** Every way the customer could be answered, sending or not. */
    private List<ReplyOption> candidates(Conversation c, List<Identity> identities, List<Message> messages) {
        Map<ChannelType, ReplyOption> options = new LinkedHashMap<>();
        List<EntryPoint> ours = entryPoints.all();
        if (channels.knows(c.channel())) {
            List<String> writers = new ArrayList<>();
            messages.stream().filter(m -> m.direction() == Message.Direction.INBOUND && m.channel().equals(c.channel()) && m.sender() != null)
                    .map(Message::sender).forEach(s -> {
                        writers.remove(s);
                        writers.addFirst(s);
                    });
            if (channels.answersOnContact(c.channel())) {
                for (String writer : writers) {
                    ChannelType type = contactChannel(writer);
                    if (type != null && channels.knows(type)) {
                        ReplyOption before = options.get(type);
                        List<String> recipients = new ArrayList<>(before == null ? List.of() : before.recipients());
                        recipients.add(writer);
                        options.put(type, new ReplyOption(type, senders(c, channels.of(type), ours), recipients));
                    }
                }
            } else {
                options.put(c.channel(), new ReplyOption(c.channel(), senders(c, channels.of(c.channel()), ours), writers));
            }
        }
        for (Channel channel : channels.all()) {
            if (channel.reachesStoredAddresses() && channel.replyAddress().identifier() != null) {
                addStored(options, c, channel, identities, ours);
            }
        }
        return options.values().stream().filter(o -> !o.recipients().isEmpty() && !o.senders().isEmpty()).toList();
    }

    private void addStored(Map<ChannelType, ReplyOption> options, Conversation c, Channel channel, List<Identity> identities,
                           List<EntryPoint> ours) {
        List<String> stored = identities.stream()
                .filter(i -> i.type() == channel.replyAddress().identifier() && i.undeliverableAt() == null)
                .map(Identity::value).toList();
        ReplyOption existing = options.get(channel.type());
        if (existing == null) {
            options.put(channel.type(), new ReplyOption(channel.type(), senders(c, channel, ours), stored));
            return;
        }
        List<String> merged = new ArrayList<>(existing.recipients());
        stored.stream().filter(r -> !merged.contains(r)).forEach(merged::add);
        options.put(channel.type(), new ReplyOption(channel.type(), existing.senders(), merged));
    }

    private static List<String> senders(Conversation c, Channel channel, List<EntryPoint> ours) {
        List<String> senders = new ArrayList<>();
        if (c.entryPoint() != null && (c.channel().equals(channel.type()) || channel.replyAddress().identifier() != null
                && channel.replyAddress().canSendFrom(c.entryPoint()))) {
            // The conversation's own entry point, also on another channel when it is an address of that kind (a form's mailbox).
            senders.add(c.entryPoint());
        }
        List<EntryPoint> usable = ours.stream()
                .filter(e -> (e.channel() == null || e.channel().equals(channel.type())) && channel.replyAddress().canSendFrom(e.address()))
                .toList();
        // The queue's own addresses, those of no campaign first (an answer to them is not a campaign response).
        usable.stream().filter(e -> e.queueId() != null && e.queueId().equals(c.queueId()))
                .sorted(java.util.Comparator.comparing(e -> e.campaign() != null)).map(EntryPoint::address)
                .filter(a -> !senders.contains(a)).forEach(senders::add);
        usable.stream().map(EntryPoint::address).filter(a -> !senders.contains(a)).forEach(senders::add);
        return senders;
    }
}
