package io.temas.inbound;

import io.temas.channels.InboundMessage;
import io.temas.conversations.Conversation;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Who gets an acknowledgement: never robots (Auto-Submitted, bulk, no-reply senders), never our
 * own entry points (that is how mail loops start), and at most one per conversation per window.
 */
final class AckPolicy {

    private final InboundSettings settings;
    private final Predicate<String> ourAddress;

    AckPolicy(InboundSettings settings, Predicate<String> ourAddress) {
        this.settings = settings;
        this.ourAddress = ourAddress;
    }

    AckDecision decide(InboundMessage message, Conversation conversation, Instant now) {
        InboundMessage.Automation automation = message.automation();
        if (automation.autoSubmitted()) {
            return new AckDecision.Skip("sender is automated" + detail(automation));
        }
        if (automation.bulk()) {
            return new AckDecision.Skip("bulk or list mail" + detail(automation));
        }
        String address = message.sender().replyAddress();
        if (address == null || address.isBlank()) {
            return new AckDecision.Skip("no address to answer on " + message.channel().code());
        }
        if (isNoReply(address, settings.noReplyPatterns())) {
            return new AckDecision.Skip("sender " + address + " does not take replies");
        }
        if (ourAddress.test(address)) {
            return new AckDecision.Skip("sender " + address + " is one of our own entry points");
        }
        if (conversation.lastAckAt() != null && conversation.lastAckAt().plus(settings.ackWindow()).isAfter(now)) {
            return new AckDecision.Skip("acknowledged at " + conversation.lastAckAt() + ", within " + settings.ackWindow());
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
