package io.temas.demo;

import io.temas.customers.Customer;
import io.temas.customers.Customers;
import io.temas.customers.LifecycleStage;
import io.temas.customers.ProfileChange;
import io.temas.customers.Profiles;
import io.temas.events.CustomerEvents;
import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo customers' demographics and lifecycle stages, so the 360, the printable summary and the lifecycle report
 * have something to show: Fatma is a VIP at risk, who came to a branch yesterday and was refused at an ATM this morning. Runs once, while the first demo customer has no stage.
 */
@Component
@Order(12)
class DemoProfiles implements ApplicationRunner {

    /** The demo organisation works in Istanbul; "this morning" is its morning. */
    private static final ZoneId DEMO_ZONE = ZoneId.of("Europe/Istanbul");

    private final DemoSettings settings;
    private final Customers customers;
    private final Profiles profiles;
    private final CustomerEvents events;
    private final Clock clock;

    DemoProfiles(DemoSettings settings, Customers customers, Profiles profiles, CustomerEvents events, Clock clock) {
        this.events = events;
        this.clock = clock;
        this.settings = settings;
        this.customers = customers;
        this.profiles = profiles;
    }

    @Override
    public void run(ApplicationArguments args) {
        Optional<Customer> fatma = customers.findByIdentifier("fatma.ozturk@example.com.tr");
        if (!settings.demoData() || fatma.isEmpty() || profiles.get(fatma.get().id()).stage() != null) {
            return;
        }
        profile("fatma.ozturk@example.com.tr", "İstanbul", "Mali müşavir", "1979-04-12", "female", "email",
                LifecycleStage.LOYAL, LifecycleStage.AT_RISK, "İki faturası üst üste itirazlı; hesabı kapatmayı düşündüğünü söyledi");
        profile("ali.veli@example.com", "Ankara", "Öğretmen", "1988-09-30", "male", "sms", LifecycleStage.PROSPECT, LifecycleStage.CUSTOMER,
                "İnternet paketine abone oldu");
        profile("leyla@example.az", "Bakı", "Mühəndis", null, null, "chat", null, LifecycleStage.PROSPECT, "Kampaniya haqqında soruşdu");
        profile("john.smith@example.co.uk", "London", null, null, null, "email", null, LifecycleStage.LEAD, "Filled in the web form");
        fatmasDay();
    }

    /**
     * What the bank's other systems said of Fatma: she came to a branch yesterday and an ATM refused her card this
     * morning, so an agent who answers her sees both on the 360 with the "refused at an ATM today" alert on top.
     */
    private void fatmasDay() {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(DEMO_ZONE));
        String morning = now.toLocalDate().atTime(LocalTime.of(8, 40)).atZone(now.getZone()).toInstant().toString();
        String at = now.toLocalTime().isBefore(LocalTime.of(8, 40)) ? now.minusMinutes(20).toInstant().toString() : morning;
        String yesterday = now.minusDays(1).toLocalDate().atTime(LocalTime.of(14, 5)).atZone(now.getZone()).toInstant().toString();
        events.takeJson(List.of(
                new CustomerEvents.Line(1, """
                        {"type":"branch_visit","at":"%s","sourceId":"demo-fatma-branch-1","identifiers":{"email":"fatma.ozturk@example.com.tr"},\
                        "attributes":{"branch":"Kadıköy şubesi","reason":"fatura itirazı"}}""".formatted(yesterday)),
                new CustomerEvents.Line(2, """
                        {"type":"atm_use","at":"%s","sourceId":"demo-fatma-atm-1","identifiers":{"email":"fatma.ozturk@example.com.tr"},\
                        "attributes":{"atm":"Moda ATM","amount":2000,"currency":"TRY","outcome":"refused"}}""".formatted(at))));
    }

    private void profile(String email, String city, String occupation, String birthDate, String gender, String channel,
                         LifecycleStage first, LifecycleStage now, String reason) {
        customers.findByIdentifier(email).ifPresent(c -> {
            ProfileChange change = new ProfileChange(Map.of(ProfileChange.Field.CITY, city, ProfileChange.Field.PREFERRED_CHANNEL, channel));
            if (occupation != null) {
                change = change.with(ProfileChange.Field.OCCUPATION, occupation);
            }
            if (birthDate != null) {
                change = change.with(ProfileChange.Field.BIRTH_DATE, birthDate).with(ProfileChange.Field.GENDER, gender);
            }
            profiles.update(c.id(), change, "demo");
            if (first != null) {
                profiles.changeStage(c.id(), first, null, "demo");
            }
            profiles.changeStage(c.id(), now, reason, "demo");
        });
    }
}
