package io.temas.channels;

import io.temas.shared.IdentifierType;

/** The kind of address a channel's replies go to: the customer's, and the one we send from. */
public enum ReplyAddress {

    /** An e-mail address. */
    EMAIL(IdentifierType.EMAIL),
    /** A phone number in E.164 form ({@code +90...}). */
    PHONE(IdentifierType.PHONE),
    /** A network handle ({@code instagram:deniz}). */
    SOCIAL_HANDLE(IdentifierType.SOCIAL),
    /** The live session the customer writes in (a chat); it ends with the session. */
    SESSION(null),
    /** Whatever the customer left to be answered on: the e-mail address, else the phone number (a web form). */
    CONTACT(null),
    /** The channel cannot be answered. */
    NONE(null);

    private final IdentifierType identifier;

    ReplyAddress(IdentifierType identifier) {
        this.identifier = identifier;
    }

    /** The identity type of the customer's stored addresses of this kind, or null when addresses are not stored. */
    public IdentifierType identifier() {
        return identifier;
    }

    /** Whether one of our entry points can send a reply of this kind (an e-mail needs a mailbox, an SMS a number). */
    public boolean canSendFrom(String address) {
        return switch (this) {
            case EMAIL -> address.contains("@");
            case PHONE -> address.startsWith("+");
            default -> true;
        };
    }
}
