package io.temas.calls;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.support.Api;
import io.temas.support.TemasIntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Money matters to the phone: a routing rule that offers a call puts the offer of a callback in the acknowledgement. */
@TemasIntegrationTest
class CallOfferIntegrationTests {

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
    }

    @Test
    void anEmailOnAMoneyMatterIsOfferedACallbackInTheCustomersLanguage() {
        String turkish = ack("deniz." + UUID.randomUUID() + "@example.com.tr", "İade talebi",
                "Merhaba, geçen ay iki kez çekilen tutar için iade istiyorum. Teşekkürler.");
        assertThat(turkish).contains("telefonda konuşmak isterseniz").contains("/portal/callback?ref=T-").contains("&lang=tr");

        String english = ack("john." + UUID.randomUUID() + "@example.co.uk", "Refund",
                "Hello, I was charged twice last month and I want a refund for the second payment. Thank you.");
        assertThat(english).contains("talk this over on the phone").contains("&lang=en");
        assertThat(english.indexOf("/portal/callback")).as("the offer comes before the signature")
                .isLessThan(english.length() - 5);

        java.util.regex.Matcher link = java.util.regex.Pattern.compile("/portal/callback\\?ref=(T-[0-9]+)&lang=en").matcher(english);
        assertThat(link.find()).isTrue();
        Api.Response page = new Api(port, null).get(link.group());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).as("the booking page starts the note with the request's reference")
                .contains(">" + link.group(1) + ": </textarea>").contains("lang=\"en\"");
    }

    @Test
    void anEmailOnAnotherTopicIsNotOfferedACall() {
        String ack = ack("selin." + UUID.randomUUID() + "@example.com.tr", "Adres değişikliği",
                "Merhaba, fatura adresimi değiştirmek istiyorum. Yeni adresim Kadıköy.");
        assertThat(ack).isNotEmpty().doesNotContain("/portal/callback");
    }

    @Test
    void aRuleOffersACallThroughTheApi() {
        Api.Response rule = api.post("/api/v1/routing-rules", """
                {"name":"Kredi kartı itirazı %s","conditions":{"keywords":["kart itirazı"]},"queue":"Fatura","offerCall":true}"""
                .formatted(UUID.randomUUID()));
        assertThat(rule.status()).as(rule.body()).isEqualTo(201);
        assertThat(rule.json().at("/offerCall").asBoolean()).isTrue();
        String id = rule.json().at("/id").asString();
        Api.Response kept = api.put("/api/v1/routing-rules/" + id, """
                {"name":"Kredi kartı itirazı","conditions":{"keywords":["kart itirazı"]},"queue":"Fatura"}""");
        assertThat(kept.json().at("/offerCall").asBoolean()).as("left out, it stays as it was").isTrue();
        assertThat(api.delete("/api/v1/routing-rules/" + id).status()).isIn(200, 204);
    }

    private String ack(String from, String subject, String text) {
        Api.Response received = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"bilgi@ornek.com.tr","externalId":"%s","from":{"email":"%s"},"subject":%s,"text":%s}"""
                .formatted("offer-" + UUID.randomUUID(), from, Api.quote(subject), Api.quote(text)));
        assertThat(received.status()).as(received.body()).isEqualTo(201);
        JsonNode conversation = api.get("/api/v1/conversations/" + received.json().get("conversationId").asString()).json();
        return conversation.get("messages").valueStream().filter(m -> "ack".equals(m.get("kind").asString()))
                .map(m -> m.get("text").asString()).findFirst().orElse("");
    }
}
