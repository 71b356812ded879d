package io.temas.demo;

import io.temas.customers.Customer;
import io.temas.customers.Customers;
import io.temas.customers.LifecycleStage;
import io.temas.customers.ProfileChange;
import io.temas.customers.Profiles;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo customers' demographics and lifecycle stages, so the 360, the printable summary and the lifecycle report
 * have something to show: Fatma is a VIP at risk. Runs once, while the first demo customer has no stage.
 */
@Component
@Order(12)
class DemoProfiles implements ApplicationRunner {

    private final DemoSettings settings;
    private final Customers customers;
    private final Profiles profiles;

    DemoProfiles(DemoSettings settings, Customers customers, Profiles profiles) {
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
