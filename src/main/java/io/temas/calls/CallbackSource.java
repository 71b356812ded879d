package io.temas.calls;

import com.fasterxml.jackson.annotation.JsonValue;
import io.temas.shared.InvalidInput;
import java.util.Locale;

/** Where a callback was booked: the help centre, a chat, an agent, the phone menu, the API or a routing rule. */
public enum CallbackSource {
    PORTAL, CHAT, AGENT, IVR, API, RULE;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws InvalidInput for anything but portal, chat, agent, ivr, api or rule */
    public static CallbackSource of(String code) {
        try {
            return valueOf(code.strip().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new InvalidInput("source", "source is portal, chat, agent, ivr, api or rule");
        }
    }
}
