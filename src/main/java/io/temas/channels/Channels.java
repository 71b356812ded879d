package io.temas.channels;

import io.temas.shared.InvalidInput;
import io.temas.shared.ChannelType;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The registry of channels: every {@link Channel} descriptor a channel package registered, by
 * code. A code without a descriptor is refused with {@link UnknownChannel}, so a channel is
 * never half known (labels or settings missing).
 */
@Component
public class Channels {

    private final Map<ChannelType, Channel> byType = new LinkedHashMap<>();

    public Channels(List<Channel> descriptors) {
        descriptors.stream().sorted(Comparator.comparing(c -> c.type().code())).forEach(descriptor -> {
            Channel before = byType.putIfAbsent(descriptor.type(), descriptor);
            if (before != null) {
                throw new IllegalStateException("channel '" + descriptor.type().code() + "' is registered twice: by "
                        + before.getClass().getName() + " and " + descriptor.getClass().getName());
            }
        });
    }

    /** The descriptor of a channel; refuses a channel no package registered. */
    public Channel of(ChannelType type) {
        Channel channel = byType.get(type);
        if (channel == null) {
            throw new UnknownChannel(String.valueOf(type), codes());
        }
        return channel;
    }

    /** Parses a channel code from outside (a request, a form, a setting) and refuses one no package registered. */
    public ChannelType type(String code) {
        ChannelType type;
        try {
            type = ChannelType.of(code);
        } catch (InvalidInput e) {
            throw code == null || code.isBlank() ? e : new UnknownChannel(code, codes());
        }
        return of(type).type();
    }

    /** Whether a package registered the channel. */
    public boolean knows(ChannelType type) {
        return byType.containsKey(type);
    }

    /**
     * Whether a registered channel is answered on the address the customer left (a web form)
     * rather than through itself; false for a channel no package registered.
     */
    public boolean answersOnContact(ChannelType type) {
        Channel channel = byType.get(type);
        return channel != null && channel.replyAddress() == ReplyAddress.CONTACT;
    }

    /**
     * Whether the identifiers a message of this channel carries were typed by the visitor rather than
     * proven by the medium (a form's or a chat's e-mail address): they never join two customers.
     */
    public boolean identifiersUnverified(ChannelType type) {
        Channel channel = byType.get(type);
        return channel != null && (channel.replyAddress() == ReplyAddress.CONTACT || channel.replyAddress() == ReplyAddress.SESSION);
    }

    /** Every registered channel, by code. */
    public List<Channel> all() {
        return List.copyOf(byType.values());
    }

    /** Every registered channel's type, by code. */
    public List<ChannelType> types() {
        return List.copyOf(byType.keySet());
    }

    private List<String> codes() {
        return byType.keySet().stream().map(ChannelType::code).toList();
    }
}
