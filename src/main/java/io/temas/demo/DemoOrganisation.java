package io.temas.demo;

import io.temas.customers.CustomerId;
import io.temas.customers.Customers;
import io.temas.customers.IdentityResolver;
import io.temas.routing.Agent;
import io.temas.routing.Agents;
import io.temas.routing.BusinessCalendars;
import io.temas.routing.BusinessHours;
import io.temas.routing.EntryPoints;
import io.temas.routing.Queue;
import io.temas.routing.Queues;
import io.temas.routing.RoutingRules;
import io.temas.routing.RuleConditions;
import io.temas.routing.SlaPolicies;
import io.temas.shared.ChannelType;
import io.temas.shared.Identifier;
import io.temas.shared.Language;
import io.temas.shared.Priority;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads "Örnek A.Ş.", a Turkish retailer: queues Fatura, Teknik Destek and Genel; entry points
 * fatura@, destek@, bilgi@ornek.com.tr, the call-centre number +90 850 222 00 00 for SMS and
 * voice, and a campaign keyword; agents with skills and capacities; Istanbul business hours with
 * Turkish public holidays; SLA policies per channel; a few customers. Runs once, on an empty database.
 */
@Component
@Order(10)
class DemoOrganisation implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoOrganisation.class);

    private final DemoSettings settings;
    private final TransactionTemplate transactions;
    private final Queues queues;
    private final EntryPoints entryPoints;
    private final Agents agents;
    private final RoutingRules rules;
    private final SlaPolicies sla;
    private final BusinessCalendars calendars;
    private final IdentityResolver identities;
    private final Customers customers;
    private final io.temas.inbound.OrganisationName organisationName;

    DemoOrganisation(DemoSettings settings, TransactionTemplate transactions, Queues queues, EntryPoints entryPoints, Agents agents,
                     RoutingRules rules, SlaPolicies sla, BusinessCalendars calendars, IdentityResolver identities, Customers customers,
                     io.temas.inbound.OrganisationName organisationName) {
        this.organisationName = organisationName;
        this.settings = settings;
        this.transactions = transactions;
        this.queues = queues;
        this.entryPoints = entryPoints;
        this.agents = agents;
        this.rules = rules;
        this.sla = sla;
        this.calendars = calendars;
        this.identities = identities;
        this.customers = customers;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!settings.demoData() || !queues.all().isEmpty()) {
            return;
        }
        transactions.executeWithoutResult(tx -> {
            load();
            organisationName.saveIfNone("Örnek A.Ş.", "demo");
        });
        log.info("Loaded the demo organisation Örnek A.Ş.");
    }

    private void load() {
        BusinessHours hours = calendars.create(new BusinessCalendars.Draft("İstanbul mesai", "Europe/Istanbul", weekdays(),
                turkishHolidays()));
        Queue fatura = queues.create("Fatura", "Fatura, ödeme ve iade soruları", hours.id());
        Queue teknik = queues.create("Teknik Destek", "Bağlantı, cihaz ve hesap erişimi sorunları", hours.id());
        Queue genel = queues.create("Genel", "Diğer her şey", hours.id());
        // The site's live chat is staffed around the clock; the bot answers first.
        Queue sohbet = queues.create("Canlı Sohbet", "Web sitesi canlı sohbeti, 7/24", null);

        entryPoints.create("fatura@ornek.com.tr", ChannelType.EMAIL, fatura.id(), "Fatura e-posta", null, null);
        entryPoints.create("destek@ornek.com.tr", ChannelType.EMAIL, teknik.id(), "Destek e-posta", null, null);
        entryPoints.create("bilgi@ornek.com.tr", ChannelType.EMAIL, genel.id(), "Bilgi e-posta", null, null);
        entryPoints.create("+908502220000", null, genel.id(), "Çağrı merkezi (SMS ve ses)", null, null);
        entryPoints.create("kampanya@ornek.com.tr", ChannelType.EMAIL, genel.id(), "Kış kampanyası e-posta", "KIS2026", "email");
        entryPoints.create("KIS2026", ChannelType.SMS, genel.id(), "Kış kampanyası SMS anahtar kelimesi", "KIS2026", "sms");
        entryPoints.create("web-iletisim", ChannelType.WEBFORM, genel.id(), "Web sitesi iletişim formu", null, null);
        entryPoints.create("web-sohbet", ChannelType.CHAT, sohbet.id(), "Web sitesi sohbet", null, null);

        agent("ayse", "Ayşe Yılmaz", List.of("billing"), List.of("tr", "en"), List.of(fatura, sohbet), true);
        agent("elif", "Elif Demir", List.of("billing", "vip", "english"), List.of("tr", "en"), List.of(fatura, genel), true);
        agent("mehmet", "Mehmet Kaya", List.of("technical"), List.of("tr"), List.of(teknik), true);
        agent("kenan", "Kenan Aliyev", List.of("technical", "english"), List.of("az", "tr", "en"), List.of(teknik, genel), false);
        agent("zeynep", "Zeynep Şahin", List.of("general"), List.of("tr"), List.of(genel), true);

        rules.create(new RoutingRules.Draft(10, "VIP müşteriler öncelikli", true,
                new RuleConditions(null, null, null, null, null, true), genel.id(), List.of("vip"), Priority.HIGH));
        // Money matters go to a person: the chat bot hands these over instead of suggesting articles. Questions about
        // refunds ("para iadesi ne zaman yatar?") still get the help centre's article; asking for one goes to a person.
        rules.create(new RoutingRules.Draft(15, "Para iadesi ve ödeme itirazları", true,
                new RuleConditions(null, List.of("sms", "chat", "social"), null, List.of("iade istiyorum", "iadesi istiyorum",
                        "iademi istiyorum", "paramı", "param iade", "geri ödeme", "borç", "itiraz", "want a refund", "need a refund",
                        "refund me", "money back", "chargeback", "pulumu", "pulun qaytar", "pulu qaytar", "pulu geri"), null, null), fatura.id(), List.of("billing"), null, true, true));
        // The same topic by e-mail: the acknowledgement offers a callback at a time the customer chooses.
        rules.create(new RoutingRules.Draft(16, "Ödeme itirazları e-postayla: arama önerilir", true,
                new RuleConditions(null, List.of("email", "webform"), null, List.of("iade istiyorum", "iadesi istiyorum", "ödeme itirazı",
                        "chargeback", "want a refund", "money back", "pulu geri"), null, null), fatura.id(), List.of("billing"), null, false,
                true));
        rules.create(new RoutingRules.Draft(20, "Kısa kanallarda fatura soruları", true,
                new RuleConditions(null, List.of("sms", "chat", "social"), null, List.of("fatura", "ödeme", "borç", "ekstre", "iade"),
                        null, null), fatura.id(), List.of("billing"), null));
        rules.create(new RoutingRules.Draft(30, "Kısa kanallarda teknik sorunlar", true,
                new RuleConditions(null, List.of("sms", "chat", "social", "voice"), null,
                        List.of("internet", "modem", "bağlantı", "arıza", "şifre", "uygulama"), null, null),
                teknik.id(), List.of("technical"), null));
        rules.create(new RoutingRules.Draft(40, "İngilizce yazanlar", true,
                new RuleConditions(null, null, List.of("en"), null, null, null), genel.id(), List.of("english"), null));

        // Chat answers within seconds: the first answer in 30 s (20 s when high), as the policy's seconds say.
        policy(ChannelType.CHAT, Priority.NORMAL, Duration.ofSeconds(30), Duration.ofMinutes(60));
        policy(ChannelType.CHAT, Priority.HIGH, Duration.ofSeconds(20), Duration.ofMinutes(30));
        policy(ChannelType.VOICE, Priority.NORMAL, 15, 240);
        policy(ChannelType.SMS, Priority.NORMAL, 60, 24 * 60);
        policy(ChannelType.SOCIAL, Priority.NORMAL, 60, 24 * 60);
        policy(ChannelType.EMAIL, Priority.NORMAL, 4 * 60, 3 * 24 * 60);
        policy(ChannelType.EMAIL, Priority.HIGH, 60, 24 * 60);
        policy(ChannelType.EMAIL, Priority.URGENT, 30, 8 * 60);
        policy(ChannelType.WEBFORM, Priority.NORMAL, 4 * 60, 3 * 24 * 60);

        customer("Fatma Öztürk", Language.TR, true, List.of("premium"), Identifier.email("fatma.ozturk@example.com.tr"),
                Identifier.phone("0532 111 22 33"), Identifier.account("TR-100-2001"));
        customer("Ali Veli", Language.TR, false, List.of("bireysel"), Identifier.email("ali.veli@example.com"),
                Identifier.phone("+90 533 444 55 66"));
        customer("Leyla Məmmədova", Language.AZ, false, List.of("bireysel"), Identifier.email("leyla@example.az"),
                Identifier.phone("+994 50 123 45 67"));
        customer("John Smith", Language.EN, false, List.of("kurumsal"), Identifier.email("john.smith@example.co.uk"));
    }

    private void agent(String username, String name, List<String> skills, List<String> languages, List<Queue> in, boolean online) {
        Map<ChannelType, Integer> capacity = new java.util.LinkedHashMap<>();
        capacity.put(ChannelType.CHAT, 3);
        capacity.put(ChannelType.EMAIL, 10);
        Agent agent = agents.create(new Agents.Draft(username, name, username + "@ornek.com.tr", skills, languages, capacity,
                in.stream().map(Queue::id).toList()));
        if (online) {
            agents.setPresence(agent.id(), Agent.Presence.ONLINE);
        }
    }

    private void policy(ChannelType channel, Priority priority, int firstMinutes, int resolutionMinutes) {
        policy(channel, priority, Duration.ofMinutes(firstMinutes), Duration.ofMinutes(resolutionMinutes));
    }

    private void policy(ChannelType channel, Priority priority, Duration firstResponse, Duration resolution) {
        sla.create(channel.code() + " " + priority.code(), channel, priority, firstResponse, resolution, null);
    }

    private void customer(String name, Language language, boolean vip, List<String> segments, Identifier... ids) {
        CustomerId id = identities.resolve(List.of(ids), name, language).customerId();
        customers.update(id, name, language, vip, segments);
    }

    private static Map<DayOfWeek, List<List<String>>> weekdays() {
        Map<DayOfWeek, List<List<String>>> schedule = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            schedule.put(day, List.of(List.of("09:00", "18:00")));
        }
        schedule.put(DayOfWeek.SATURDAY, List.of(List.of("10:00", "14:00")));
        schedule.put(DayOfWeek.SUNDAY, List.of());
        return schedule;
    }

    /** Turkey's public holidays for 2026 and 2027; the religious holidays move with the lunar calendar. */
    static List<BusinessCalendars.Holiday> turkishHolidays() {
        List<BusinessCalendars.Holiday> holidays = new ArrayList<>();
        for (int year : List.of(2026, 2027)) {
            holidays.add(new BusinessCalendars.Holiday(LocalDate.of(year, 1, 1), "Yılbaşı"));
            holidays.add(new BusinessCalendars.Holiday(LocalDate.of(year, 4, 23), "Ulusal Egemenlik ve Çocuk Bayramı"));
            holidays.add(new BusinessCalendars.Holiday(LocalDate.of(year, 5, 1), "Emek ve Dayanışma Günü"));
            holidays.add(new BusinessCalendars.Holiday(LocalDate.of(year, 5, 19), "Atatürk'ü Anma, Gençlik ve Spor Bayramı"));
            holidays.add(new BusinessCalendars.Holiday(LocalDate.of(year, 7, 15), "Demokrasi ve Milli Birlik Günü"));
            holidays.add(new BusinessCalendars.Holiday(LocalDate.of(year, 8, 30), "Zafer Bayramı"));
            holidays.add(new BusinessCalendars.Holiday(LocalDate.of(year, 10, 29), "Cumhuriyet Bayramı"));
        }
        for (String day : List.of("2026-03-20", "2026-03-21", "2026-03-22", "2027-03-09", "2027-03-10", "2027-03-11")) {
            holidays.add(new BusinessCalendars.Holiday(LocalDate.parse(day), "Ramazan Bayramı"));
        }
        for (String day : List.of("2026-05-27", "2026-05-28", "2026-05-29", "2026-05-30", "2027-05-16", "2027-05-17", "2027-05-18",
                "2027-05-19")) {
            holidays.add(new BusinessCalendars.Holiday(LocalDate.parse(day), "Kurban Bayramı"));
        }
        return holidays;
    }
}
