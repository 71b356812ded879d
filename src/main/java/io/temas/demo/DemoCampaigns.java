package io.temas.demo;

import io.temas.campaigns.CallLists;
import io.temas.campaigns.Campaign;
import io.temas.campaigns.Campaigns;
import io.temas.campaigns.Consents;
import io.temas.campaigns.Purpose;
import io.temas.customers.Customer;
import io.temas.customers.Customers;
import io.temas.shared.ChannelType;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo organisation's winter campaign "Kış Kampanyası 2026" (code and SMS keyword KIS2026)
 * with its entry points and a call list of the demo customers, running from a week before the
 * demo is loaded to four months after it. The demo customers the campaign reaches have recorded
 * consents to commercial e-mail, SMS and calls (source {@code demo}), as commercial contact needs one
 * ({@code temas.campaigns.require-consent}). Runs after the organisation is loaded, once.
 */
@Component
@Order(20)
class DemoCampaigns implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoCampaigns.class);

    private final DemoSettings settings;
    private final Campaigns campaigns;
    private final CallLists callLists;
    private final Customers customers;
    private final Consents consents;
    private final Clock clock;

    /** The demo customers, by their e-mail address. */
    private static final List<String> CUSTOMERS = List.of("fatma.ozturk@example.com.tr", "ali.veli@example.com", "leyla@example.az",
            "john.smith@example.co.uk");

    DemoCampaigns(DemoSettings settings, Campaigns campaigns, CallLists callLists, Customers customers, Consents consents, Clock clock) {
        this.settings = settings;
        this.consents = consents;
        this.campaigns = campaigns;
        this.callLists = callLists;
        this.customers = customers;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!settings.demoData() || campaigns.byCode("KIS2026").isPresent()) {
            return;
        }
        Campaign campaign = campaigns.create(new Campaigns.Draft("Kış Kampanyası 2026", "KIS2026",
                "Kış boyunca tüm internet paketlerinde ilk üç ay %30 indirim.",
                "Kampanya süresince yeni veya yenilenen 12 aylık taahhütlerde geçerlidir; diğer indirimlerle birleştirilmez.",
                List.of(ChannelType.SMS, ChannelType.EMAIL, ChannelType.VOICE), "KIS2026",
                clock.instant().minus(Duration.ofDays(7)), clock.instant().plus(Duration.ofDays(120)), Campaign.Status.RUNNING,
                List.of(new Campaign.EntryPoint("kampanya@ornek.com.tr", "email", "email"),
                        new Campaign.EntryPoint("+908502222026", "phone", "gazete ilanı"),
                        new Campaign.EntryPoint("34000", "postcode", "el ilanı İstanbul"),
                        new Campaign.EntryPoint("KIS26WEB", "code", "kampanya sayfası"))));
        for (String email : CUSTOMERS) {
            customers.findByIdentifier(email).ifPresent(c -> {
                for (ChannelType channel : List.of(ChannelType.EMAIL, ChannelType.SMS, ChannelType.VOICE)) {
                    consents.record(c.id(), null, channel, Purpose.COMMERCIAL, true, "demo", clock.instant());
                }
            });
        }
        List<UUID> callees = Stream.of("fatma.ozturk@example.com.tr", "ali.veli@example.com", "leyla@example.az")
                .map(customers::findByIdentifier).flatMap(Optional::stream).map(Customer::id).map(id -> id.value()).toList();
        if (!callees.isEmpty()) {
            callLists.create(campaign.id(), "Kış 2026 arama listesi", callees);
        }
        log.info("Loaded the demo campaign KIS2026");
    }
}
