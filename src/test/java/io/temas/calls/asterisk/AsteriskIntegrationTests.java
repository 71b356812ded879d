package io.temas.calls.asterisk;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.calls.Call;
import io.temas.calls.CallCentre;
import io.temas.calls.Extensions;
import io.temas.calls.Pbxes;
import io.temas.calls.TelephonySettings;
import io.temas.routing.Agents;
import io.temas.support.Api;
import io.temas.support.Console;
import io.temas.support.TemasIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Asterisk through ARI against a fake Asterisk that replays the event sequences Asterisk sends for
 * an incoming call that is answered, one nobody answers, and a call Temas places; the event stream
 * dropping; and credentials Asterisk turns down.
 */
@TemasIntegrationTest
class AsteriskIntegrationTests {

    private static final AtomicLong PHONES = new AtomicLong(5_400_000);
    private static final AtomicLong CHANNELS = new AtomicLong(1_733_200_000);
    private static final String USER = "temas-ari";
    private static final String APP = "temas-test";

    @LocalServerPort
    int port;

    @Autowired
    TelephonySettings telephony;

    @Autowired
    Pbxes pbxes;

    @Autowired
    CallCentre centre;

    @Autowired
    Extensions extensions;

    @Autowired
    Agents agents;

    @Autowired
    JdbcClient jdbc;

    FakeAsterisk asterisk;
    String password;
    Optional<TelephonySettings.Saved> before;
    UUID ayse;
    UUID elif;

    @BeforeEach
    void connect() {
        before = telephony.saved();
        password = UUID.randomUUID().toString();
        asterisk = new FakeAsterisk(USER, password);
        ayse = agents.findByUsername("ayse").orElseThrow().id();
        elif = agents.findByUsername("elif").orElseThrow().id();
        extensions.set(ayse, List.of("7301"));
        extensions.set(elif, List.of("7302"));
        configure(password);
        await("the event stream is open", () -> asterisk.upgrades() == 1 && "connected".equals(state()));
    }

    @AfterEach
    void restore() throws Exception {
        TelephonySettings.Saved s = before.orElse(new TelephonySettings.Saved(null, null, null, null, null, null, null, null, null, null,
                null, null, null, null));
        telephony.save(new TelephonySettings.Change(s.pbx(), s.publicUrl(), s.ariUrl(), s.ariUsername(), null, s.ariApp(), s.ariTechnology(),
                s.ariContext(), s.twilioAccountSid(), null, s.twilioCallerNumber(), s.twilioDomain(), s.twilioApiUrl(), s.ctiDialUrl()), "test");
        asterisk.close();
    }

