package io.temas.routing;

import io.temas.channels.Channel;
import io.temas.channels.Channels;
import io.temas.conversations.Conversation;
import io.temas.conversations.Conversations;
import io.temas.conversations.Message;
import io.temas.customers.CustomerId;
import io.temas.customers.Customers;
import io.temas.customers.Identity;
import io.temas.shared.ChannelType;
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
 */
@Service
public class ReplyOptions {

    private final Conversations conversations;
    private final Customers customers;
    private final EntryPoints entryPoints;
    private final Channels channels;

    ReplyOptions(Conversations conversations, Customers customers, EntryPoints entryPoints, Channels channels) {
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
        Map<ChannelType, ReplyOption> options = new LinkedHashMap<>();
        List<EntryPoint> ours = entryPoints.all();
        if (channels.knows(c.channel())) {
            List<String> writers = new ArrayList<>();
            messages.stream().filter(m -> m.direction() == Message.Direction.INBOUND && m.channel().equals(c.channel()) && m.sender() != null)
                    .map(Message::sender).forEach(s -> {
                        writers.remove(s);
                        writers.addFirst(s);
                    });
            options.put(c.channel(), new ReplyOption(c.channel(), senders(c, channels.of(c.channel()), ours), writers));
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
        if (c.channel().equals(channel.type()) && c.entryPoint() != null) {
            senders.add(c.entryPoint());
        }
        List<EntryPoint> usable = ours.stream()
                .filter(e -> (e.channel() == null || e.channel().equals(channel.type())) && channel.replyAddress().canSendFrom(e.address()))
                .toList();
        usable.stream().filter(e -> e.queueId() != null && e.queueId().equals(c.queueId())).map(EntryPoint::address)
                .filter(a -> !senders.contains(a)).forEach(senders::add);
        usable.stream().map(EntryPoint::address).filter(a -> !senders.contains(a)).forEach(senders::add);
        return senders;
    }
}
