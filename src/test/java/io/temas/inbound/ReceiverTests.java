package io.temas.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.channels.InboundMessage;
import io.temas.shared.ChannelType;
import io.temas.shared.Identifier;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReceiverTests {

    @Test
    void receiptsGoTogetherWhileTheirPayloadsFitAndEachOtherAlone() {
        InboundMessage small = message("a", 3);
        InboundMessage large = message("b", 8);
        InboundMessage fills = message("c", 7);
        InboundMessage empty = message("d", 0);
        InboundMessage over = message("e", 1);

        assertThat(Receiver.together(List.of(small, large, fills, empty, over), 10))
                .as("the large one does not fit beside the first; the next two fill the room exactly; nothing more fits")
                .containsExactly(small, fills, empty);
        assertThat(Receiver.together(List.of(large, small), 10)).containsExactly(large);
        assertThat(Receiver.together(List.of(message("f", 11)), 10)).isEmpty();
    }

    private static InboundMessage message(String id, int bytes) {
        return new InboundMessage(ChannelType.SMS, "+908502220000", id,
                new InboundMessage.Sender(null, List.of(Identifier.phone("+905321234567")), "+905321234567"), null, "x", null, null,
                Instant.EPOCH, null, null, null, new InboundMessage.RawPayload("text/plain", new byte[bytes]));
    }
}
