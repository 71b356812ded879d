package io.temas.calls;

import io.temas.shared.ReasonCode;
import io.temas.channels.WebhookSignatures;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Click-to-call through the generic CTI connection: Temas posts
 * {@code {"callId","extension","to","callerId"}} to the dial URL, signed like the events it takes
 * ({@code X-Temas-Signature: sha256=<hex HMAC-SHA256 of the body>} under {@code temas.cti.webhook-secret}).
 * The PBX rings the extension, then the number, and reports the call's events to the CTI webhook
 * under the same {@code callId}. Any 2xx answer means it took the call.
 */
@Component
class CtiDial implements Pbx {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final TelephonySettings telephony;
    private final CtiSettings cti;
    private final JsonMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    CtiDial(TelephonySettings telephony, CtiSettings cti, JsonMapper json) {
        this.telephony = telephony;
        this.cti = cti;
        this.json = json;
    }

    @Override
    public String code() {
        return "cti";
    }

    @Override
    public boolean ready() {
        return Telephony.present(telephony.current().ctiDialUrl()) && Telephony.present(cti.webhookSecret());
    }

    @Override
    public String dial(Dial dial) {
        if (!ready()) {
            throw new PbxUnavailable("the CTI dial URL (temas.cti.dial-url) and signing key (temas.cti.webhook-secret) are not both set")
                    .saying(ReasonCode.of("calls.pbx.notConfigured", "CTI"));
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("callId", dial.callId().toString());
        request.put("extension", dial.extension());
        request.put("to", dial.number());
        request.put("callerId", dial.callerId());
        byte[] body = json.writeValueAsBytes(request);
        HttpRequest post = HttpRequest.newBuilder(URI.create(telephony.current().ctiDialUrl())).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("X-Temas-Signature", WebhookSignatures.sha256(cti.webhookSecret(), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<String> response;
        try {
            response = http.send(post, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new PbxUnavailable("the CTI dial URL could not be reached: " + e).saying(ReasonCode.of("calls.pbx.unreachable", "CTI"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PbxUnavailable("interrupted while placing the call").saying(ReasonCode.of("calls.pbx.interrupted"));
        }
        if (response.statusCode() / 100 != 2) {
            String text = response.body() == null ? "" : response.body();
            throw new PbxUnavailable("the PBX refused the call: HTTP " + response.statusCode()
                    + (text.isBlank() ? "" : " " + (text.length() > 200 ? text.substring(0, 200) + "…" : text)))
                    .saying(ReasonCode.of("calls.pbx.refused", "CTI", response.statusCode()));
        }
        return dial.callId().toString();
    }
}
