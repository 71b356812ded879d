package io.temas.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.support.Api;
import io.temas.support.TemasIntegrationTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
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
    void theSettingIsOnUnlessTurnedOff() {
        assertThat(bind(Map.of()).requireConsent()).isTrue();
        assertThat(bind(Map.of("temas.campaigns.require-consent", "false")).requireConsent()).isFalse();
    }

    private static CampaignSettings bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("temas.campaigns", CampaignSettings.class);
    }
}
