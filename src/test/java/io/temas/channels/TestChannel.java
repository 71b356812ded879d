package io.temas.channels;

import io.temas.shared.ChannelType;
import java.time.Duration;

/** Channel descriptors for tests that need one without the application. */
public final class TestChannel {

    private TestChannel() {
    }

    public static ChannelDescriptor of(String code, Duration threadingWindow, int capacity) {
        return ChannelDescriptor.of(ChannelType.of(code)).threadingWindow(threadingWindow).capacity(capacity).handlingRate(10)
                .replyAddress(ReplyAddress.PHONE, false).build();
    }
}