    @Test
    void anIncomingCallThatIsAnsweredPopsTheAgentGoesToHerAndEndsWithItsDurationAndRecording() throws Exception {
        String phone = phone();
        String channel = channel();
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String caller = FakeAsterisk.channel(channel, "PJSIP/trunk-00000011", "Ring", phone, "+908502220000", t);
        String agentLeg = channel();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Console console = Console.signIn(port, "ayse", TemasIntegrationTest.DEMO_PASSWORD);
        Thread reader = Thread.ofVirtual().start(() -> console.stream("/console/live").forEach(lines::add));
        try {
            awaitLine(lines, "event:hello");
            asterisk.send(event("StasisStart", t, "\"args\":[],\"channel\":" + caller));
            Call ringing = await("the call rings", () -> centre.findByExternal("asterisk", channel).orElse(null));
            assertThat(ringing.state()).isEqualTo("ringing");
            assertThat(ringing.caller()).isEqualTo(phone);
            assertThat(ringing.entryPoint()).isEqualTo("+908502220000");

            String peer = FakeAsterisk.channel(agentLeg, "PJSIP/7301-00000012", "Down", "7301", "s", t.plusSeconds(1));
            asterisk.send(event("Dial", t.plusSeconds(1), "\"dialstatus\":\"\",\"forward\":\"\",\"dialstring\":\"7301\",\"caller\":" + caller
                    + ",\"peer\":" + peer));
            asterisk.send(event("ChannelStateChange", t.plusSeconds(5), "\"channel\":" + peer.replace("\"Down\"", "\"Up\"")));
            asterisk.send(event("Dial", t.plusSeconds(5), "\"dialstatus\":\"ANSWER\",\"forward\":\"\",\"dialstring\":\"7301\",\"caller\":"
                    + caller + ",\"peer\":" + peer.replace("\"Down\"", "\"Up\"")));
            Call answered = await("the call is answered", () -> centre.findByExternal("asterisk", channel)
                    .filter(c -> "answered".equals(c.state())).orElse(null));
            assertThat(answered.agentId()).isEqualTo(ayse);
            assertThat(answered.extension()).isEqualTo("7301");
            String pop = awaitLine(lines, "\"callId\":\"" + answered.id() + "\"");
            assertThat(pop).contains(phone);
            assertThat(new Api(port, TemasIntegrationTest.ADMIN_TOKEN).get("/api/v1/conversations/" + answered.conversationId()).json()
                    .get("assigneeId").asString()).isEqualTo(ayse.toString());

            String recording = "call-" + channel;
            asterisk.send(event("RecordingStarted", t.plusSeconds(6), "\"recording\":{\"name\":\"" + recording
                    + "\",\"format\":\"wav\",\"state\":\"recording\",\"target_uri\":\"channel:" + channel + "\"}"));
            asterisk.send(event("ChannelHangupRequest", t.plusSeconds(65), "\"cause\":16,\"channel\":" + caller));
            asterisk.send(event("StasisEnd", t.plusSeconds(65), "\"channel\":" + caller));
            asterisk.send(event("ChannelDestroyed", t.plusSeconds(65), "\"cause\":16,\"cause_txt\":\"Normal Clearing\",\"channel\":" + caller));
            // The recording is finished after the channel is gone: the end waits for it.
            asterisk.send(event("RecordingFinished", t.plusSeconds(66), "\"recording\":{\"name\":\"" + recording
                    + "\",\"format\":\"wav\",\"state\":\"done\",\"duration\":60,\"target_uri\":\"channel:" + channel + "\"}"));
            Call ended = await("the call ends", () -> centre.findByExternal("asterisk", channel).filter(Call::ended).orElse(null));
            assertThat(ended.state()).isEqualTo("ended");
            assertThat(ended.durationSeconds()).isEqualTo(60);
            assertThat(ended.cause()).isEqualTo("normal");
            assertThat(ended.recordingUrl()).isEqualTo(asterisk.baseUrl() + "/ari/recordings/stored/" + recording + "/file");
            assertThat(centre.awaitingWrapUp(ayse)).extracting(Call::id).contains(ended.id());

            List<Map<String, Object>> raw = jdbc.sql("select kind, content_type, convert_from(raw, 'UTF8') as raw from call_events where call_id = ?")
                    .param(ended.id()).query().listOfRows();
            assertThat(raw).extracting(r -> r.get("content_type")).containsOnly("application/vnd.temas.ari-event+json");
            assertThat(raw).filteredOn(r -> "ringing".equals(r.get("kind"))).singleElement()
                    .satisfies(r -> assertThat((String) r.get("raw")).contains("\"type\":\"StasisStart\"").contains(phone));
            assertThat(raw).filteredOn(r -> "ended".equals(r.get("kind"))).singleElement()
                    .satisfies(r -> assertThat((String) r.get("raw")).contains("\"type\":\"ChannelDestroyed\""));
        } finally {
            reader.interrupt();
        }
    }

