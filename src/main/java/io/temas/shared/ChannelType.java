package io.temas.shared;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The media a message travels on, named by its lower-case code ({@code email}, {@code sms}, ...).
 * The set is open: a channel exists when a channel package registers a descriptor for its code
 * (the {@code Channels} registry of the channels module answers which codes are known). The
 * constants name the channels the core refers to by name; a new channel needs none.
 */
public record ChannelType(String code) {

    public static final ChannelType EMAIL = new ChannelType("email");
    public static final ChannelType CHAT = new ChannelType("chat");
    public static final ChannelType SMS = new ChannelType("sms");
    public static final ChannelType VOICE = new ChannelType("voice");
    public static final ChannelType SOCIAL = new ChannelType("social");
    public static final ChannelType WEBFORM = new ChannelType("webform");

    public ChannelType {
        if (code == null || !wellFormed(code)) {
            throw new IllegalArgumentException("a channel code is a lower-case word of letters, digits and '-', not '" + code + "'");
        }
    }

    /**
     * Parses the wire form, ignoring case and surrounding blanks. Only the form is checked here;
     * whether a channel of that code exists is the registry's answer. Also reads the upper-case
     * names stored as JSON before channels were open.
     */
    @JsonCreator
    public static ChannelType of(String code) {
        if (code == null || code.isBlank()) {
            throw new InvalidInput("channel", "channel is required");
        }
        String normalised = code.strip().toLowerCase(Locale.ROOT);
        if (!wellFormed(normalised)) {
            throw new InvalidInput("channel", "unknown channel '" + code + "'");
        }
        return new ChannelType(normalised);
    }

    /** A lower-case letter, then up to 31 lower-case letters, digits or '-' (ASCII); checked for every row and message naming a channel. */
    private static boolean wellFormed(String code) {
        if (code.isEmpty() || code.length() > 32 || code.charAt(0) < 'a' || code.charAt(0) > 'z') {
            return false;
        }
        for (int i = 1; i < code.length(); i++) {
            char c = code.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** The lower-case code: the wire, database and message-key form. */
    @Override
    @JsonValue
    public String code() {
        return code;
    }

    @Override
    public String toString() {
        return code;
    }
}
