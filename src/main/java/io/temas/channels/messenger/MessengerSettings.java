package io.temas.channels.messenger;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Meta app and page Messenger and Instagram messages go through. Inactive until the app
 * secret, verify token and page access token are set: webhooks are refused and sends fail for
 * good, naming what is missing.
 *
 * @param baseUrl            the Graph API root
 * @param apiVersion         the Graph API version sends are made with
 * @param appSecret          key of {@code X-Hub-Signature-256} on webhooks (environment only)
 * @param verifyToken        the token Meta echoes when the webhook is subscribed (environment only)
 * @param pageAccessToken    the page's access token for the Send API (environment only)
 * @param pageId             the Facebook page (informational; the webhook names it)
 * @param instagramAccountId the Instagram professional account; Instagram replies are sent through it
 * @param timeout            time limit of one call to the Graph API
 * @param mediaHosts         the domains attachments are fetched from (https, the domain or below it);
 *                           the configured Graph API root is always allowed as well
 */
@ConfigurationProperties("temas.messenger")
public record MessengerSettings(
        @DefaultValue("https://graph.facebook.com") String baseUrl,
        @DefaultValue("v21.0") String apiVersion,
        String appSecret,
        String verifyToken,
        String pageAccessToken,
        String pageId,
        String instagramAccountId,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue({"fbcdn.net", "fbsbx.com", "cdninstagram.com"}) java.util.List<String> mediaHosts) {

    /** Whether the webhook can be verified and replies sent. */
    public boolean configured() {
        return missing() == null;
    }

    /** The settings still missing, for a refusal or the settings screen; null when none is. */
    public String missing() {
        java.util.List<String> missing = new java.util.ArrayList<>();
        if (blank(appSecret)) {
            missing.add("temas.messenger.app-secret");
        }
        if (blank(verifyToken)) {
            missing.add("temas.messenger.verify-token");
        }
        if (blank(pageAccessToken)) {
            missing.add("temas.messenger.page-access-token");
        }
        return missing.isEmpty() ? null : String.join(", ", missing);
    }

    String root() {
        return baseUrl.replaceAll("/+$", "") + "/" + apiVersion.strip();
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
