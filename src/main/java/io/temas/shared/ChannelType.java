package io.temas.shared;

import java.util.Locale;

/** The media a message travels on. */
public enum ChannelType {
    EMAIL, CHAT, SMS, VOICE, SOCIAL, WEBFORM;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the lower-case wire form ({@code email}, {@code sms}, ...). */
    public static ChannelType of(String code) {
        if (code == null) {
            throw new InvalidInput("channel", "channel is required");
        }
        try {
            return valueOf(code.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("channel", "unknown channel '" + code + "'");
        }
    }
}