    @Test
    void anIncomingCallNobodyAnswersPopsTheExtensionTheDialplanNamedAndIsMissed() throws Exception {
        String phone = phone();
        String channel = channel();
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String caller = FakeAsterisk.channel(channel, "PJSIP/trunk-00000021", "Ring", phone, "+908502220000", t);
        String peer = FakeAsterisk.channel(channel(), "PJSIP/7302-00000022", "Down", "7302", "s", t);
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Console console = Console.signIn(port, "elif", TemasIntegrationTest.DEMO_PASSWORD);
        Thread reader = Thread.ofVirtual().start(() -> console.stream("/console/live").forEach(lines::add));
        try {
            awaitLine(lines, "event:hello");
            asterisk.send(event("StasisStart", t, "\"args\":[\"7302\"],\"channel\":" + caller));
            Call ringing = await("the call rings", () -> centre.findByExternal("asterisk", channel).orElse(null));
            assertThat(awaitLine(lines, "\"callId\":\"" + ringing.id() + "\"")).as("the pop comes while it rings").contains(phone);

            asterisk.send(event("Dial", t.plusSeconds(1), "\"dialstatus\":\"\",\"forward\":\"\",\"dialstring\":\"7302\",\"caller\":" + caller
                    + ",\"peer\":" + peer));
            asterisk.send(event("Dial", t.plusSeconds(21), "\"dialstatus\":\"NOANSWER\",\"forward\":\"\",\"dialstring\":\"7302\",\"caller\":"
                    + caller + ",\"peer\":" + peer));
            asterisk.send(event("ChannelDestroyed", t.plusSeconds(21), "\"cause\":19,\"cause_txt\":\"No answer\",\"channel\":" + peer));
            asterisk.send(event("StasisEnd", t.plusSeconds(22), "\"channel\":" + caller));
            asterisk.send(event("ChannelDestroyed", t.plusSeconds(22), "\"cause\":19,\"cause_txt\":\"No answer\",\"channel\":" + caller));
            Call missed = await("the call ends", () -> centre.findByExternal("asterisk", channel).filter(Call::ended).orElse(null));
            assertThat(missed.state()).isEqualTo("failed");
            assertThat(missed.cause()).isEqualTo("no-answer");
            assertThat(missed.answeredAt()).isNull();
            assertThat(missed.conversationId()).as("the missed call waits in its conversation to be called back").isNotNull();
            assertThat(centre.awaitingWrapUp(elif)).extracting(Call::id).doesNotContain(missed.id());
        } finally {
            reader.interrupt();
        }
    }

