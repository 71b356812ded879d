package io.temas.calls;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.routing.BusinessCalendars;
import io.temas.routing.BusinessHours;
import io.temas.routing.EntryPoints;
import io.temas.routing.Queue;
import io.temas.routing.Queues;
import io.temas.support.Api;
import io.temas.support.Console;
import io.temas.support.TemasIntegrationTest;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The callback API: slots within business hours, booking, what is refused and why, and the race for a slot's last place. */
@TemasIntegrationTest
class CallbacksApiIntegrationTests {

    private static final AtomicLong PHONES = new AtomicLong(5_410_000);
    private static final ZoneId ISTANBUL = ZoneId.of("Europe/Istanbul");
    private static final String CENTRE = "+908502220000";

    @LocalServerPort
    int port;

    @Autowired
    Queues queues;

    @Autowired
    EntryPoints entryPoints;

    @Autowired
    BusinessCalendars calendars;

    @Autowired
    CallbackPolicies policies;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
    }

    @Test
    void slotsLieWithinTheQueuesBusinessHoursInItsZoneAndNoneOnSunday() {
        LocalDate weekday = workingDay(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
        Api.Response slots = api.get("/api/v1/callbacks/slots?date=" + weekday + "&entryPoint=%2B908502220000");
        assertThat(slots.status()).as(slots.body()).isEqualTo(200);
        List<String> starts = new ArrayList<>();
        slots.json().get("slots").forEach(s -> starts.add(s.get("start").asString()));
        // Monday to Friday 09:00-18:00 in Istanbul: 18 half-hour slots, the first from 06:00 UTC.
        assertThat(starts).hasSize(18);
        assertThat(Instant.parse(starts.getFirst())).isEqualTo(weekday.atTime(9, 0).atZone(ISTANBUL).toInstant());
        assertThat(Instant.parse(slots.json().get("slots").get(17).get("end").asString()))
                .isEqualTo(weekday.atTime(18, 0).atZone(ISTANBUL).toInstant());

        LocalDate sunday = LocalDate.now(ISTANBUL).plusDays(1);
        while (sunday.getDayOfWeek() != DayOfWeek.SUNDAY) {
            sunday = sunday.plusDays(1);
        }
        assertThat(api.get("/api/v1/callbacks/slots?date=" + sunday + "&entryPoint=%2B908502220000").json().get("slots")).isEmpty();
        assertThat(api.get("/api/v1/callbacks/slots?date=" + LocalDate.now(ISTANBUL).plusDays(40) + "&entryPoint=%2B908502220000")
                .json().get("slots")).as("beyond the booking horizon").isEmpty();
    }

    @Test
    void aBookedCallbackShowsItsStateSlotAndCustomerAndIsConfirmedInTheCustomersLanguage() {
        LocalDate day = workingDay(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
        Instant slot = day.atTime(14, 30).atZone(ISTANBUL).toInstant();
        String phone = phone();
        Api.Response booked = api.post("/api/v1/callbacks", """
                {"phone":"%s","slot":"%s","entryPoint":"+908502220000","note":"Faturamdaki ek ücret","language":"az"}"""
                .formatted(phone, slot.atZone(ISTANBUL).toOffsetDateTime()));
        assertThat(booked.status()).as(booked.body()).isEqualTo(201);
        String id = booked.json().get("id").asString();

        Api.Response callback = api.get("/api/v1/callbacks/" + id);
        assertThat(callback.status()).isEqualTo(200);
        assertThat(callback.json().get("state").asString()).isEqualTo("booked");
        assertThat(callback.json().get("attempts").asInt()).isZero();
        assertThat(Instant.parse(callback.json().get("slot").get("start").asString())).isEqualTo(slot);
        assertThat(callback.json().get("source").asString()).isEqualTo("api");
        String customerId = callback.json().get("customerId").asString();
        assertThat(api.get("/api/v1/customers/" + customerId).body()).as("the number is the customer's").contains(phone.substring(4));

        Api.Response outbox = api.get("/api/v1/outbox?limit=1000");
        String confirmation = null;
        for (var item : outbox.json().get("items")) {
            if (item.get("recipient").asString().endsWith(phone.substring(1)) && item.get("body").asString().contains("Geri zəng")) {
                confirmation = item.get("body").asString();
                assertThat(item.get("channel").asString()).isEqualTo("sms");
            }
        }
        assertThat(confirmation).as("an Azerbaijani SMS confirmation in the outbox").isNotNull();
        assertThat(confirmation).contains("14:30–15:00").contains(month(day));
        assertThat(api.get("/api/v1/customers/" + customerId).body()).contains("callback.booked");
    }

    @Test
    void aBookedCallbackReadsInTheAgentsLanguageOnTheCustomersTimeline() {
        LocalDate day = workingDay(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
        Api.Response booked = api.post("/api/v1/callbacks", """
                {"phone":"%s","slot":"%s","entryPoint":"+908502220000"}"""
                .formatted(phone(), day.atTime(11, 0).atZone(ISTANBUL).toOffsetDateTime()));
        assertThat(booked.status()).as(booked.body()).isEqualTo(201);
        String customerId = api.get("/api/v1/callbacks/" + booked.json().get("id").asString()).json().get("customerId").asString();
        Console agent = Console.signIn(port, "ayse", TemasIntegrationTest.DEMO_PASSWORD);
        String page = agent.get("/console/customers/" + customerId).body();
        assertThat(page).contains("Geri arama ayarlandı").doesNotContain(">callback.booked<");
        assertThat(agent.get("/console/customers/" + customerId + "?lang=en").body()).contains("Callback booked");
    }

    @Test
    void withAnEMailAddressAndNoWayToSendSmsTheConfirmationGoesByEMail() {
        LocalDate day = workingDay(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
        Instant slot = day.atTime(15, 0).atZone(ISTANBUL).toInstant();
        String email = "geri-arama-" + UUID.randomUUID() + "@example.com";
        Api.Response booked = api.post("/api/v1/callbacks", """
                {"phone":"%s","slot":"%s","entryPoint":"+908502220000","language":"en","email":"%s"}""".formatted(phone(), slot, email));
        assertThat(booked.status()).as(booked.body()).isEqualTo(201);
        var confirmation = api.get("/api/v1/outbox?limit=1000").json().get("items").valueStream()
                .filter(i -> email.equals(i.get("recipient").asString())).findFirst().orElseThrow();
        assertThat(confirmation.get("channel").asString()).isEqualTo("email");
        assertThat(confirmation.get("subject").asString()).isEqualTo("Your callback is booked");
        assertThat(confirmation.get("body").asString()).contains("15:00–15:30");
    }

    @Test
    void slotsThatAreNotOfferedAreRefusedWith422() {
        LocalDate day = workingDay(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
        assertRefused(Instant.now().minusSeconds(3600).toString(), 422, "past");
        assertRefused(day.atTime(20, 0).atZone(ISTANBUL).toInstant().toString(), 422, "outside business hours");
        assertRefused(day.atTime(9, 10).atZone(ISTANBUL).toInstant().toString(), 422, "not a slot start");
        assertRefused(LocalDate.now(ISTANBUL).plusDays(60).atTime(10, 0).atZone(ISTANBUL).toInstant().toString(), 422, "too far ahead");
        assertRefused("yarın öğleden sonra", 422, "malformed");
        assertRefused(Instant.now().plusSeconds(60).toString(), 422, "within the lead time");
    }

    @Test
    void badInputIsA400ProblemDetailNeverA500() {
        LocalDate day = workingDay(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
        String slot = day.atTime(11, 0).atZone(ISTANBUL).toInstant().toString();
        List<String> bodies = List.of(
                "{\"phone\":\"%s\",\"slot\":\"%s\",\"note\":\"a\\u0000b\"}".formatted(phone(), slot),
                "{\"phone\":\"%s\",\"slot\":\"%s\",\"note\":\"%s\"}".formatted(phone(), slot, "x".repeat(2_001)),
                "{\"phone\":{\"number\":1},\"slot\":\"%s\"}".formatted(slot),
                "{\"phone\":\"%s\",\"slot\":\"%s\",\"customerId\":42}".formatted(phone(), slot),
                "{\"phone\":\"bir iki üç\",\"slot\":\"%s\"}".formatted(slot),
                "{\"slot\":\"%s\"}".formatted(slot),
                "{\"phone\":\"%s\",\"slot\":\"%s\",\"entryPoint\":\"+900000000001\"}".formatted(phone(), slot),
                "{\"phone\":\"%s\",\"slot\":\"%s\",\"language\":\"fr\"}".formatted(phone(), slot),
                "{\"phone\":\"%s\"}".formatted(phone()),
                "[1,2,3]",
                "{\"phone\":");
        for (String body : bodies) {
            Api.Response response = api.post("/api/v1/callbacks", body);
            assertThat(response.status()).as(body.length() > 200 ? body.substring(0, 200) : body).isEqualTo(400);
            assertThat(response.contentType()).contains("problem+json");
        }
        Api.Response huge = api.post("/api/v1/callbacks", "{\"phone\":\"%s\",\"slot\":\"%s\",\"note\":\"%s\"}"
                .formatted(phone(), slot, "y".repeat(2_000_000)));
        assertThat(huge.status()).as("a body over the request limit").isIn(400, 413);
        assertThat(huge.contentType()).contains("problem+json");
        for (String query : List.of("date=morgen", "date=2026-13-40", "date=2026-12-07%00", "")) {
            Api.Response response = api.get("/api/v1/callbacks/slots?" + query);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.contentType()).contains("problem+json");
        }
        assertThat(api.get("/api/v1/callbacks/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/callbacks/not-an-id").status()).isEqualTo(400);
    }

    @Test
    void manyBookingsForASlotWithRoomForThreeGiveItToExactlyThree() throws Exception {
        Queue queue = queues.create("Geri arama yarışı " + UUID.randomUUID(), null, null);
        String number = "+90850" + (7_000_000 + PHONES.incrementAndGet() % 1_000_000);
        entryPoints.create(number, null, queue.id(), "Yarış", null, null);
        policies.setCapacity(queue.id(), 3);
        Instant slot = LocalDate.now(ISTANBUL).plusDays(2).atTime(LocalTime.of(10, 0)).atZone(ISTANBUL).toInstant();

        int bookings = 12;
        ExecutorService pool = Executors.newFixedThreadPool(bookings);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Api.Response>> results = new ArrayList<>();
            for (int i = 0; i < bookings; i++) {
                String body = "{\"phone\":\"%s\",\"slot\":\"%s\",\"entryPoint\":\"%s\"}".formatted(phone(), slot, number);
                Callable<Api.Response> book = () -> {
                    start.await();
                    return api.post("/api/v1/callbacks", body);
                };
                results.add(pool.submit(book));
            }
            start.countDown();
            int created = 0;
            int refused = 0;
            for (Future<Api.Response> result : results) {
                Api.Response response = result.get();
                if (response.status() == 201) {
                    created++;
                } else {
                    assertThat(response.status()).as(response.body()).isEqualTo(422);
                    refused++;
                }
            }
            assertThat(created).isEqualTo(3);
            assertThat(refused).isEqualTo(bookings - 3);
        } finally {
            pool.shutdownNow();
        }
        String day = LocalDate.ofInstant(slot, ISTANBUL).toString();
        List<String> offered = new ArrayList<>();
        api.get("/api/v1/callbacks/slots?date=" + day + "&entryPoint=" + java.net.URLEncoder.encode(number, java.nio.charset.StandardCharsets.UTF_8))
                .json().get("slots").forEach(s -> offered.add(s.get("start").asString()));
        assertThat(offered).as("a full slot is no longer offered").isNotEmpty().doesNotContain(slot.toString());
    }

    @Test
    void supervisorsSeeTheDaysCallbacksBySlotAndCancelOneAgentsMayNotAndAdminsSetCapacity() {
        LocalDate day = workingDay(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
        Instant slot = day.atTime(16, 0).atZone(ISTANBUL).toInstant();
        String phone = phone();
        Api.Response booked = api.post("/api/v1/callbacks", """
                {"phone":"%s","slot":"%s","entryPoint":"+908502220000","note":"Tarife değişikliği"}""".formatted(phone, slot));
        assertThat(booked.status()).as(booked.body()).isEqualTo(201);
        String id = booked.json().get("id").asString();

        Console supervisor = Console.signIn(port, "selin", TemasIntegrationTest.DEMO_PASSWORD);
        Console.Page board = supervisor.get("/console/callbacks?date=" + day);
        assertThat(board.status()).isEqualTo(200);
        assertThat(board.body()).contains("callback-line-" + id).contains(phone).contains("Tarife değişikliği").contains("16:00–16:30");
        Console.Page cancelled = supervisor.submit("/console/callbacks?date=" + day, "/console/callbacks/" + id + "/cancel",
                Map.of("back", "/console/callbacks?date=" + day));
        assertThat(cancelled.status()).isEqualTo(302);
        assertThat(api.get("/api/v1/callbacks/" + id).json().get("state").asString()).isEqualTo("cancelled");

        Console agent = Console.signIn(port, "ayse", TemasIntegrationTest.DEMO_PASSWORD);
        assertThat(agent.get("/console/callbacks").status()).isEqualTo(403);
        assertThat(agent.get("/console/callbacks/offer").body()).doesNotContain("callback-card");

        Console admin = Console.signIn(port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);
        Queue genel = queues.findByName("Genel").orElseThrow();
        assertThat(admin.get("/console/admin/callbacks").body()).contains("capacity-" + genel.id());
        assertThat(admin.submit("/console/admin/callbacks", "/console/admin/callbacks/capacity/" + genel.id(), Map.of("perSlot", "5"))
                .status()).isEqualTo(302);
        try {
            assertThat(policies.capacity(genel.id()).perSlot()).isEqualTo(5);
            assertThat(admin.submit("/console/admin/callbacks", "/console/admin/callbacks/capacity/" + genel.id(), Map.of("perSlot", "çok"))
                    .status()).isEqualTo(302);
            assertThat(policies.capacity(genel.id()).perSlot()).as("a refused value changes nothing").isEqualTo(5);
        } finally {
            policies.setCapacity(genel.id(), null);
        }

        Map<String, String> policy = new java.util.LinkedHashMap<>(Map.of("slotMinutes", "20", "leadMinutes", "30", "daysAhead", "5",
                "averageMinutes", "5", "sharePercent", "50", "offerTimeoutSeconds", "90", "attempts", "0", "retryIntervalMinutes", "10"));
        try {
            assertThat(admin.submit("/console/admin/callbacks", "/console/admin/callbacks/policy", policy).status()).isEqualTo(302);
            assertThat(policies.policy().attempts()).as("no attempts at all is refused").isEqualTo(3);
            policy.put("attempts", "4");
            assertThat(admin.submit("/console/admin/callbacks", "/console/admin/callbacks/policy", policy).status()).isEqualTo(302);
            assertThat(policies.policy()).isEqualTo(new CallbackPolicy(20, 30, 5, 5, 50, 90, 4, 10));
            assertThat(admin.get("/console/admin/callbacks").body()).contains("value=\"90\"");
        } finally {
            assertThat(admin.submit("/console/admin/callbacks", "/console/admin/callbacks/policy/reset", Map.of()).status()).isEqualTo(302);
        }
        assertThat(policies.policy().slotMinutes()).isEqualTo(30);
    }

    @Test
    void theHelpCentrePageOffersTheDaysTimesAndRefusesABadNumberOrATimeNotOffered() {
        LocalDate day = workingDay(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
        Console visitor = Console.anonymous(port);
        Console.Page page = visitor.get("/portal/callback?date=" + day + "&lang=en");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("We call you").contains("09:00–09:30").contains("17:30–18:00").doesNotContain("18:00–18:30");
        Console.Page badPhone = visitor.post("/portal/callback", page.csrf(), Map.of("date", day.toString(),
                "slot", day.atTime(9, 0).atZone(ISTANBUL).toInstant().toString(), "phone", "yok", "note", ""));
        assertThat(badPhone.status()).isEqualTo(400);
        Console.Page night = visitor.post("/portal/callback", page.csrf(), Map.of("date", day.toString(),
                "slot", day.atTime(22, 0).atZone(ISTANBUL).toInstant().toString(), "phone", phone(), "note", ""));
        assertThat(night.status()).isEqualTo(422);
        assertThat(visitor.get("/portal/callback?date=bugün").status()).isEqualTo(400);
    }

    private void assertRefused(String slot, int status, String why) {
        Api.Response response = api.post("/api/v1/callbacks", """
                {"phone":"%s","slot":"%s","entryPoint":"+908502220000"}""".formatted(phone(), slot));
        assertThat(response.status()).as(why + ": " + response.body()).isEqualTo(status);
        assertThat(response.contentType()).as(why).contains("problem+json");
    }

    /** The first day from tomorrow on that is one of the given weekdays and no holiday of the centre's calendar. */
    private LocalDate workingDay(DayOfWeek... days) {
        UUID hoursId = queues.get(entryPoints.find(CENTRE, null).orElseThrow().queueId()).businessHoursId();
        BusinessHours hours = calendars.get(hoursId);
        LocalDate day = LocalDate.now(ISTANBUL).plusDays(1);
        while (!List.of(days).contains(day.getDayOfWeek()) || hours.holidays().contains(day)) {
            day = day.plusDays(1);
        }
        return day;
    }

    private static String month(LocalDate day) {
        return day.format(java.time.format.DateTimeFormatter.ofPattern("MMMM", java.util.Locale.forLanguageTag("az")));
    }

    private static String phone() {
        return "+90555" + PHONES.incrementAndGet();
    }
}
