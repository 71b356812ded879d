package io.temas.channels;

import io.temas.shared.ReasonCode;
import io.temas.shared.ChannelType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The transport of channels that cannot send yet: it records what it would have sent (the
 * outbox keeps the full message) and logs it, and answers {@link SendResult.NotSent}, so nothing
 * pretends to have gone out: the message shows "not sent" with the reason. A channel
 * without a transport of its own registers a {@link #standIn} for itself, so that choice is
 * explicit; a real transport of the same channel (a provider selected in settings) replaces it.
 */
@Component
public class RecordingTransport {

    private static final Logger log = LoggerFactory.getLogger(RecordingTransport.class);
    private static final int KEPT = 1000;

    private final List<OutboundMessage> recorded = new CopyOnWriteArrayList<>();

    /** A transport for a channel that records instead of sending. */
    public OutboundTransport standIn(ChannelType channel) {
        return new StandIn(channel, this);
    }

    /** Records the message, which did not leave: answers {@link SendResult.NotSent} with the reason. */
    public SendResult send(OutboundMessage message) {
        return send(message, "no way to reach the customer on " + message.channel().code() + ": nothing sends on this channel yet",
                ReasonCode.of("delivery.unreachable", ReasonCode.key("channel." + message.channel().code())));
    }

    /** Records the message, which did not leave for the given reason (English) and its code for the console. */
    public SendResult send(OutboundMessage message, String reason, ReasonCode code) {
        log.debug("Recorded {} to {} (no transport for this channel): {}", message.channel().code(), message.recipient(), message.subject());
        recorded.add(message);
        while (recorded.size() > KEPT) {
            recorded.removeFirst();
        }
        return new SendResult.NotSent(reason, code);
    }

    /** What was recorded, oldest first (the last thousand). */
    public List<OutboundMessage> recorded() {
        return new ArrayList<>(recorded);
    }

    /** The recording transport of one channel; recognised by the dispatcher as replaceable. */
    record StandIn(ChannelType channel, RecordingTransport recording) implements OutboundTransport {

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public SendResult send(OutboundMessage message) {
            return recording.send(message);
        }
    }
}
