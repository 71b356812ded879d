package io.temas.calls.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.temas.calls.Call;
import io.temas.calls.CallCentre;
import io.temas.calls.Extensions;
import io.temas.calls.TelephonySettings;
import io.temas.calls.TelephonyTestSettings;
import io.temas.channels.sms.SmsSignatures;
import io.temas.routing.Agent;
import io.temas.routing.Agents;
import io.temas.shared.ChannelType;
import io.temas.support.Api;
import io.temas.support.TemasIntegrationTest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Twilio Voice: the incoming-call webhook and status callbacks signed as Twilio signs them, forged
 * ones refused, and click-to-call through a fake of Twilio's Calls API.
 */
@TemasIntegrationTest
class TwilioVoiceIntegrationTests {

    private static final AtomicLong PHONES = new AtomicLong(5_500_000);
    private static final String PUBLIC_URL = "https://temas.example";
    private static final String SID = "AC" + "0123456789abcdef".repeat(2);

    @LocalServerPort
    int port;

    @Autowired
    TelephonySettings telephony;

    @Autowired
    CallCentre centre;

    @Autowired
    Extensions extensions;

    @Autowired
    Agents agents;

    @Autowired
    MeterRegistry meters;

    @Autowired
    JdbcClient jdbc;

    Optional<TelephonySettings.Saved> before;
    FakeTwilioVoice twilio;
    String token;
    Agent agent;
    String extension;

    @BeforeEach
    void configure() {
        before = telephony.saved();
        token = UUID.randomUUID().toString();
        twilio = new FakeTwilioVoice(SID, token);
        telephony.save(new TelephonySettings.Change("twilio", PUBLIC_URL, null, null, null, null, null, null, SID, token, "+908502220000",
                null, twilio.baseUrl(), null), "test");
        String name = "tw" + UUID.randomUUID().toString().substring(0, 8);
        agent = agents.create(new Agents.Draft(name, "Twilio " + name, null, List.of(), List.of("tr"), Map.of(ChannelType.VOICE, 1), List.of()),
                Agent.Presence.ONLINE);
        extension = "74" + PHONES.incrementAndGet();
        extensions.set(agent.id(), List.of(extension));
    }

    @AfterEach
    void restore() {
        agents.setPresence(agent.id(), Agent.Presence.OFFLINE);
        TelephonyTestSettings.restore(telephony, before);
        twilio.close();
    }

