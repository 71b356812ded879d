package io.temas.channels.sms;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The SMS provider.
 *
 * @param provider      {@code none} (sends are recorded, not sent), {@code generic} or {@code twilio}
 * @param baseUrl       the provider's API root ({@code https://api.twilio.com} for Twilio)
 * @param accountSid    Twilio account SID (set it from the environment)
 * @param authToken     Twilio auth token; also the key of Twilio's webhook signatures (environment only)
 * @param apiKey        bearer token for the generic provider's API (environment only)
 * @param webhookSecret key of the generic format's {@code X-Temas-Signature} (environment only)
 * @param sender        the number or alphanumeric sender id messages leave from
 * @param publicUrl     the URL the provider reaches Temas at, when a proxy rewrites it; Twilio signs
 *                      the URL it called, and status callbacks are sent to this address
 * @param timeout       time limit of one call to the provider
 */
@ConfigurationProperties("temas.sms")
public record SmsSettings(
        @DefaultValue("none") String provider,
        String baseUrl,
        String accountSid,
        String authToken,
        String apiKey,
        String webhookSecret,
        String sender,
        String publicUrl,
        @DefaultValue("10s") Duration timeout) {

    public boolean twilio() {
        return "twilio".equalsIgnoreCase(provider);
    }

    public boolean generic() {
        return "generic".equalsIgnoreCase(provider);
    }
}
