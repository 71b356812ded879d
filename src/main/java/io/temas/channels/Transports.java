package io.temas.channels;

import io.temas.shared.ChannelType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outbound transport of each registered channel, chosen once at start. Every channel must
 * have one: a real transport, or the recording stand-in it registered explicitly; a real one
 * replaces the stand-in. Two real transports for a channel, or a transport for a channel no
 * package registered, stop the start with the reason.
 */
final class Transports {

    private final Map<ChannelType, OutboundTransport> byChannel = new HashMap<>();

    Transports(Channels channels, List<OutboundTransport> available) {
        for (OutboundTransport transport : available) {
            if (!channels.knows(transport.channel())) {
                throw new IllegalStateException("transport " + transport.name() + " sends on channel '" + transport.channel()
                        + "', which no channel package registered");
            }
            OutboundTransport before = byChannel.get(transport.channel());
            if (before == null || before instanceof RecordingTransport.StandIn) {
                byChannel.put(transport.channel(), transport);
            } else if (!(transport instanceof RecordingTransport.StandIn)) {
                throw new IllegalStateException("channel '" + transport.channel() + "' has two transports: " + before.name()
                        + " and " + transport.name());
            }
        }
        for (ChannelType channel : channels.types()) {
            if (!byChannel.containsKey(channel)) {
                throw new IllegalStateException("channel '" + channel + "' has no outbound transport; register one, or "
                        + "RecordingTransport.standIn(" + channel + ") until it can send");
            }
        }
    }

    /** The transport of a channel, empty for a channel no longer registered (its old outbox entries). */
    Optional<OutboundTransport> of(ChannelType channel) {
        return Optional.ofNullable(byChannel.get(channel));
    }
}
