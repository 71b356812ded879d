package io.temas.channels;

import io.temas.shared.ChannelType;
import java.time.Duration;
import java.util.Set;

/**
 * The descriptor SPI: what a channel is, for every module outside its package. Each channel
 * package registers one as a bean; the {@link Channels} registry collects them, and settings,
 * threading, routing, acknowledgements and the console's reply box ask it instead of naming
 * channels. Adding a channel is one package (a descriptor, its inbound adapter and an
 * {@link OutboundTransport}, or {@link RecordingTransport#standIn} until it can send) plus the
 * {@code channel.<code>} label in the console bundles.
 */
public interface Channel {

    ChannelType type();

    /** The message key of the channel's name in the console bundles. */
    default String labelKey() {
        return "channel." + type().code();
    }

    /**
     * A message joins the customer's open conversation on this channel when that conversation had
     * a message within this window; zero means messages thread only by reference (e-mail headers).
     * Overridden by {@code temas.inbound.threading-window.<code>}.
     */
    Duration threadingWindow();

    /** Conversations of this channel an agent handles at once; overridden by {@code temas.routing.capacity.<code>} and per agent. */
    int capacity();

    /**
     * First responses one agent gives per hour, used by the response-time estimate until enough
     * history exists to measure it; overridden by {@code temas.routing.handling-rate.<code>}.
     */
    double handlingRate();

    /** What the address a reply goes to looks like. */
    ReplyAddress replyAddress();

    /**
     * Whether an agent may write on this channel to any of the customer's stored addresses of its
     * kind (e-mail, SMS), not only answer the address the customer wrote from.
     */
    boolean reachesStoredAddresses();

    /** The shape and length of the automatic acknowledgement. */
    Acknowledgement acknowledgement();

    /**
     * Words that, as the first word of an inbound message (after a campaign keyword), withdraw the
     * customer's consent to commercial messages on this channel, folded to lower-case ASCII. Empty
     * when the channel has no such convention.
     */
    default Set<String> optOutWords() {
        return Set.of();
    }

    /** Whether the customer waits on the line (chat, voice) rather than for a later answer. */
    boolean realTime();

    /**
     * Whether the channel's own system decides who takes a conversation (a PBX rings an extension, and
     * the call goes to whoever answers): routing then puts the conversation in a queue but gives it to
     * nobody, neither when it arrives nor when capacity frees.
     */
    default boolean agentChosenByChannel() {
        return false;
    }
}
