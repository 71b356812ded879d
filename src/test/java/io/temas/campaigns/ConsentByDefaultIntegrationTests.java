package io.temas.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.customers.CustomerId;
import io.temas.customers.IdentityResolver;
import io.temas.shared.ChannelType;
import io.temas.shared.Identifier;
import io.temas.shared.Language;
import io.temas.support.Api;
import io.temas.support.TemasIntegrationTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Out of the box, a customer who only wrote to support gets no marketing: a campaign send holds them back for want of
 * a recorded consent, and takes them once one is recorded. Deployments that keep consents elsewhere can say so.
 */
@TemasIntegrationTest
class ConsentByDefaultIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Consents consents;

    @Autowired
    IdentityResolver resolver;

    @Test
    void aCustomerWhoOnlyWroteToSupportIsHeldBackUntilAConsentIsRecorded() {
        Api api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        String email = "destek-" + UUID.randomUUID() + "@example.com";
        Api.Response wrote = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"bilgi@ornek.com.tr","externalId":"<%s>","from":{"email":"%s","name":"Yalnızca Destek"},
                 "subject":"Faturam","text":"Faturam iki kez kesildi."}""".formatted(UUID.randomUUID() + "@example.com", email));
        assertThat(wrote.status()).as(wrote.body()).isEqualTo(201);
        String customer = wrote.text("/customerId");
        String code = "C" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String campaign = api.post("/api/v1/campaigns", """
                {"name":"İzin %s","code":"%s","offer":"Deneme","channels":["email"]}""".formatted(code, code)).text("/id");
        String send = "{\"channel\":\"email\",\"subject\":\"Fırsat\",\"text\":\"Yeni fırsat\",\"audience\":{\"customerIds\":[\"" + customer + "\"]}}";

        JsonNode before = api.post("/api/v1/campaigns/" + campaign + "/sends", send).json();

        assertThat(before.at("/allowed").asInt()).as(before.toString()).isZero();
        assertThat(before.at("/refused/consent-missing").asInt()).isEqualTo(1);

        assertThat(api.post("/api/v1/customers/" + customer + "/consents", """
                {"channel":"email","purpose":"commercial","granted":true,"source":"imported from İYS"}""").status()).isEqualTo(201);
        JsonNode after = api.post("/api/v1/campaigns/" + campaign + "/sends", send).json();

        assertThat(after.at("/allowed").asInt()).as(after.toString()).isEqualTo(1);
        assertThat(after.at("/refused").isEmpty()).isTrue();
    }

    @Test
    void consentsReadForManyCustomersAtOnceAreWhatEachReadAloneGives() {
        String suffix = "%06d".formatted(Math.floorMod(UUID.randomUUID().hashCode(), 1_000_000));
        CustomerId granted = customer("+905381" + suffix);
        CustomerId withdrawn = customer("+905382" + suffix);
        CustomerId none = customer("+905383" + suffix);
        CustomerId byNumber = customer("+905384" + suffix);
        CustomerId earlierHolder = customer("+905385" + suffix);
        Instant then = Instant.parse("2026-06-01T00:00:00Z");
        consents.record(granted, null, ChannelType.VOICE, Purpose.COMMERCIAL, true, "test", then);
        consents.record(withdrawn, null, ChannelType.VOICE, Purpose.COMMERCIAL, true, "test", then);
        consents.record(withdrawn, null, ChannelType.VOICE, Purpose.COMMERCIAL, false, "test", then.plusSeconds(60));
        consents.record(none, null, ChannelType.SMS, Purpose.COMMERCIAL, true, "another channel", then);
        // Withdrawn on the number by whoever held it before: it holds for the profile that has the number now.
        consents.record(earlierHolder, "+905384" + suffix, ChannelType.VOICE, Purpose.COMMERCIAL, false, "the number's earlier holder", then);
        List<UUID> customers = List.of(granted.value(), withdrawn.value(), none.value(), byNumber.value());
        List<String> numbers = java.util.Arrays.asList(null, "+905382" + suffix, "+905383" + suffix, "+905384" + suffix);

        List<Boolean> many = consents.states(customers, numbers, ChannelType.VOICE, Purpose.COMMERCIAL);

        assertThat(many).containsExactly(true, false, null, false);
        for (int i = 0; i < customers.size(); i++) {
            assertThat(many.get(i)).as("customer " + i).isEqualTo(consents.state(customers.get(i), numbers.get(i), ChannelType.VOICE,
                    Purpose.COMMERCIAL));
        }
        assertThat(consents.states(List.of(UUID.randomUUID()), java.util.Collections.singletonList(null), ChannelType.VOICE,
                Purpose.COMMERCIAL)).containsExactly((Boolean) null);
    }

    private CustomerId customer(String phone) {
        return resolver.resolve(List.of(Identifier.phone(phone)), "Toplu " + phone, Language.TR).customerId();
    }

    @Test
    void theSettingIsOnUnlessTurnedOff() {
        assertThat(bind(Map.of()).requireConsent()).isTrue();
        assertThat(bind(Map.of("temas.campaigns.require-consent", "false")).requireConsent()).isFalse();
    }

    private static CampaignSettings bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("temas.campaigns", CampaignSettings.class);
    }
}
