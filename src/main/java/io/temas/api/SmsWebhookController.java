package io.temas.api;

import io.swagger.v3.oas.annotations.Operation;
import io.temas.channels.Receipt;
import io.temas.channels.sms.SmsWebhooks;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * SMS provider webhooks. Providers cannot send API tokens, so these paths are open and every
 * request is checked by its signature instead; refused input is quarantined (an unsigned request
 * only in part and a few per client, the client being the address after forwarded-header handling).
 */
@RestController
class SmsWebhookController {

    private static final String TWIML_EMPTY = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";

    private final SmsWebhooks webhooks;

    SmsWebhookController(SmsWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    @Operation(summary = "Inbound SMS, generic JSON", description = "{\"id\",\"from\",\"to\",\"text\",\"receivedAt\"?}, signed with "
            + "X-Temas-Signature: sha256=<hex HMAC-SHA256 of the body>.")
    @PostMapping(path = "/api/v1/webhooks/sms/generic", consumes = MediaType.ALL_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<InboundController.Accepted> generic(@RequestBody byte[] body, HttpServletRequest request,
                                                @RequestHeader(value = "X-Temas-Signature", required = false) String signature) {
        return InboundController.answer(webhooks.genericInbound(body, signature, request.getRemoteAddr()));
    }

    @Operation(summary = "Delivery receipt, generic JSON", description = "{\"id\",\"status\",\"error\"?}, signed like inbound SMS.")
    @PostMapping(path = "/api/v1/webhooks/sms/generic/status", consumes = MediaType.ALL_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> genericStatus(@RequestBody byte[] body, HttpServletRequest request,
                                      @RequestHeader(value = "X-Temas-Signature", required = false) String signature) {
        return Map.of("matched", webhooks.genericStatus(body, signature, request.getRemoteAddr()));
    }

    @Operation(summary = "Inbound SMS, Twilio form format", description = "Signed with X-Twilio-Signature; answers empty TwiML.")
    @PostMapping(path = "/api/v1/webhooks/sms/twilio", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.TEXT_XML_VALUE)
    ResponseEntity<String> twilio(@RequestBody byte[] body, HttpServletRequest request,
                                  @RequestHeader(value = "X-Twilio-Signature", required = false) String signature) {
        Receipt receipt = webhooks.twilioInbound(url(request), form(body), body, signature, request.getRemoteAddr());
        return ResponseEntity.status(receipt.duplicate() ? HttpStatus.OK : HttpStatus.CREATED).contentType(MediaType.TEXT_XML).body(TWIML_EMPTY);
    }

    @Operation(summary = "Delivery receipt, Twilio status callback")
    @PostMapping(path = "/api/v1/webhooks/sms/twilio/status", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<Void> twilioStatus(@RequestBody byte[] body, HttpServletRequest request,
                                      @RequestHeader(value = "X-Twilio-Signature", required = false) String signature) {
        webhooks.twilioStatus(url(request), form(body), body, signature, request.getRemoteAddr());
        return ResponseEntity.noContent().build();
    }

    private String url(HttpServletRequest request) {
        String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
        return webhooks.signedUrl(request.getRequestURL() + query, request.getRequestURI() + query);
    }

    private static Map<String, String> form(byte[] body) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(name, value);
        }
        return params;
    }
}