    @Test
    void anIncomingCallRingsTheFreeAgentsClientsAndTheLegThatAnswersGivesTheCallToItsAgent() {
        String phone = phone();
        String callSid = "CA" + UUID.randomUUID().toString().replace("-", "");
        HttpResponse<String> incoming = post(TwilioVoiceWebhooks.PATH, form("CallSid", callSid, "AccountSid", SID, "From", phone,
                "To", "+908502220000", "CallStatus", "ringing", "Direction", "inbound"), true);
        assertThat(incoming.statusCode()).as(incoming.body()).isEqualTo(200);
        assertThat(incoming.headers().firstValue("Content-Type").orElse("")).contains("xml");
        assertThat(incoming.body()).startsWith("<?xml").contains("<Response><Dial")
                .contains("<Client statusCallbackEvent=\"answered\" statusCallback=\"" + PUBLIC_URL + TwilioVoiceWebhooks.STATUS_PATH
                        + "\" statusCallbackMethod=\"POST\">" + extension + "</Client>");
        Call ringing = centre.findByExternal("twilio", callSid).orElseThrow();
        assertThat(ringing.state()).isEqualTo("ringing");
        assertThat(ringing.caller()).isEqualTo(phone);
        assertThat(ringing.conversationId()).isNotNull();

        String legSid = "CA" + UUID.randomUUID().toString().replace("-", "");
        HttpResponse<String> answered = post(TwilioVoiceWebhooks.STATUS_PATH, form("CallSid", legSid, "ParentCallSid", callSid,
                "AccountSid", SID, "From", phone, "To", "client:" + extension, "CallStatus", "in-progress", "Direction", "outbound-dial"), true);
        assertThat(answered.statusCode()).isEqualTo(204);
        Call taken = centre.findByExternal("twilio", callSid).orElseThrow();
        assertThat(taken.state()).isEqualTo("answered");
        assertThat(taken.agentId()).isEqualTo(agent.id());
        assertThat(taken.extension()).isEqualTo(extension);
        assertThat(new Api(port, TemasIntegrationTest.ADMIN_TOKEN).get("/api/v1/conversations/" + taken.conversationId()).json()
                .get("assigneeId").asString()).isEqualTo(agent.id().toString());

        assertThat(post(TwilioVoiceWebhooks.STATUS_PATH, form("CallSid", callSid, "AccountSid", SID, "From", phone, "To", "+908502220000",
                "CallStatus", "completed", "CallDuration", "42", "RecordingUrl", "https://api.twilio.com/2010-04-01/Accounts/" + SID
                        + "/Recordings/RE0001", "Direction", "inbound"), true).statusCode()).isEqualTo(204);
        Call ended = centre.findByExternal("twilio", callSid).orElseThrow();
        assertThat(ended.state()).isEqualTo("ended");
        assertThat(ended.durationSeconds()).isEqualTo(42);
        assertThat(ended.cause()).isEqualTo("normal");
        assertThat(ended.recordingUrl()).endsWith("/Recordings/RE0001");
        assertThat(jdbc.sql("select distinct content_type from call_events where call_id = ?").param(ended.id()).query(String.class).list())
                .containsExactly(TwilioVoiceWebhooks.CONTENT_TYPE);
    }

    @Test
    void withNobodyFreeTheCallIsTurnedAwayBusyAndStaysAMissedCall() {
        agents.setPresence(agent.id(), Agent.Presence.AWAY);
        List<Agent> online = agents.all().stream().filter(a -> a.presence() == Agent.Presence.ONLINE).toList();
        online.forEach(a -> agents.setPresence(a.id(), Agent.Presence.AWAY));
        try {
            String callSid = "CA" + UUID.randomUUID().toString().replace("-", "");
            String phone = phone();
            HttpResponse<String> incoming = post(TwilioVoiceWebhooks.PATH, form("CallSid", callSid, "From", phone, "To", "+908502220000",
                    "CallStatus", "ringing", "Direction", "inbound"), true);
            assertThat(incoming.body()).contains("<Reject reason=\"busy\"/>").doesNotContain("<Dial");
            post(TwilioVoiceWebhooks.STATUS_PATH, form("CallSid", callSid, "From", phone, "To", "+908502220000", "CallStatus", "busy",
                    "Direction", "inbound"), true);
            Call missed = centre.findByExternal("twilio", callSid).orElseThrow();
            assertThat(missed.state()).isEqualTo("failed");
            assertThat(missed.cause()).isEqualTo("busy");
        } finally {
            online.forEach(a -> agents.setPresence(a.id(), Agent.Presence.ONLINE));
        }
    }

    @Test
    void forgedAndUnsignedWebhooksAreRefusedAndCounted() {
        double before = refusedCount();
        Map<String, String> form = form("CallSid", "CA-forged", "From", phone(), "To", "+908502220000", "CallStatus", "ringing");
        HttpResponse<String> forged = send(TwilioVoiceWebhooks.PATH, form,
                SmsSignatures.twilio("not-the-token", PUBLIC_URL + TwilioVoiceWebhooks.PATH, form));
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
        assertThat(send(TwilioVoiceWebhooks.STATUS_PATH, form, null).statusCode()).isEqualTo(401);
        // Signed for the address the request came to, while Twilio is given the public one: not what Twilio signs.
        assertThat(send(TwilioVoiceWebhooks.PATH, form, SmsSignatures.twilio(token, "http://localhost:" + port + TwilioVoiceWebhooks.PATH, form))
                .statusCode()).isEqualTo(401);
        assertThat(refusedCount() - before).isEqualTo(3);
        assertThat(centre.findByExternal("twilio", "CA-forged")).isEmpty();

        HttpResponse<String> unreadable = post(TwilioVoiceWebhooks.STATUS_PATH, form("CallSid", "CA-x", "CallStatus", "completed",
                "CallDuration", "long"), true);
        assertThat(unreadable.statusCode()).isEqualTo(400);
    }

