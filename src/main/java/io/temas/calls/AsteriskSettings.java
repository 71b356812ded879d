package io.temas.calls;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Asterisk through its REST interface (ARI), unless the telephony settings screen says otherwise.
 *
 * @param url          ARI's root, without {@code /ari} ({@code http://pbx.example:8088})
 * @param username     the ARI user ({@code ari.conf})
 * @param password     its password (environment only)
 * @param app          the Stasis application the dialplan hands calls to ({@code Stasis(temas)})
 * @param technology   the channel technology agents' phones are reached by ({@code PJSIP}, {@code SIP}, {@code IAX2})
 * @param context      the dialplan context click-to-call dials the customer's number in, once the agent's phone answers
 * @param reconnectMin the first wait before connecting again after the event stream drops; it doubles up to {@code reconnectMax}
 * @param reconnectMax the longest wait between attempts
 */
@ConfigurationProperties("temas.asterisk")
public record AsteriskSettings(String url, String username, String password, @DefaultValue("temas") String app,
                               @DefaultValue("PJSIP") String technology, @DefaultValue("default") String context,
                               @DefaultValue("1s") Duration reconnectMin, @DefaultValue("1m") Duration reconnectMax) {
}
