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

    ChannelReach(Channels channels, List<OutboundTransport> available) {
        this.transports = new Transports(channels, available);
    }

    /** True when a transport of the channel sends for real. */
    public boolean canSend(ChannelType channel) {
        return transports.of(channel).filter(t -> !(t instanceof RecordingTransport.StandIn)).isPresent();
    }

    Transports transports() {
        return transports;
    }
}
