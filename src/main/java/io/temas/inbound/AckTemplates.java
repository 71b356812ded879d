package io.temas.inbound;

import io.temas.channels.Acknowledgement;
import io.temas.conversations.References;
import io.temas.routing.EtaEstimator;
import io.temas.shared.Language;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Renders acknowledgements in the customer's language and in the channel's shape (a letter or a
 * short text, cut to the channel's length): the admin's own texts where saved, else the message
 * bundles'.
 */
@Component
public class AckTemplates {

    /** A rendered acknowledgement. */
    public record Rendered(String subject, String body) {
    }

    /** Texts that replace the bundle's for a language and key. */
    interface Overrides {

        Optional<String> override(Language language, String key);
    }

    private final MessageSource messages;
    private final Overrides overrides;

    AckTemplates(MessageSource messages) {
        this(messages, (language, key) -> Optional.empty());
    }

    @Autowired
    AckTemplates(MessageSource messages, Overrides overrides) {
        this.messages = messages;
        this.overrides = overrides;
    }

    /** The letter and the short acknowledgement with sample values, as a customer named Deniz Aydın would get them now. */
    public List<Rendered> preview(Language language, ZonedDateTime now, String signature) {
        EtaEstimator.Eta eta = new EtaEstimator.Eta(now.plusHours(2).toInstant(), Duration.ofHours(2), now.getZone(), "preview");
        return List.of(render(language, Acknowledgement.letter(Integer.MAX_VALUE), "Deniz Aydın", "T-1042", "Faturamda hata var", eta,
                        now, signature),
                render(language, Acknowledgement.text(Integer.MAX_VALUE), "Deniz Aydın", "T-1042", null, eta, now, signature));
    }

    Rendered render(Language language, Acknowledgement shape, String customerName, String reference, String originalSubject,
                    EtaEstimator.Eta eta, ZonedDateTime now, String signature) {
        String greeting = customerName == null || customerName.isBlank()
                ? text(language, "ack.greeting.anonymous")
                : text(language, "ack.greeting.named", customerName.strip());
        String by = when(language, eta.localBy(), now.withZoneSameInstant(eta.zone()));
        String waitText = waitText(language, eta.expectedWait());
        String late = eta.beyondSla() ? text(language, "ack.late") : null;
        if (shape.shape() == Acknowledgement.Shape.LETTER) {
            String subject = originalSubject == null || originalSubject.isBlank()
                    ? text(language, "ack.email.subject.plain", reference)
                    : text(language, "ack.email.subject", References.strip(originalSubject), reference);
            return new Rendered(subject, AutomaticReplies.cut(withLate(language, "ack.email.body", late, "\n\n", greeting, reference, by, waitText,
                    signature), shape));
        }
        return new Rendered(null, AutomaticReplies.cut(withLate(language, "ack.short", late, " ", greeting, reference, by, waitText, signature), shape));
    }

    /**
     * Fills a text whose {@code {5}} is the notice that the answer may take longer than usual (a promise past the
     * SLA's due time), blank otherwise; a text without {@code {5}} (an admin's older one) gets the notice appended.
     */
    private String withLate(Language language, String key, String late, String separator, Object... args) {
        Object[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = late == null ? "" : " " + late;
        String filled = text(language, key, all);
        String template = overrides.override(language, key).orElseGet(() -> messages.getMessage(key, null, key, language.locale()));
        return late != null && !template.contains("{5}") ? filled.stripTrailing() + separator + late : filled;
    }

    String when(Language language, ZonedDateTime by, ZonedDateTime now) {
        String time = by.format(DateTimeFormatter.ofPattern("HH:mm", language.locale()));
        LocalDate day = by.toLocalDate();
        if (day.equals(now.toLocalDate())) {
            return text(language, "eta.today", time);
        }
        if (day.equals(now.toLocalDate().plusDays(1))) {
            return text(language, "eta.tomorrow", time);
        }
        return by.format(DateTimeFormatter.ofPattern(text(language, "eta.date.pattern"), language.locale()));
    }

    String waitText(Language language, Duration wait) {
        long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
        if (minutes < 120) {
            return text(language, "wait.minutes", minutes);
        }
        long hours = (minutes + 59) / 60;
        if (hours < 48) {
            return text(language, "wait.hours", hours);
        }
        return text(language, "wait.days", (hours + 23) / 24);
    }

    private String text(Language language, String key, Object... args) {
        Optional<String> own = overrides.override(language, key);
        if (own.isEmpty()) {
            return messages.getMessage(key, args, language.locale());
        }
        // Admins' texts are filled in literally: an apostrophe stays an apostrophe.
        String text = own.get();
        for (int i = 0; i < args.length; i++) {
            text = text.replace("{" + i + "}", String.valueOf(args[i]));
        }
        return text;
    }
}
