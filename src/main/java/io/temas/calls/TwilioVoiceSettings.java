package io.temas.calls;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Twilio Programmable Voice, unless the telephony settings screen says otherwise.
 *
 * @param baseUrl      Twilio's REST root
 * @param accountSid   the account SID
 * @param authToken    the auth token: the REST password and the key of {@code X-Twilio-Signature} (environment only)
 * @param callerNumber the Twilio number calls Temas places show to customers
 * @param domain       where agents' phones are: blank for Twilio Client identities ({@code <Client>101</Client>}), or a
 *                     SIP domain ({@code temas.sip.twilio.com}: {@code <Sip>sip:101@temas.sip.twilio.com</Sip>})
 * @param timeout      time limit of one call to Twilio's REST API
 */
@ConfigurationProperties("temas.twilio-voice")
public record TwilioVoiceSettings(@DefaultValue("https://api.twilio.com") String baseUrl, String accountSid, String authToken,
                                  String callerNumber, String domain, @DefaultValue("10s") Duration timeout) {
}
