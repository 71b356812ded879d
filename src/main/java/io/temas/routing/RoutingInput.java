package io.temas.routing;

import io.temas.shared.ChannelType;
import io.temas.shared.Language;
import io.temas.shared.TextFolding;
import java.util.List;

/** What routing knows about a message. */
public record RoutingInput(ChannelType channel, String entryPoint, Language language, String subject, String text,
                           List<String> segments, boolean vip) {

    public RoutingInput {
        segments = segments == null ? List.of() : List.copyOf(segments);
    }

    /** Subject and text with Turkish letters folded, for keyword rules. */
    String foldedText() {
        return TextFolding.fold((subject == null ? "" : subject) + "\n" + (text == null ? "" : text));
    }
}
