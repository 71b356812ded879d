package io.temas.calls;

import io.temas.channels.ChannelReach;
import io.temas.channels.OutboundMessage;
import io.temas.channels.Outbox;
import io.temas.routing.EntryPoint;
import io.temas.routing.EntryPoints;
import io.temas.shared.ChannelType;
import io.temas.shared.Language;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * What the customer is told about their callback, in their language and with times in the queue's
 * zone: the confirmation when it is booked, and that we could not reach them after the last
 * attempt. By SMS to the callback's number from the entry point's number; by e-mail when an address
 * was given and Temas cannot send SMS. Queued in the outbox in the caller's transaction.
 */
@Component
class CallbackNotices {

    private final MessageSource messages;
    private final Outbox outbox;
    private final ChannelReach reach;
    private final EntryPoints entryPoints;

    CallbackNotices(MessageSource messages, Outbox outbox, ChannelReach reach, EntryPoints entryPoints) {
        this.messages = messages;
        this.outbox = outbox;
        this.reach = reach;
        this.entryPoints = entryPoints;
    }

    void confirm(Callback callback, Callbacks.Target target) {
        send(callback, target, "calls.callback.confirmation", "callback-confirmation");
    }

    void failed(Callback callback, Callbacks.Target target) {
        send(callback, target, "calls.callback.failed", "callback-failed");
    }

    /** The slot as the customer reads it: their language, the queue's zone. */
    String slot(Callback callback, ZoneId zone, Language language) {
        DateTimeFormatter start = DateTimeFormatter.ofPattern(text(language, "calls.callback.date.pattern"), language.locale());
        DateTimeFormatter end = DateTimeFormatter.ofPattern("HH:mm", language.locale());
        return callback.slot().start().atZone(zone).format(start) + "–" + callback.slot().end().atZone(zone).format(end);
    }

    private void send(Callback callback, Callbacks.Target target, String key, String kind) {
        Language language = Language.parse(callback.language()).orElse(Language.DEFAULT);
        String body = messages.getMessage(key, new Object[] {slot(callback, target.zone(), language), callback.phone()},
                language.locale());
        Map<String, String> headers = Map.of("X-Temas-Kind", kind, "X-Temas-Callback", callback.id().toString());
        if (callback.email() != null && !reach.canSend(ChannelType.SMS)) {
            String subject = messages.getMessage(key + ".subject", null, language.locale());
            outbox.enqueue(new OutboundMessage(ChannelType.EMAIL, mailbox(target), callback.email(), subject, body, headers,
                    callback.conversationId(), null));
        } else {
            outbox.enqueue(new OutboundMessage(ChannelType.SMS, target.entryPoint().address(), callback.phone(), null, body, headers,
                    callback.conversationId(), null));
        }
    }

    /** The queue's own e-mail address, else any of ours. */
    private String mailbox(Callbacks.Target target) {
        return entryPoints.all().stream().filter(e -> ChannelType.EMAIL.equals(e.channel()))
                .sorted((a, b) -> Boolean.compare(!target.queue().id().equals(a.queueId()), !target.queue().id().equals(b.queueId())))
                .map(EntryPoint::address).findFirst().orElse(null);
    }

    private String text(Language language, String key) {
        return messages.getMessage(key, null, language.locale());
    }
}
