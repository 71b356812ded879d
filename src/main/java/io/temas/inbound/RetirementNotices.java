package io.temas.inbound;

import io.temas.channels.Acknowledgement;
import io.temas.channels.InboundMessage;
import io.temas.conversations.Conversation;
import io.temas.conversations.Conversations;
import io.temas.routing.EntryPoint;
import io.temas.routing.EntryPoints;
import io.temas.shared.Language;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Tells a customer who wrote to a retiring or retired entry point which channels to use instead:
 * the organisation's other active entry points on other channels (campaign codes aside), in the
 * customer's language, once per conversation, through the outbox like an acknowledgement (and, for a
 * web form, to the address it left, {@link AutomaticReplies}). The
 * message itself is taken, routed and answered as any other.
 */
@Component
class RetirementNotices {

    /** A notice queued: its message, the entry point it is about, and the alternatives it named. */
    record Notice(UUID messageId, EntryPoint entryPoint, LocalDate day, List<String> alternatives) {

        String summary() {
            return "Told the customer that " + entryPoint.address() + " is " + entryPoint.stateOn(day).code()
                    + (entryPoint.retiresAt() != null ? " (retired from " + entryPoint.retiresAt() + ")" : "")
                    + (alternatives.isEmpty() ? "; no other channel to name" : "; named " + String.join(", ", alternatives));
        }

        /** The summary as a code, for the console to say in the reader's language. */
        io.temas.shared.ReasonCode why() {
            return io.temas.shared.ReasonCode.of(alternatives.isEmpty() ? "timeline.entry-point.retiring.detail" : "timeline.entry-point.retiring.named.detail",
                    entryPoint.address(), io.temas.shared.ReasonCode.key("admin.entryPoints.state." + entryPoint.stateOn(day).code()),
                    String.join(", ", alternatives));
        }
    }

    private final EntryPoints entryPoints;
    private final Conversations conversations;
    private final AutomaticReplies replies;
    private final MessageSource messages;
    private final OrganisationName organisation;
    private final ZoneId zone;
    private final List<String> configured;

    RetirementNotices(EntryPoints entryPoints, Conversations conversations, AutomaticReplies replies, MessageSource messages,
                      OrganisationName organisation, io.temas.routing.RoutingSettings routing) {
        this.entryPoints = entryPoints;
        this.conversations = conversations;
        this.replies = replies;
        this.messages = messages;
        this.organisation = organisation;
        this.zone = ZoneId.of(routing.zone());
        this.configured = routing.retirementAlternatives();
    }

    /** Queues the notice when the message came to an entry point being retired and this conversation was not told yet. */
    Optional<Notice> notify(InboundMessage message, Conversation conversation, Language language, String customerName, Instant now) {
        LocalDate today = now.atZone(zone).toLocalDate();
        Optional<EntryPoint> retiring = entryPoints.find(message.entryPoint(), message.channel())
                .filter(e -> e.stateOn(today) != EntryPoint.State.ACTIVE);
        String address = message.sender().replyAddress();
        if (retiring.isEmpty() || address == null || address.isBlank() || message.automation().autoSubmitted()
                || message.automation().bulk() || entryPoints.isOurs(address)) {
            return Optional.empty();
        }
        if (!conversations.retirementNoticed(conversation.id(), now)) {
            return Optional.empty();
        }
        EntryPoint entryPoint = retiring.get();
        List<EntryPoint> instead = alternatives(entryPoint, today);
        List<String> named = instead.stream().map(e -> e.channel() == null ? e.address()
                : text(language, "channel." + e.channel().code()) + ": " + e.address()).toList();
        String greeting = customerName == null || customerName.isBlank()
                ? text(language, "ack.greeting.anonymous") : text(language, "ack.greeting.named", customerName.strip());
        String others = named.isEmpty() ? "" : text(language, "retirement.alternatives", String.join(", ", named));
        String day = entryPoint.retiresAt() == null ? "" : entryPoint.retiresAt()
                .format(DateTimeFormatter.ofPattern(text(language, "retirement.date.pattern"), language.locale()));
        EntryPoint.State state = entryPoint.stateOn(today);
        String key = state == EntryPoint.State.RETIRED ? "retirement.retired"
                : entryPoint.retiresAt() == null ? "retirement.retiring.undated" : "retirement.retiring";
        String body = text(language, key, greeting, entryPoint.address(), day, others, organisation.signature(language));
        // A web form is told by e-mail or SMS to the address it left, like its acknowledgement.
        AutomaticReplies.Route route = replies.route(message, conversation);
        String subject = null;
        if (route.shape().shape() == Acknowledgement.Shape.SHORT) {
            body = body.replace("\n\n", " ");
        } else {
            subject = text(language, "retirement.subject", conversation.reference());
        }
        UUID messageId = replies.send(message, conversation, route, "notice", subject, AutomaticReplies.cut(body, route.shape()),
                language, now);
        return Optional.of(new Notice(messageId, entryPoint, today, instead.stream().map(EntryPoint::address).toList()));
    }

    /**
     * The configured alternatives that are active entry points, in their order; else the organisation's active entry
     * points on other channels, campaign codes aside, those of the same queue first.
     */
    private List<EntryPoint> alternatives(EntryPoint retiring, LocalDate today) {
        if (!configured.isEmpty()) {
            return configured.stream().map(address -> entryPoints.find(address, null)).flatMap(Optional::stream)
                    .filter(e -> e.stateOn(today) == EntryPoint.State.ACTIVE && !e.id().equals(retiring.id()))
                    .distinct().toList();
        }
        Map<String, EntryPoint> byAddress = new LinkedHashMap<>();
        entryPoints.all().stream()
                .filter(e -> e.stateOn(today) == EntryPoint.State.ACTIVE && e.campaign() == null && !e.id().equals(retiring.id()))
                .filter(e -> e.channel() == null || retiring.channel() == null || !e.channel().equals(retiring.channel()))
                .sorted(java.util.Comparator.comparing((EntryPoint e) -> !e.queueId().equals(retiring.queueId()))
                        .thenComparing(e -> e.channel() == null ? "" : e.channel().code()).thenComparing(EntryPoint::address))
                .forEach(e -> byAddress.putIfAbsent(e.address(), e));
        return byAddress.values().stream().limit(5).toList();
    }

    private String text(Language language, String key, Object... args) {
        return messages.getMessage(key, args, key, language.locale());
    }
}
