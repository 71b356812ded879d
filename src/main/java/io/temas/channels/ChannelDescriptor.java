package io.temas.channels;

import io.temas.shared.ChannelType;
import java.time.Duration;
import java.util.Set;

/**
 * A channel described by its values, for channel packages that need no behaviour of their own in
 * the descriptor: {@code ChannelDescriptor.of(type).capacity(3)...build()}. Unset values are the
 * cautious ones: no threading by time, one conversation at a time, replies only to the address the
 * customer wrote from, a short text acknowledgement, not real-time.
 */
public record ChannelDescriptor(ChannelType type, Duration threadingWindow, int capacity, double handlingRate,
                                ReplyAddress replyAddress, boolean reachesStoredAddresses, Acknowledgement acknowledgement,
                                Set<String> optOutWords, boolean realTime, boolean agentChosenByChannel) implements Channel {

    public ChannelDescriptor {
        if (threadingWindow.isNegative() || capacity < 1 || handlingRate <= 0) {
            throw new IllegalArgumentException("channel " + type + ": threading window >= 0, capacity >= 1 and handling rate > 0");
        }
        optOutWords = Set.copyOf(optOutWords);
    }

    public static Builder of(ChannelType type) {
        return new Builder(type);
    }

    /** Builds a descriptor one value at a time. */
    public static final class Builder {

        private final ChannelType type;
        private Duration threadingWindow = Duration.ZERO;
        private int capacity = 1;
        private double handlingRate = 8.0;
        private ReplyAddress replyAddress = ReplyAddress.NONE;
        private boolean reachesStoredAddresses;
        private Acknowledgement acknowledgement = Acknowledgement.text(160);
        private Set<String> optOutWords = Set.of();
        private boolean realTime;
        private boolean agentChosenByChannel;

        private Builder(ChannelType type) {
            this.type = type;
        }

        public Builder threadingWindow(Duration window) {
            this.threadingWindow = window;
            return this;
        }

        public Builder capacity(int conversations) {
            this.capacity = conversations;
            return this;
        }

        public Builder handlingRate(double responsesPerHour) {
            this.handlingRate = responsesPerHour;
            return this;
        }

        /** What a reply goes to, and whether agents may also write to the customer's stored addresses of that kind. */
        public Builder replyAddress(ReplyAddress kind, boolean reachesStoredAddresses) {
            this.replyAddress = kind;
            this.reachesStoredAddresses = reachesStoredAddresses;
            return this;
        }

        public Builder acknowledgement(Acknowledgement shape) {
            this.acknowledgement = shape;
            return this;
        }

        public Builder optOutWords(String... words) {
            this.optOutWords = Set.of(words);
            return this;
        }

        /** The customer waits on the line (chat, voice). */
        public Builder realTime() {
            this.realTime = true;
            return this;
        }

        /** The channel's own system (a PBX) decides which agent takes a conversation; routing only queues it. */
        public Builder agentChosenByChannel() {
            this.agentChosenByChannel = true;
            return this;
        }

        public ChannelDescriptor build() {
            return new ChannelDescriptor(type, threadingWindow, capacity, handlingRate, replyAddress, reachesStoredAddresses,
                    acknowledgement, optOutWords, realTime, agentChosenByChannel);
        }
    }
}
