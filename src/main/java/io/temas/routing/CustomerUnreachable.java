package io.temas.routing;

import io.temas.shared.ChannelType;
import io.temas.shared.Conflict;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A reply was asked for on a channel that cannot reach this customer (a channel that cannot send
 * yet, such as chat or voice until they are connected); {@link #alternatives} are the ways that
 * can, for the agent to pick one. The API answers 409 listing them, the console offers them.
 */
public class CustomerUnreachable extends Conflict {

    private final transient ChannelType channel;
    private final transient List<ReplyOption> alternatives;

    public CustomerUnreachable(ChannelType channel, List<ReplyOption> alternatives) {
        super("no way to reach this customer on " + channel.code()
                + (alternatives.isEmpty() ? "; the customer left no other address" : "; answer on "
                + alternatives.stream().map(o -> o.channel().code() + " (" + String.join(", ", o.recipients()) + ")")
                .collect(Collectors.joining(", "))));
        this.channel = channel;
        this.alternatives = List.copyOf(alternatives);
    }

    public ChannelType channel() {
        return channel;
    }

    public List<ReplyOption> alternatives() {
        return alternatives;
    }
}