    @Test
    void aCallTemasPlacesOriginatesAChannelToTheAgentsPhoneWithTheCallsIdAndFollowsItsEvents() {
        telephony.choose("asterisk", "test");
        String phone = phone();
        Call dialing = centre.dial(ayse, phone, null, null, null);
        assertThat(dialing.state()).isEqualTo("dialing");
        assertThat(dialing.externalId()).isEqualTo(dialing.id().toString());

        List<FakeAsterisk.Request> requests = asterisk.requests();
        assertThat(requests).hasSize(2);
        FakeAsterisk.Request originate = requests.get(0);
        assertThat(originate.method() + " " + originate.path()).isEqualTo("POST /ari/channels");
        assertThat(originate.query()).containsEntry("endpoint", "PJSIP/7301").containsEntry("extension", phone)
                .containsEntry("context", "from-temas").containsEntry("channelId", dialing.id().toString())
                .doesNotContainKey("app");
        assertThat(originate.authorization()).isEqualTo("Basic " + java.util.Base64.getEncoder()
                .encodeToString((USER + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        FakeAsterisk.Request subscribe = requests.get(1);
        assertThat(subscribe.path()).isEqualTo("/ari/applications/" + APP + "/subscription");
        assertThat(subscribe.query()).containsEntry("eventSource", "channel:" + dialing.id());

        String id = dialing.id().toString();
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String agentPhone = FakeAsterisk.channel(id, "PJSIP/7301-00000031", "Ringing", "", phone, t);
        String customer = FakeAsterisk.channel(channel(), "PJSIP/trunk-00000032", "Down", phone, "s", t.plusSeconds(4));
        asterisk.send(event("ChannelStateChange", t, "\"channel\":" + agentPhone));
        asterisk.send(event("ChannelStateChange", t.plusSeconds(3), "\"channel\":" + agentPhone.replace("\"Ringing\"", "\"Up\"")));
        asterisk.send(event("Dial", t.plusSeconds(4), "\"dialstatus\":\"\",\"forward\":\"\",\"dialstring\":\"trunk/" + phone + "\",\"caller\":"
                + agentPhone + ",\"peer\":" + customer));
        asterisk.send(event("Dial", t.plusSeconds(10), "\"dialstatus\":\"ANSWER\",\"forward\":\"\",\"dialstring\":\"trunk/" + phone
                + "\",\"caller\":" + agentPhone + ",\"peer\":" + customer.replace("\"Down\"", "\"Up\"")));
        Call answered = await("the customer answers", () -> centre.get(dialing.id()).answeredAt() != null ? centre.get(dialing.id()) : null);
        assertThat(answered.state()).isEqualTo("answered");
        asterisk.send(event("ChannelDestroyed", t.plusSeconds(100), "\"cause\":16,\"cause_txt\":\"Normal Clearing\",\"channel\":" + agentPhone));
        Call ended = await("the call ends", () -> centre.get(dialing.id()).ended() ? centre.get(dialing.id()) : null);
        assertThat(ended.state()).isEqualTo("ended");
        assertThat(ended.durationSeconds()).isEqualTo(90);
        assertThat(ended.agentId()).isEqualTo(ayse);
        assertThat(ended.direction()).isEqualTo("outbound");
    }

    @Test
    void whenTheStreamDropsItIsOpenedAgainAndEventsComeOnTheNewOne() throws Exception {
        asterisk.drop();
        await("the stream is opened again", () -> asterisk.upgrades() == 2 && "connected".equals(state()));
        String channel = channel();
        String phone = phone();
        asterisk.send(event("StasisStart", Instant.now(), "\"args\":[],\"channel\":"
                + FakeAsterisk.channel(channel, "PJSIP/trunk-00000041", "Ring", phone, "+908502220000", Instant.now())));
        Call call = await("the call comes on the new stream", () -> centre.findByExternal("asterisk", channel).orElse(null));
        assertThat(call.caller()).isEqualTo(phone);
    }

    @Test
    void whenAnotherConnectionTakesTheApplicationOverThisOneStepsBack() {
        asterisk.send(event("ApplicationReplaced", Instant.now(), "\"x\":0"));
        await("it steps back", () -> "replaced".equals(state()));
        assertThat(pbxes.find("asterisk").orElseThrow().status().detail()).contains(APP);
    }

    @Test
    void credentialsAsteriskTurnsDownLeaveAClearStateAndNoRetriesUntilTheSettingsChange() {
        configure("not-the-password");
        await("the credentials are refused", () -> "refused".equals(state()));
        assertThat(pbxes.find("asterisk").orElseThrow().status().detail()).contains("401");
        assertThat(asterisk.refusedUpgrades()).isEqualTo(1);

        configure(password);
        await("the right password connects", () -> "connected".equals(state()) && asterisk.upgrades() == 2);
        assertThat(asterisk.refusedUpgrades()).as("nothing was tried with the refused password in between").isEqualTo(1);
    }

    private void configure(String password) {
        telephony.save(new TelephonySettings.Change(telephony.current().pbx(), null, asterisk.baseUrl(), USER, password, APP, "PJSIP",
                "from-temas", null, null, null, null, null, null), "test");
    }

    private String state() {
        return pbxes.find("asterisk").orElseThrow().status().state();
    }

    private static String event(String type, Instant at, String fields) {
        return "{\"type\":\"" + type + "\",\"timestamp\":\"" + FakeAsterisk.TIME.format(at) + "\",\"application\":\"" + APP
                + "\",\"asterisk_id\":\"00:11:22:33:44:55\"," + fields + "}";
    }

    private static void await(String what, BooleanSupplier condition) {
        await(what, () -> condition.getAsBoolean() ? Boolean.TRUE : null);
    }

    private static <T> T await(String what, Supplier<T> value) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            T v = value.get();
            if (v != null) {
                return v;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("timed out waiting until " + what);
    }

    private static String awaitLine(BlockingQueue<String> lines, String containing) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(200, TimeUnit.MILLISECONDS);
            if (line != null && line.contains(containing)) {
                return line;
            }
        }
        throw new AssertionError("no line containing " + containing);
    }

    private static String phone() {
        return "+90532" + PHONES.incrementAndGet();
    }

    private static String channel() {
        return CHANNELS.incrementAndGet() + ".1";
    }
}
