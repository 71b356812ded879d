package io.temas.channels.whatsapp;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The WhatsApp Business Cloud API. Nothing is sent until the access token and the phone number id
 * are set; no webhook is taken until the app secret is set (every POST is signed with it) and Meta's
 * subscription check needs the verify token. Secrets come from the environment only.
 *
 * @param baseUrl           the Graph API's root
 * @param apiVersion        the Graph API version in every path ({@code v21.0})
 * @param appSecret         the Meta app's secret: the key of {@code X-Hub-Signature-256}
 * @param verifyToken       the word Meta repeats when the webhook is subscribed
 * @param accessToken       a system user's token with the {@code whatsapp_business_messaging} permission
 * @param phoneNumberId     the id of the business number messages leave from
 * @param businessAccountId the WhatsApp Business Account whose templates are read
 * @param timeout           time limit of one call to the Graph API
 * @param maxMediaBytes     larger media are not downloaded (the message is kept with a note)
 * @param sendsPerSecond    the most messages a second this node sends from the number: the Cloud API takes 80 a second
 *                          from a business number (1,000 once Meta upgrades it, 20 for one shared with the Business app)
 *                          and answers more with error 130429
 */
@ConfigurationProperties("temas.whatsapp")
public record WhatsAppSettings(
        @DefaultValue("https://graph.facebook.com") String baseUrl,
        @DefaultValue("v21.0") String apiVersion,
        String appSecret,
        String verifyToken,
        String accessToken,
        String phoneNumberId,
        String businessAccountId,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("25MB") DataSize maxMediaBytes,
        @DefaultValue("80") int sendsPerSecond) {

    public WhatsAppSettings {
        if (sendsPerSecond < 1 || sendsPerSecond > 1000) {
            throw new IllegalArgumentException("temas.whatsapp.sends-per-second must be between 1 and 1000, not " + sendsPerSecond);
        }
    }

    /** Whether messages can be sent: a token and the number to send from. */
    public boolean configured() {
        return !blank(accessToken) && !blank(phoneNumberId);
    }

    /** Whether signed webhooks can be checked. */
    public boolean webhookReady() {
        return !blank(appSecret);
    }

    public boolean verifyTokenSet() {
        return !blank(verifyToken);
    }

    /** The Graph API root with its version: {@code https://graph.facebook.com/v21.0}. */
    String root() {
        return baseUrl.replaceAll("/+$", "") + "/" + apiVersion;
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
