package io.temas.console;

import io.temas.calls.Call;
import io.temas.calls.CallCentre;
import io.temas.customers.TimelineEntry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Calls on a customer's timeline in the reader's language: the call centre records a call's end
 * with a summary in its own words; the page reads the call itself and says who called, how long it
 * lasted and how it ended in the viewer's language. Templates call it as {@code @callTexts}.
 */
@Component("callTexts")
class CallTexts {

    private static final String CACHE = CallTexts.class.getName();

    private final CallCentre centre;
    private final MessageSource messages;
    private final ConsoleFormat format;

    CallTexts(CallCentre centre, MessageSource messages, ConsoleFormat format) {
        this.centre = centre;
        this.messages = messages;
        this.format = format;
    }

    /** Whether the entry is a call this class can tell from the call itself. */
    static boolean tells(TimelineEntry entry) {
        return ("call.ended".equals(entry.kind()) || "call.missed".equals(entry.kind())) && entry.conversationId() != null;
    }

    /** The entry's summary; for a call ({@code call.ended}, {@code call.missed}) one in the viewer's language. */
    public String summary(TimelineEntry entry) {
        return told(entry).orElse(entry.summary());
    }

    /** A call's entry told from the call itself (who, how long, how it ended), in the viewer's language; empty when the call is not found. */
    java.util.Optional<String> told(TimelineEntry entry) {
        if (!tells(entry)) {
            return java.util.Optional.empty();
        }
        return find(entry).map(call -> text(entry.kind(), call));
    }

    /** How long a call lasted ("3 dk 4 sn"), in the viewer's language. */
    public String duration(Integer seconds) {
        if (seconds == null) {
            return "";
        }
        return format.preciseSpan(java.time.Duration.ofSeconds(seconds));
    }

    /** A PBX's hang-up cause in words when the bundles know it, else as the PBX said it. */
    public String cause(String cause) {
        return cause == null ? "" : format.label("calls.cause." + cause.toLowerCase(java.util.Locale.ROOT), cause);
    }

    private String text(String kind, Call call) {
        String caller = call.caller() == null ? message("calls.card.withheld") : call.caller();
        if ("call.missed".equals(kind)) {
            return message("calls.timeline.missed", caller);
        }
        CallCard card = CallCard.of(call, null);
        String text = card.duration() == null ? message("calls.timeline.ended", caller)
                : message("calls.timeline.endedAfter", caller, duration(card.duration()));
        return call.cause() == null ? text : message("calls.timeline.cause", text, cause(call.cause()));
    }

    /** The call the entry tells of: of its conversation, the one that ended at the entry's moment. */
    private Optional<Call> find(TimelineEntry entry) {
        List<Call> calls = callsOf(entry.conversationId());
        return calls.stream().filter(c -> entry.occurredAt().equals(c.endedAt())).findFirst();
    }

    /** A conversation's calls, read once per request however many of its entries the page shows. */
    @SuppressWarnings("unchecked")
    private List<Call> callsOf(UUID conversationId) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        Map<UUID, List<Call>> cache = request == null ? null : (Map<UUID, List<Call>>) request.getAttribute(CACHE, RequestAttributes.SCOPE_REQUEST);
        if (cache == null) {
            cache = new HashMap<>();
            if (request != null) {
                request.setAttribute(CACHE, cache, RequestAttributes.SCOPE_REQUEST);
            }
        }
        return cache.computeIfAbsent(conversationId, centre::ofConversation);
    }

    private String message(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }
}
