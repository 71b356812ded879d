package io.temas.routing;

import io.temas.shared.ChannelType;
import java.util.List;
import java.util.Optional;

/**
 * A channel an agent may answer a conversation on: our addresses on it (the preferred first) and
 * the customer's (the preferred first).
 */
public record ReplyOption(ChannelType channel, List<String> senders, List<String> recipients) {

    public ReplyOption {
        senders = List.copyOf(senders);
        recipients = List.copyOf(recipients);
    }

    /** The sender the agent picked when it is one of ours on this channel, else (also when none was picked) the preferred one. */
    public String sender(String picked) {
        return picked != null && senders.contains(picked) ? picked : senders.getFirst();
    }

    /** The recipient the agent picked when it is one of the customer's on this channel, else the preferred one. */
    public Optional<String> recipient(String picked) {
        return picked != null && recipients.contains(picked) ? Optional.of(picked) : recipients.stream().findFirst();
    }
}
