package io.temas.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temas.channels.WebhookSignatures;
import io.temas.routing.Agents;
import io.temas.shared.InvalidInput;
import io.temas.support.Console;
import io.temas.support.LocalProvider;
import io.temas.support.TemasIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The telephony settings (saved choice over configuration, write-only secrets), click-to-call through
 * the generic CTI dial URL, the simulated PBX driven step by step, and the settings screen.
 */
@TemasIntegrationTest
class TelephonyIntegrationTests {

    private static final AtomicLong PHONES = new AtomicLong(5_600_000);

    @LocalServerPort
    int port;

    @Autowired
    TelephonySettings telephony;

    @Autowired
    Pbxes pbxes;

    @Autowired
    CallCentre centre;

    @Autowired
    SimulatedPbx simulator;

    @Autowired
    Extensions extensions;

    @Autowired
    Agents agents;

    Optional<TelephonySettings.Saved> before;
    Duration delay;
    UUID mehmet;

    @BeforeEach
    void setUp() {
        before = telephony.saved();
        delay = simulator.delay();
        simulator.delay(Duration.ZERO);
        mehmet = agents.findByUsername("mehmet").orElseThrow().id();
        extensions.set(mehmet, List.of("7503"));
    }

    @AfterEach
    void restore() {
        simulator.delay(delay);
        TelephonyTestSettings.restore(telephony, before);
    }

    @Test
    void theConfiguredChoiceStandsUntilOneIsSavedAndTheSavedChoiceIsTheOneThatPlacesCalls() {
        assertThat(before.map(TelephonySettings.Saved::pbx)).as("temas.calls.pbx is set, so the demo chose nothing").isEmpty();
        assertThatThrownBy(() -> pbxes.active()).isInstanceOf(PbxUnavailable.class).hasMessageContaining("no telephone system");

        telephony.choose("simulated", "test");
        assertThat(pbxes.active().code()).isEqualTo("simulated");

        telephony.choose("cti", "test");
        assertThat(pbxes.activeCode()).isEqualTo("cti");
        assertThatThrownBy(() -> pbxes.active()).as("no dial URL is set").isInstanceOf(PbxUnavailable.class);

        telephony.choose(null, "test");
        assertThatThrownBy(() -> pbxes.active()).isInstanceOf(PbxUnavailable.class).hasMessageContaining("no telephone system");
        assertThatThrownBy(() -> telephony.choose("fax", "test")).isInstanceOf(InvalidInput.class);
    }

    @Test
    void secretsAreKeptWhenAChangeLeavesThemOutAndUnsavedFieldsFallBackToTheConfiguration() {
        telephony.save(change("asterisk", "http://pbx.invalid:8088", "s3cret-1", null), "test");
        assertThat(telephony.current().ari().password()).isEqualTo("s3cret-1");
        assertThat(telephony.current().ari().app()).as("from temas.asterisk.app").isEqualTo("temas");
        assertThat(telephony.current().ari().technology()).isEqualTo("PJSIP");

        telephony.save(change("asterisk", "http://pbx.invalid:8088", "", null), "test");
        assertThat(telephony.current().ari().password()).as("a blank password keeps the saved one").isEqualTo("s3cret-1");
        assertThatThrownBy(() -> telephony.save(change("asterisk", "http://elsewhere.invalid:8088", "", null), "test"))
                .as("the saved password is not sent to another address").isInstanceOf(InvalidInput.class).hasMessageContaining("again");
        assertThat(telephony.current().ari().url()).isEqualTo("http://pbx.invalid:8088");
        telephony.save(change("asterisk", "http://pbx.invalid:8089", "s3cret-2", null), "test");
        assertThat(telephony.current().ari().url()).isEqualTo("http://pbx.invalid:8089");
        assertThat(telephony.current().ari().password()).isEqualTo("s3cret-2");

        assertThatThrownBy(() -> telephony.save(change("asterisk", "ftp://pbx.invalid", null, null), "test")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> telephony.save(new TelephonySettings.Change(null, null, null, null, null, "bad app!", null, null, null, null,
                null, null, null, null), "test")).isInstanceOf(InvalidInput.class);
    }

    @Test
    void clickToCallThroughCtiPostsTheCallSignedWithTheWebhookKey() throws Exception {
        List<byte[]> bodies = new CopyOnWriteArrayList<>();
        List<String> signatures = new CopyOnWriteArrayList<>();
        AtomicInteger status = new AtomicInteger(202);
        try (LocalProvider pbx = LocalProvider.start("/dial", exchange -> {
            bodies.add(exchange.getRequestBody().readAllBytes());
            signatures.add(exchange.getRequestHeaders().getFirst("X-Temas-Signature"));
            LocalProvider.answer(exchange, status.get(), "application/json", "{}".getBytes(StandardCharsets.UTF_8));
        })) {
            telephony.save(change("cti", null, null, pbx.baseUrl() + "/dial"), "test");
            String phone = phone();
            Call call = centre.dial(mehmet, phone, null, null, null);
            assertThat(call.state()).isEqualTo("dialing");
            assertThat(call.provider()).isEqualTo("cti");
            assertThat(bodies).hasSize(1);
            assertThat(WebhookSignatures.verifySha256(TemasIntegrationTest.CTI_SECRET, bodies.getFirst(), signatures.getFirst())).isTrue();
            JsonNode json = JsonMapper.builder().build().readTree(bodies.getFirst());
            assertThat(json.get("callId").asString()).isEqualTo(call.id().toString());
            assertThat(json.get("extension").asString()).isEqualTo("7503");
            assertThat(json.get("to").asString()).isEqualTo(phone);
            assertThat(json.has("callerId")).isTrue();

            status.set(503);
            assertThatThrownBy(() -> centre.dial(mehmet, phone(), null, null, null)).isInstanceOf(PbxUnavailable.class)
                    .hasMessageContaining("503");
        }
    }

