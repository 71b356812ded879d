package io.temas.channels;

import io.temas.shared.ChannelType;
import java.time.Duration;

/** A channel descriptor for tests that need one without the application. */
public record TestChannel(ChannelType type, Duration threadingWindow, int capacity, double handlingRate) implements Channel {

    public static TestChannel of(String code, Duration threadingWindow, int capacity) {
        return new TestChannel(ChannelType.of(code), threadingWindow, capacity, 10.0);
    }

    @Override
    public ReplyAddress replyAddress() {
        return ReplyAddress.PHONE;
    }

    @Override
    public boolean reachesStoredAddresses() {
        return false;
    }

    @Override
    public Acknowledgement acknowledgement() {
        return Acknowledgement.text(160);
    }

    @Override
    public boolean realTime() {
        return false;
    }
}
