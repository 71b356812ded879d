package io.temas.chat;

import java.util.Locale;

/** Why the bot handed a chat to a person; each has the message key {@code bot.reason.<code>}. */
enum HandOverReason {
    /** The customer asked for a person ("temsilci", "operatör", "agent"). */
    ASKED_FOR_PERSON,
    /** Words of anger or complaint. */
    COMPLAINT,
    /** A routing rule says a person answers this topic (money matters). */
    PERSON_TOPIC,
    /** Two answers did not help. */
    UNHELPFUL;

    String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
