package io.temas.portal;

import io.temas.calls.Callback;
import io.temas.calls.CallbackPolicies;
import io.temas.calls.CallbackRequest;
import io.temas.calls.CallbackSlot;
import io.temas.calls.CallbackSource;
import io.temas.calls.Callbacks;
import io.temas.calls.SlotNotOffered;
import io.temas.shared.InvalidInput;
import io.temas.shared.Language;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Call me back": the visitor picks a day, sees the times still offered, leaves a number and a
 * note, and gets a callback at the time they chose, confirmed on the page and by SMS (or e-mail).
 * Times are shown in the visitor's language and the call centre's zone. Bookings count against the
 * same per-client limit as the contact form.
 */
@Controller
class CallbackController {

    /** A time as the visitor sees it: the slot's start as the form sends it, and its label. */
    record SlotChoice(String value, String label) {
    }

    static final int NOTE_LIMIT = 2000;

    private final Callbacks callbacks;
    private final CallbackPolicies policies;
    private final ContactThrottle throttle;
    private final Clock clock;
    private final String region;

    CallbackController(Callbacks callbacks, CallbackPolicies policies, ContactThrottle throttle, Clock clock,
                       @org.springframework.beans.factory.annotation.Value("${temas.identity.default-region:TR}") String region) {
        this.callbacks = callbacks;
        this.policies = policies;
        this.throttle = throttle;
        this.clock = clock;
        this.region = region;
    }

    @GetMapping("/portal/callback")
    String form(@RequestParam(required = false) String date, @RequestParam(required = false) String ref, Locale locale, Model model,
                HttpServletResponse response) {
        Callbacks.Target target = callbacks.target(null);
        if (ref != null && ref.matches("T-[0-9]{1,12}")) {
            // From an acknowledgement's offer of a call: the request's reference starts the note, so the agent finds it.
            model.addAttribute("note", ref + ": ");
        }
        LocalDate day = day(date, target.zone()).orElse(null);
        if (day == null && date != null && !date.isBlank()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", "callbacks.portal.badDate");
        }
        if (day == null) {
            day = callbacks.nextSlot(null).map(s -> LocalDate.ofInstant(s.start(), target.zone()))
                    .orElseGet(() -> LocalDate.now(clock.withZone(target.zone())));
        }
        return page(day, target, locale, model);
    }

    @PostMapping("/portal/callback")
    String book(@RequestParam(defaultValue = "") String date, @RequestParam(defaultValue = "") String slot,
                @RequestParam(defaultValue = "") String phone, @RequestParam(defaultValue = "") String email,
                @RequestParam(defaultValue = "") String note, Locale locale, Model model, HttpServletRequest request,
                HttpServletResponse response) {
        Callbacks.Target target = callbacks.target(null);
        LocalDate day = day(date, target.zone()).orElseGet(() -> LocalDate.now(clock.withZone(target.zone())));
        model.addAttribute("phone", phone);
        model.addAttribute("email", email);
        model.addAttribute("note", note);
        model.addAttribute("chosen", slot);
        Optional<String> number = ContactAddresses.phone(phone, region);
        Optional<String> mail = email.isBlank() ? Optional.empty() : ContactAddresses.email(email);
        String error = slot.isBlank() ? "callbacks.portal.noSlot"
                : number.isEmpty() ? "callbacks.portal.badPhone"
                : !email.isBlank() && mail.isEmpty() ? "callbacks.portal.badEmail"
                : note.length() > NOTE_LIMIT ? "callbacks.portal.longNote" : null;
        if (error != null) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", error);
            return page(day, target, locale, model);
        }
        if (!throttle.allow(request.getRemoteAddr())) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            PortalProblems.retryAfter(response, throttle.wait(request.getRemoteAddr()));
            model.addAttribute("error", "kb.portal.contact.tooMany");
            return page(day, target, locale, model);
        }
        Language language = PortalController.language(locale);
        try {
            Callback callback = callbacks.book(new CallbackRequest(number.get(), Instant.parse(slot.strip()), null,
                    note.isBlank() ? null : note, language, CallbackSource.PORTAL, null, null, mail.orElse(null)));
            model.addAttribute("whenDay", LocalDate.ofInstant(callback.slot().start(), target.zone())
                    .format(DateTimeFormatter.ofPattern("d MMMM yyyy, EEEE", locale)));
            model.addAttribute("when", label(callback.slot(), target.zone(), locale));
            model.addAttribute("bookedPhone", callback.phone());
            return "portal/callback-booked";
        } catch (SlotNotOffered | DateTimeParseException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("error", "callbacks.portal.slotGone");
        } catch (InvalidInput e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", "callbacks.portal.invalid");
        }
        return page(day, target, locale, model);
    }

    private String page(LocalDate day, Callbacks.Target target, Locale locale, Model model) {
        LocalDate today = LocalDate.now(clock.withZone(target.zone()));
        List<SlotChoice> slots = callbacks.slots(day, null).stream()
                .map(s -> new SlotChoice(s.start().toString(), label(s, target.zone(), locale))).toList();
        model.addAttribute("day", day);
        model.addAttribute("dayLabel", day.format(DateTimeFormatter.ofPattern("d MMMM yyyy, EEEE", locale)));
        model.addAttribute("today", today);
        model.addAttribute("lastDay", today.plusDays(policies.policy().daysAhead()));
        model.addAttribute("slots", slots);
        return "portal/callback";
    }

    private static String label(CallbackSlot slot, ZoneId zone, Locale locale) {
        DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm", locale);
        return slot.start().atZone(zone).format(time) + "–" + slot.end().atZone(zone).format(time);
    }

    private static Optional<LocalDate> day(String date, ZoneId zone) {
        if (date == null || date.isBlank() || date.length() > 10) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(date.strip()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