    @Test
    void clickToCallRingsTheAgentsClientThenDialsTheCustomerAndFollowsBothLegsByTemassCallId() {
        String phone = phone();
        Call dialing = centre.dial(agent.id(), phone, null, null, null);
        assertThat(dialing.state()).isEqualTo("dialing");
        assertThat(dialing.externalId()).isEqualTo(dialing.id().toString());

        FakeTwilioVoice.Request request = twilio.requests().getLast();
        assertThat(request.path()).isEqualTo("/2010-04-01/Accounts/" + SID + "/Calls.json");
        assertThat(request.first("To")).isEqualTo("client:" + extension);
        assertThat(request.first("From")).isEqualTo("+908502220000");
        String callback = PUBLIC_URL + TwilioVoiceWebhooks.STATUS_PATH + "/" + dialing.id();
        assertThat(request.first("StatusCallback")).isEqualTo(callback);
        assertThat(request.form().get("StatusCallbackEvent")).containsExactly("initiated", "ringing", "answered", "completed");
        assertThat(request.first("Twiml")).contains("<Dial callerId=\"+908502220000\">")
                .contains("<Number statusCallbackEvent=\"answered\" statusCallback=\"" + callback + "\"")
                .contains(">" + phone + "</Number>");

        String path = TwilioVoiceWebhooks.STATUS_PATH + "/" + dialing.id();
        String agentLeg = "CA" + UUID.randomUUID().toString().replace("-", "");
        post(path, form("CallSid", agentLeg, "From", "+908502220000", "To", "client:" + extension, "CallStatus", "ringing",
                "Direction", "outbound-api"), true);
        post(path, form("CallSid", agentLeg, "From", "+908502220000", "To", "client:" + extension, "CallStatus", "in-progress",
                "Direction", "outbound-api"), true);
        assertThat(centre.get(dialing.id()).answeredAt()).as("the agent picking up is not the customer answering").isNull();
        HttpResponse<String> customerAnswered = post(path, form("CallSid", "CA" + UUID.randomUUID().toString().replace("-", ""),
                "ParentCallSid", agentLeg, "From", "+908502220000", "To", phone, "CallStatus", "in-progress", "Direction", "outbound-dial"), true);
        assertThat(customerAnswered.statusCode()).as(customerAnswered.body()).isEqualTo(204);
        assertThat(centre.get(dialing.id()).state()).isEqualTo("answered");
        post(path, form("CallSid", agentLeg, "From", "+908502220000", "To", "client:" + extension, "CallStatus", "completed",
                "CallDuration", "75", "Direction", "outbound-api"), true);
        Call ended = centre.get(dialing.id());
        assertThat(ended.state()).isEqualTo("ended");
        assertThat(ended.durationSeconds()).isEqualTo(75);
        assertThat(ended.agentId()).isEqualTo(agent.id());
    }

    private double refusedCount() {
        return meters.find("temas.webhooks.refused").tag("channel", "voice").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static Map<String, String> form(String... pairs) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            form.put(pairs[i], pairs[i + 1]);
        }
        return form;
    }

    /** Posts as Twilio does: to the path, signed for the public URL it was given. */
    private HttpResponse<String> post(String pathAndQuery, Map<String, String> form, boolean signed) {
        return send(pathAndQuery, form, signed ? SmsSignatures.twilio(token, PUBLIC_URL + pathAndQuery, form) : null);
    }

    private HttpResponse<String> send(String pathAndQuery, Map<String, String> form, String signature) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("X-Twilio-Signature", signature);
        }
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String phone() {
        return "+90532" + PHONES.incrementAndGet();
    }
}
