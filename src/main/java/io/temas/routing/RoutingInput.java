package io.temas.routing;

import io.temas.shared.ChannelType;
import io.temas.shared.Language;
import java.util.List;

/** What routing knows about a message. */
public record RoutingInput(ChannelType channel, String entryPoint, Language language, String subject, String text,
                           List<String> segments, boolean vip) {

    public RoutingInput {
        segments = segments == null ? List.of() : List.copyOf(segments);
    }
}
