package io.temas.inbound;

import io.temas.channels.Acknowledgement;
import io.temas.conversations.References;
import io.temas.routing.EtaEstimator;
import io.temas.shared.Language;
import io.temas.shared.LastAnswers;
import io.temas.shared.Placeholders;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Renders acknowledgements in the customer's language and in the channel's shape (a letter or a
 * short text, cut to the channel's length): the admin's own texts where saved, else the message
 * bundles'. Texts name their placeholders ({@code {{reference}}}, see {@link #placeholders}) and are
 * filled literally by {@link Placeholders}, the same way as canned replies.
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
    private final Map<String, DateTimeFormatter> formatters = new ConcurrentHashMap<>();
    /**
     * The waits in words last asked: every acknowledgement says one, and the bundle's message format is filled under
     * its own lock, shared by the language's acknowledgements, building a number format for the count each time.
     */
    private final LastAnswers<WaitWords, String> waits = new LastAnswers<>(512);

    private record WaitWords(Language language, String key, long count) {
    }

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
        String name = customerName == null ? "" : customerName.strip();
        String greeting = name.isEmpty() ? text(language, "ack.greeting.anonymous") : text(language, "ack.greeting.named", name);
        String late = eta.beyondSla() ? text(language, "ack.late") : null;
        Map<String, String> values = new HashMap<>();
        values.put("greeting", greeting);
        values.put("customer", name);
        values.put("reference", reference);
        values.put("promisedBy", when(language, eta.localBy(), now.withZoneSameInstant(eta.zone())));
        values.put("wait", waitText(language, eta.expectedWait()));
        values.put("signature", signature);
        values.put("late", late == null ? "" : " " + late);
        if (shape.shape() == Acknowledgement.Shape.LETTER) {
            boolean plain = originalSubject == null || originalSubject.isBlank();
            values.put("subject", plain ? "" : References.strip(originalSubject));
            String subject = Placeholders.fill(template(language, plain ? "ack.email.subject.plain" : "ack.email.subject"), values);
            return new Rendered(subject, AutomaticReplies.cut(withLate(language, "ack.email.body", late, "\n\n", values), shape));
        }
        return new Rendered(null, AutomaticReplies.cut(withLate(language, "ack.short", late, " ", values), shape));
    }

    /**
     * The placeholders a text may use, by its key: {@code {{greeting}}} ("Hello Deniz," or "Hello,"), {@code {{customer}}} (the
     * name alone), {@code {{reference}}}, {@code {{promisedBy}}} (the reply-by time), {@code {{wait}}} (the expected wait),
     * {@code {{signature}}}, {@code {{late}}} (the notice that the answer may take longer than usual, blank unless the promise
     * is past the SLA's due time); subjects have {@code {{subject}}} (the customer's own), {@code {{reference}}} and
     * {@code {{customer}}}.
     */
    public static List<String> placeholders(String key) {
        return switch (key) {
            case "ack.email.subject" -> List.of("subject", "reference", "customer");
            case "ack.email.subject.plain" -> List.of("reference", "customer");
            default -> List.of("greeting", "customer", "reference", "promisedBy", "wait", "signature", "late");
        };
    }

    /** The admin's text for the key, else the bundle's, unfilled. */
    private String template(Language language, String key) {
        return overrides.override(language, key).orElseGet(() -> messages.getMessage(key, null, key, language.locale()));
    }

    /** Fills a text; one without {@code {{late}}} (an admin's older one) gets the notice appended when there is one. */
    private String withLate(Language language, String key, String late, String separator, Map<String, String> values) {
        String template = template(language, key);
        String filled = Placeholders.fill(template, values);
        return late != null && !Placeholders.uses(template, "late") ? filled.stripTrailing() + separator + late : filled;
    }

    String when(Language language, ZonedDateTime by, ZonedDateTime now) {
        String time = by.format(formatter("HH:mm", language));
        LocalDate day = by.toLocalDate();
        if (day.equals(now.toLocalDate())) {
            return text(language, "eta.today", time);
        }
        if (day.equals(now.toLocalDate().plusDays(1))) {
            return text(language, "eta.tomorrow", time);
        }
        return by.format(formatter(text(language, "eta.date.pattern"), language));
    }

    /** Formatters are immutable and costly to parse from their pattern: one per pattern and language. */
    private DateTimeFormatter formatter(String pattern, Language language) {
        return formatters.computeIfAbsent(language.code() + ' ' + pattern, k -> DateTimeFormatter.ofPattern(pattern, language.locale()));
    }

    String waitText(Language language, Duration wait) {
        long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
        if (minutes < 120) {
            return waitWords(language, "wait.minutes", minutes);
        }
        long hours = (minutes + 59) / 60;
        if (hours < 48) {
            return waitWords(language, "wait.hours", hours);
        }
        return waitWords(language, "wait.days", (hours + 23) / 24);
    }

    /** A wait in words: the bundle's, which do not change while Temas runs, so kept as they were last asked. */
    private String waitWords(Language language, String key, long count) {
        WaitWords asked = new WaitWords(language, key, count);
        int hash = asked.hashCode();
        String words = waits.get(asked, hash);
        if (words == null) {
            words = text(language, key, count);
            waits.put(asked, hash, words);
        }
        return words;
    }

    private String text(Language language, String key, Object... args) {
        return messages.getMessage(key, args, language.locale());
    }
}
