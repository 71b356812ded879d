package io.temas.calls;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.channels.WebhookSignatures;
import io.temas.support.Api;
import io.temas.support.HandClock;
import io.temas.support.TemasIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The phone menu books callbacks through the signed CTI webhook: the next slot or the one asked for, once per request.
 * The clock stands still, so the slot the test expects is the slot the menu offers whenever the test runs.
 */
@CallbackClockTest
class CallbackIvrIntegrationTests {

    private static final AtomicLong PHONES = new AtomicLong(5_520_000);

    @LocalServerPort
    int port;

    @Autowired
    Callbacks callbacks;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    HandClock clock;

    @BeforeEach
    void standStill() {
        clock.set(CallbackClockTest.START);
    }

    @Test
    void aCallerAskingTheMenuForACallbackGetsTheNextOfferedSlotOnceHoweverOftenThePbxRepeatsIt() {
        String phone = phone();
        String callId = "ivr-" + UUID.randomUUID();
        CallbackSlot next = callbacks.nextSlot("+908502220000").orElseThrow();
        Api.Response booked = cti("""
                {"event":"callback","callId":"%s","from":"%s","to":"+908502220000"}""".formatted(callId, phone));
        assertThat(booked.status()).as(booked.body()).isEqualTo(201);
        String id = booked.json().get("id").asString();
        assertThat(booked.json().get("source").asString()).isEqualTo("ivr");
        assertThat(booked.json().get("state").asString()).isEqualTo("booked");
        assertThat(booked.json().get("phone").asString()).isEqualTo(phone);
        assertThat(Instant.parse(booked.json().get("slot").get("start").asString())).isEqualTo(next.start());

        Api.Response again = cti("""
                {"event":"callback","callId":"%s","from":"%s","to":"+908502220000"}""".formatted(callId, phone));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("id").asString()).isEqualTo(id);
        assertThat(jdbc.sql("select count(*) from callbacks where phone = ?").param(phone).query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select raw from callback_requests where external_id = ?").param(callId).query(byte[].class).single())
                .asString(StandardCharsets.UTF_8).contains(phone);

        Api.Response api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN).get("/api/v1/callbacks/" + id);
        assertThat(api.json().get("source").asString()).isEqualTo("ivr");
    }

    @Test
    void aCallerCanAskForASlotAndASlotNotOfferedOrUnreadableIsRefused() {
        ZoneId istanbul = ZoneId.of("Europe/Istanbul");
        LocalDate day = LocalDate.ofInstant(clock.instant(), istanbul).plusDays(1);
        while (callbacks.slots(day, "+908502220000").isEmpty()) {
            day = day.plusDays(1);
        }
        CallbackSlot last = callbacks.slots(day, "+908502220000").getLast();
        Api.Response booked = cti("""
                {"event":"callback","from":"%s","to":"+908502220000","slot":"%s"}""".formatted(phone(), last.start().atZone(istanbul)
                .toOffsetDateTime()));
        assertThat(booked.status()).as(booked.body()).isEqualTo(201);
        assertThat(Instant.parse(booked.json().get("slot").get("start").asString())).isEqualTo(last.start());

        Api.Response night = cti("""
                {"event":"callback","from":"%s","to":"+908502220000","slot":"%s"}""".formatted(phone(),
                day.atTime(23, 0).atZone(istanbul).toOffsetDateTime()));
        assertThat(night.status()).as(night.body()).isEqualTo(422);
        assertThat(night.contentType()).contains("problem+json");

        assertThat(cti("{\"event\":\"callback\",\"from\":\"%s\",\"slot\":\"yarın\"}".formatted(phone())).status()).isEqualTo(400);
        assertThat(cti("{\"event\":\"callback\",\"to\":\"+908502220000\"}").status()).as("no caller").isEqualTo(400);
        assertThat(cti("{\"event\":\"callback\",\"from\":\"a\\u0000b\"}").status()).isEqualTo(400);
        assertThat(cti("{\"event\":\"callback\",\"from\":\"%s\",\"to\":\"+900000000009\"}".formatted(phone())).status())
                .as("not our number").isEqualTo(400);

        byte[] body = "{\"event\":\"callback\",\"from\":\"+905559999999\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(post(body, WebhookSignatures.sha256("not-the-secret", body)).status()).isEqualTo(401);
    }

    private Api.Response cti(String json) {
        return new io.temas.support.Cti(port).send(json);
    }

    private Api.Response post(byte[] body, String signature) {
        return new io.temas.support.Cti(port).post(body, signature);
    }

    private static String phone() {
        return "+90555" + PHONES.incrementAndGet();
    }
}
