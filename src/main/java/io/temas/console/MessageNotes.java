package io.temas.console;

import io.temas.conversations.Message;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * A message's text as the thread shows it. The WhatsApp channel stores what has no words of its own
 * in a fixed, bracketed form of the engine's ({@code [image]}, {@code [document: fatura.pdf]},
 * {@code [reaction 👍]}, {@code [order message]}); that stays in the message for the API and the
 * audit trail, and the thread says it in the reader's language. Only a whole text in exactly that
 * form, on a WhatsApp message, is said again; anything else is shown as written. Templates call it
 * as {@code @messageNotes}.
 */
@Component("messageNotes")
class MessageNotes {

    private static final Pattern MEDIA = Pattern.compile("\\[(image|document|audio|video|sticker)(?:: (.+))?]");
    private static final Pattern REACTION = Pattern.compile("\\[reaction (.*)]");
    private static final Pattern OTHER = Pattern.compile("\\[([a-z_]+) message]");

    private final MessageSource messages;

    MessageNotes(MessageSource messages) {
        this.messages = messages;
    }

    public String text(Message m) {
        String text = m.text();
        if (text == null || !"whatsapp".equals(m.channel().code()) || !text.startsWith("[") || !text.endsWith("]")) {
            return text;
        }
        Matcher media = MEDIA.matcher(text);
        if (media.matches()) {
            String kind = say("whatsapp.note.kind." + media.group(1), media.group(1));
            return media.group(2) == null ? say("whatsapp.note.media", text, kind) : say("whatsapp.note.mediaNamed", text, kind, media.group(2));
        }
        Matcher reaction = REACTION.matcher(text);
        if (reaction.matches()) {
            return say("whatsapp.note.reaction", text, reaction.group(1));
        }
        Matcher other = OTHER.matcher(text);
        if (other.matches()) {
            return say("whatsapp.note.other", text, other.group(1));
        }
        return text;
    }

    private String say(String key, String fallback, Object... args) {
        return messages.getMessage(key, args, fallback, locale());
    }

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }
}
