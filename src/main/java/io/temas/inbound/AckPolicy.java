package io.temas.inbound;

import io.temas.shared.ReasonCode;
import io.temas.channels.InboundMessage;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Who gets an acknowledgement: never robots (Auto-Submitted, bulk, no-reply senders), never our
 * own entry points (that is how mail loops start), and at most one per conversation per window.
 */
final class AckPolicy {

    /** What the policy needs to know about an address beyond the message itself. */
    interface Addresses {

        boolean isOurs(String address);

        /** Mail to it bounced for good. */
        boolean isUndeliverable(String address, io.temas.shared.ChannelType channel);

        /** Acknowledgements sent to it since the given instant, on any conversation. */
        int acksSince(String address, Instant since);
    }

    private final InboundSettings settings;
    private final Addresses addresses;

    AckPolicy(InboundSettings settings, Addresses addresses) {
        this.settings = settings;
        this.addresses = addresses;
    }

    /** The decision for a message of a conversation last acknowledged at {@code lastAckAt} (null: never, or not stored yet). */
    AckDecision decide(InboundMessage message, Instant lastAckAt, Instant now) {
        return decide(message, lastAckAt, now, false);
    }

    /**
     * The decision, for a message whose reply address may have become known with it ({@code firstHeard}: the address is an
     * identifier of the customer the message created). Such an address has no bounce on record, so that is not looked
     * up, nor are the acknowledgements sent to it: every one of them went to a customer holding it, and a loop with an
     * autoresponder that ignores the rules counts from its second message, sent to the customer this one created. The
     * one difference: an address a customer was freed of (an identifier removed, a profile erased) starts its count again.
     */
    AckDecision decide(InboundMessage message, Instant lastAckAt, Instant now, boolean firstHeard) {
        InboundMessage.Automation automation = message.automation();
        if (automation.autoSubmitted()) {
            return new AckDecision.Skip("sender is automated" + detail(automation), ReasonCode.of("ack.skip.automated"));
        }
        if (automation.bulk()) {
            return new AckDecision.Skip("bulk or list mail" + detail(automation), ReasonCode.of("ack.skip.bulk"));
        }
        String address = message.sender().replyAddress();
        if (address == null || address.isBlank()) {
            return new AckDecision.Skip("no address to answer on " + message.channel().code(),
                    ReasonCode.of("ack.skip.noAddress", ReasonCode.key("channel." + message.channel().code())));
        }
        if (isNoReply(address, settings.noReplyPatterns())) {
            return new AckDecision.Skip("sender " + address + " does not take replies", ReasonCode.of("ack.skip.noReply", address));
        }
        if (addresses.isOurs(address)) {
            return new AckDecision.Skip("sender " + address + " is one of our own entry points", ReasonCode.of("ack.skip.ours", address));
        }
        if (lastAckAt != null && lastAckAt.plus(settings.ackWindow()).isAfter(now)) {
            return new AckDecision.Skip("acknowledged at " + lastAckAt + ", within " + settings.ackWindow(),
                    ReasonCode.of("ack.skip.recent", ReasonCode.at(lastAckAt)));
        }
        if (firstHeard) {
            return new AckDecision.Send("first message to acknowledge within " + settings.ackWindow());
        }
        if (addresses.isUndeliverable(address, message.channel())) {
            return new AckDecision.Skip("mail to " + address + " bounced", ReasonCode.of("ack.skip.bounced", address));
        }
        int recent = addresses.acksSince(address, now.minus(settings.ackRateWindow()));
        if (recent >= settings.ackRateLimit()) {
            return new AckDecision.Skip(recent + " acknowledgements to " + address + " within " + settings.ackRateWindow()
                    + " (limit " + settings.ackRateLimit() + ")", ReasonCode.of("ack.skip.rateLimit", recent, address));
        }
        return new AckDecision.Send("first message to acknowledge within " + settings.ackWindow());
    }

    static boolean isNoReply(String address, List<String> patterns) {
        int at = address.indexOf('@');
        if (at < 0) {
            return false;
        }
        String local = address.substring(0, at).toLowerCase(Locale.ROOT);
        return patterns.stream().anyMatch(p -> local.equals(p) || local.startsWith(p + "+") || local.startsWith(p + "-")
                || local.startsWith(p + "."));
    }

    private static String detail(InboundMessage.Automation automation) {
        return automation.detail() == null ? "" : " (" + automation.detail() + ")";
    }
}
