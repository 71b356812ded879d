package io.temas.channels;

import io.temas.shared.ChannelType;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Whether Temas can really send on a channel: it has a transport that delivers, not the
 * recording stand-in of a channel that cannot send yet. Replies are refused and offered another
 * way on a channel that cannot send, so nothing is shown as sent that only was recorded.
 */
@Component
public class ChannelReach {

    private final Transports transports;
    private final List<SessionReach> sessions;

    ChannelReach(Channels channels, List<OutboundTransport> available, List<SessionReach> sessions) {
        this.transports = new Transports(channels, available);
        this.sessions = List.copyOf(sessions);
    }

    /** True when a transport of the channel sends for real and, for a session channel (chat), the conversation's session is open. */
    public boolean canSend(java.util.UUID conversationId, ChannelType channel) {
        return canSend(channel) && sessions.stream().filter(s -> s.channel().equals(channel))
                .allMatch(s -> conversationId == null || s.open(conversationId));
    }

    /** True when a transport of the channel sends for real. */
    public boolean canSend(ChannelType channel) {
        return transports.of(channel).filter(t -> !(t instanceof RecordingTransport.StandIn)).isPresent();
    }

    Transports transports() {
        return transports;
    }
}
