package io.temas.chat;

import io.temas.calls.CallbackRequest;
import io.temas.calls.CallbackSlot;
import io.temas.calls.CallbackSource;
import io.temas.calls.Callbacks;
import io.temas.shared.Language;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Callbacks from a chat: the times the call centre offers, labelled in the visitor's language and
 * the call centre's zone, for the widget to choose from; and the booking of one.
 */
@Component
class ChatCallbacks {

    /** How many times the widget shows at most, and over how many days with free times. */
    static final int MAX_OPTIONS = 12;
    static final int MAX_DAYS = 3;
    private static final int LOOK_AHEAD_DAYS = 14;

    /** A time to choose: the slot and how it reads. */
    record Option(Instant start, Instant end, String label) {
    }

    private final Callbacks callbacks;
    private final Clock clock;

    ChatCallbacks(Callbacks callbacks, Clock clock) {
        this.callbacks = callbacks;
        this.clock = clock;
    }

    /** The next offered times, over the first few days that have any. */
    List<Option> options(Language language) {
        ZoneId zone = callbacks.target(null).zone();
        LocalDate day = LocalDate.ofInstant(clock.instant(), zone);
        List<Option> options = new ArrayList<>();
        int days = 0;
        for (int i = 0; i < LOOK_AHEAD_DAYS && days < MAX_DAYS && options.size() < MAX_OPTIONS; i++) {
            List<CallbackSlot> slots = callbacks.slots(day.plusDays(i), null);
            if (slots.isEmpty()) {
                continue;
            }
            days++;
            for (CallbackSlot slot : slots) {
                if (options.size() == MAX_OPTIONS) {
                    break;
                }
                options.add(new Option(slot.start(), slot.end(), label(language, zone, slot)));
            }
        }
        return options;
    }

    /**
     * Books a callback from this chat and answers how its time reads for the visitor.
     *
     * @throws io.temas.calls.SlotNotOffered when the time is not (or no longer) offered
     */
    String book(ChatSessions.Session session, String phone, Instant slot) {
        var booked = callbacks.book(new CallbackRequest(phone, slot, null, null, session.language(), CallbackSource.CHAT, null,
                session.conversationId(), session.email()));
        return label(session.language(), callbacks.target(null).zone(), booked.slot());
    }

    private static String label(Language language, ZoneId zone, CallbackSlot slot) {
        DateTimeFormatter day = DateTimeFormatter.ofPattern("EEEE d MMMM", language.locale()).withZone(zone);
        DateTimeFormatter time = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(language.locale()).withZone(zone);
        return day.format(slot.start()) + ", " + time.format(slot.start()) + "–" + time.format(slot.end());
    }
}