    @Test
    void theSimulatedPbxRingsAndAnswersAPlacedCallStepByStepAndHangsItUp() {
        telephony.choose("simulated", "test");
        String phone = phone();
        Call call = centre.dial(mehmet, phone, null, null, null);
        assertThat(call.state()).isEqualTo("dialing");
        assertThat(simulator.inProgress()).extracting(SimulatedPbx.Simulated::callId).contains(call.id().toString());

        simulator.ring(call.id().toString());
        assertThat(simulator.answer(call.id().toString()).state()).isEqualTo("answered");
        assertThat(centre.busyAgents()).contains(mehmet);
        Call ended = simulator.hangUp(call.id().toString());
        assertThat(ended.state()).isEqualTo("ended");
        assertThat(ended.durationSeconds()).isNotNull();
        assertThat(simulator.inProgress()).extracting(SimulatedPbx.Simulated::callId).doesNotContain(call.id().toString());
        centre.wrapUp(call.id(), mehmet, "resolved", null, List.of(), false);
    }

    @Test
    void aPlacedSimulatedCallAnswersOnItsOwnWithoutHoldingUpTheRequest() {
        telephony.choose("simulated", "test");
        simulator.delay(Duration.ofMillis(50));
        Call call = centre.dial(mehmet, phone(), null, null, null);
        assertThat(call.state()).as("the request does not wait for the steps").isEqualTo("dialing");
        Call answered = await(() -> centre.get(call.id()).answeredAt() != null ? centre.get(call.id()) : null);
        assertThat(answered.state()).isEqualTo("answered");
        simulator.hangUp(call.id().toString());
        centre.wrapUp(call.id(), mehmet, "resolved", null, List.of(), false);
    }

    @Test
    void theSettingsScreenSavesMasksSecretsAndRingsAnExtensionForAdminsOnly() {
        Console admin = Console.signIn(port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);
        Console.Page page = admin.get("/console/admin/telephony");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Telefon sistemi").contains("Dahiliyi çaldır").contains("/console/admin/telephony/simulate")
                .contains("data-pbx=\"simulated\"");

        String secret = "pw-" + UUID.randomUUID();
        Console.Page saved = admin.submit("/console/admin/telephony", "/console/admin/telephony", Map.ofEntries(
                Map.entry("pbx", "simulated"), Map.entry("publicUrl", "https://destek.example"), Map.entry("ariUrl", "http://pbx.invalid:8088"),
                Map.entry("ariUsername", "temas"), Map.entry("ariPassword", secret), Map.entry("ariApp", "temas"), Map.entry("ariTechnology", ""),
                Map.entry("ariContext", ""), Map.entry("twilioAccountSid", ""), Map.entry("twilioAuthToken", ""),
                Map.entry("twilioCallerNumber", ""), Map.entry("twilioDomain", ""), Map.entry("twilioApiUrl", ""), Map.entry("ctiDialUrl", "")));
        assertThat(saved.status()).isEqualTo(302);
        assertThat(telephony.current().ari().password()).isEqualTo(secret);
        Console.Page after = admin.get("/console/admin/telephony");
        assertThat(after.body()).doesNotContain(secret).contains("http://pbx.invalid:8088").contains("data-state=")
                .contains("https://destek.example/api/v1/webhooks/cti").contains("https://destek.example/api/v1/webhooks/voice/twilio/status")
                .as("what Twilio still needs, in the reader's language").contains("Eksik: hesap SID");

        Console.Page wrong = admin.submit("/console/admin/telephony", "/console/admin/telephony", Map.of("pbx", "fax"));
        assertThat(wrong.status()).isEqualTo(422);

        String phone = phone();
        Console.Page rung = admin.submit("/console/admin/telephony", "/console/admin/telephony/simulate",
                Map.of("from", phone, "to", SimulatedPbx.DEFAULT_NUMBER, "extension", "7503"));
        assertThat(rung.status()).isEqualTo(302);
        SimulatedPbx.Simulated simulated = simulator.inProgress().stream().filter(c -> phone.equals(c.from())).findFirst().orElseThrow();
        Call ringing = centre.findByExternal("simulated", simulated.callId()).orElseThrow();
        assertThat(ringing.state()).isEqualTo("ringing");
        assertThat(ringing.agentId()).isEqualTo(mehmet);
        assertThat(ringing.conversationId()).isNotNull();
        assertThat(admin.get("/console/admin/telephony").body()).contains(phone);

        assertThat(admin.submit("/console/admin/telephony", "/console/admin/telephony/simulate/" + simulated.callId() + "/hang-up", Map.of())
                .status()).isEqualTo(302);
        Call missed = centre.findByExternal("simulated", simulated.callId()).orElseThrow();
        assertThat(missed.state()).isEqualTo("failed");
        assertThat(missed.cause()).isEqualTo("no-answer");

        Console agent = Console.signIn(port, "ayse", TemasIntegrationTest.DEMO_PASSWORD);
        assertThat(agent.get("/console/admin/telephony").status()).isIn(302, 403);
    }

    private static TelephonySettings.Change change(String pbx, String ariUrl, String ariPassword, String ctiDialUrl) {
        return new TelephonySettings.Change(pbx, null, ariUrl, ariUrl == null ? null : "temas", ariPassword, null, null, null, null, null,
                null, null, null, ctiDialUrl);
    }

    private static <T> T await(Supplier<T> value) {
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
        throw new AssertionError("timed out");
    }

    private static String phone() {
        return "+90532" + PHONES.incrementAndGet();
    }
}
