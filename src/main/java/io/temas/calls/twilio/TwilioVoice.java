package io.temas.calls.twilio;

import io.temas.shared.ReasonCode;
import io.temas.calls.Pbx;
import io.temas.calls.PbxStatus;
import io.temas.calls.PbxUnavailable;
import io.temas.calls.Telephony;
import io.temas.calls.TelephonySettings;
import io.temas.calls.TwilioVoiceSettings;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.stereotype.Component;

/**
 * Click-to-call through Twilio's Calls API ({@code POST /2010-04-01/Accounts/{sid}/Calls.json}):
 * Twilio rings the agent's phone (its Client identity or SIP address) from the configured caller
 * number, and once it is answered runs TwiML that dials the customer. Status callbacks of both legs
 * come to {@code /api/v1/webhooks/voice/twilio/status/<Temas's call id>}, so the call is found
 * however soon they come.
 */
@Component
class TwilioVoice implements Pbx {

    private final TelephonySettings telephony;
    private final TwilioVoiceSettings settings;
    private final HttpClient http;

    TwilioVoice(TelephonySettings telephony, TwilioVoiceSettings settings) {
        this.telephony = telephony;
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    }

    @Override
    public String code() {
        return "twilio";
    }

    @Override
    public boolean ready() {
        Telephony t = telephony.current();
        return t.twilio().configured() && t.twilio().callerNumber() != null && t.publicUrl() != null;
    }

    @Override
    public PbxStatus status() {
        Telephony t = telephony.current();
        if (ready()) {
            return PbxStatus.of(true);
        }
        return PbxStatus.missing(!t.twilio().configured() ? "credentials" : t.twilio().callerNumber() == null ? "callerNumber" : "publicUrl");
    }

    @Override
    public String dial(Dial dial) {
        if (!ready()) {
            throw new PbxUnavailable("Twilio is not configured to place calls: " + status().missing() + " missing")
                    .saying(ReasonCode.of("calls.pbx.notConfigured", "Twilio"));
        }
        Telephony t = telephony.current();
        Telephony.Twilio twilio = t.twilio();
        String callback = t.publicUrl() + TwilioVoiceWebhooks.STATUS_PATH + "/" + dial.callId();
        String shown = dial.callerId() != null && !dial.callerId().isBlank() ? dial.callerId() : twilio.callerNumber();
        String twiml = TwilioVoiceWebhooks.twiml("<Dial callerId=\"" + TwilioIdentities.xml(shown) + "\">"
                + "<Number statusCallbackEvent=\"answered\" statusCallback=\"" + TwilioIdentities.xml(callback)
                + "\" statusCallbackMethod=\"POST\">" + TwilioIdentities.xml(dial.number()) + "</Number></Dial>");
        String form = "To=" + enc(TwilioIdentities.address(dial.extension(), twilio))
                + "&From=" + enc(twilio.callerNumber())
                + "&Twiml=" + enc(twiml)
                + "&StatusCallback=" + enc(callback)
                + "&StatusCallbackMethod=POST"
                + "&StatusCallbackEvent=initiated&StatusCallbackEvent=ringing&StatusCallbackEvent=answered&StatusCallbackEvent=completed";
        HttpRequest request = HttpRequest.newBuilder(URI.create(twilio.apiUrl().replaceAll("/+$", "") + "/2010-04-01/Accounts/"
                        + enc(twilio.accountSid()) + "/Calls.json"))
                .timeout(settings.timeout())
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (twilio.accountSid() + ":" + twilio.authToken()).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new PbxUnavailable("Twilio could not be reached: " + e).saying(ReasonCode.of("calls.pbx.unreachable", "Twilio"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PbxUnavailable("interrupted while placing the call").saying(ReasonCode.of("calls.pbx.interrupted"));
        }
        if (response.statusCode() / 100 != 2) {
            String body = response.body() == null ? "" : response.body().strip();
            throw new PbxUnavailable("Twilio refused the call: HTTP " + response.statusCode()
                    + (body.isEmpty() ? "" : " " + (body.length() > 200 ? body.substring(0, 200) + "…" : body)))
                    .saying(ReasonCode.of("calls.pbx.refused", "Twilio", response.statusCode()));
        }
        // Temas's id stays the call's: the status callbacks carry it, and may come before Twilio's answer does.
        return dial.callId().toString();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
