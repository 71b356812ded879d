package io.temas.calls.twilio;

import com.sun.net.httpserver.HttpExchange;
import io.temas.support.LocalProvider;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays Twilio's Calls API by its documented wire format: {@code POST
 * /2010-04-01/Accounts/{AccountSid}/Calls.json}, form-encoded {@code To}, {@code From},
 * {@code Twiml}, {@code StatusCallback}, {@code StatusCallbackEvent} (repeated), HTTP basic auth with
 * the account SID and auth token; answers 201 with the call resource as JSON, 401 for wrong credentials.
 */
final class FakeTwilioVoice implements AutoCloseable {

    /** One request as received; form values in order, repeated names kept. */
    record Request(String path, String authorization, Map<String, List<String>> form) {

        String first(String name) {
            List<String> values = form.get(name);
            return values == null || values.isEmpty() ? null : values.getFirst();
        }
    }

    private final LocalProvider server;
    private final String accountSid;
    private final String authToken;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger sids = new AtomicInteger();

    FakeTwilioVoice(String accountSid, String authToken) {
        this.accountSid = accountSid;
        this.authToken = authToken;
        server = LocalProvider.start("/2010-04-01/Accounts/", this::handle);
    }

    String baseUrl() {
        return server.baseUrl();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, List<String>> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.computeIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), k -> new ArrayList<>())
                        .add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        requests.add(new Request(exchange.getRequestURI().getPath(), authorization, form));
        String expected = "Basic " + Base64.getEncoder().encodeToString((accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(authorization)) {
            answer(exchange, 401, "{\"code\":20003,\"message\":\"Authenticate\",\"more_info\":\"https://www.twilio.com/docs/errors/20003\",\"status\":401}");
        } else if (!"POST".equals(exchange.getRequestMethod()) || !exchange.getRequestURI().getPath().equals("/2010-04-01/Accounts/" + accountSid + "/Calls.json")) {
            answer(exchange, 404, "{\"code\":20404,\"message\":\"The requested resource was not found\",\"status\":404}");
        } else {
            String sid = "CA%032d".formatted(sids.incrementAndGet());
            answer(exchange, 201, """
                    {"sid":"%s","account_sid":"%s","to":"%s","from":"%s","status":"queued","direction":"outbound-api","api_version":"2010-04-01"}"""
                    .formatted(sid, accountSid, form.get("To").getFirst(), form.get("From").getFirst()));
        }
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        LocalProvider.answer(exchange, status, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.close();
    }
}
