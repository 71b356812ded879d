package io.temas.api;

import static io.temas.api.InboundApiIntegrationTests.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.temas.support.Api;
import io.temas.support.TemasIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@TemasIntegrationTest
class RoutingAdminIntegrationTests {

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
    }

    @Test
    void aNewEntryPointRoutesTheNextMessageToItsQueue() {
        String queue = unique("İadeler");
        String address = unique("iade") + "@ornek.com.tr";
        assertThat(api.post("/api/v1/queues", "{\"name\":\"" + queue + "\"}").status()).isEqualTo(201);
        Api.Response entryPoint = api.post("/api/v1/entry-points",
                "{\"address\":\"" + address.toUpperCase() + "\",\"channel\":\"email\",\"queue\":\"" + queue + "\"}");
        assertThat(entryPoint.status()).isEqualTo(201);
        assertThat(entryPoint.text("/address")).isEqualTo(address);

        JsonNode conversation = conversationOf(send(address, "İade talebi", "Ürünü iade etmek istiyorum"));

        assertThat(conversation.at("/queue").asString()).isEqualTo(queue);
        assertThat(conversation.at("/routing/rule").asString()).isEqualTo("entry point");
        assertThat(conversation.at("/routing/reason").asString()).contains(address);
    }

    @Test
    void aRoutingRuleSendsMatchingMessagesToItsQueueAndSaysWhy() {
        String queue = unique("Kargo");
        api.post("/api/v1/queues", "{\"name\":\"" + queue + "\"}");
        Api.Response rule = api.post("/api/v1/routing-rules", """
                {"name":"Kargo soruları","position":1,"conditions":{"keywords":["kargo"],"channels":["email"]},
                 "queue":"%s","skills":["logistics"],"priority":"high"}""".formatted(queue));
        assertThat(rule.status()).isEqualTo(201);
        try {
            JsonNode routed = conversationOf(send("bilgi@ornek.com.tr", "KARGOM nerede?", "Siparişim gelmedi"));
            assertThat(routed.at("/queue").asString()).isEqualTo(queue);
            assertThat(routed.at("/routing/rule").asString()).isEqualTo("Kargo soruları");
            assertThat(routed.at("/routing/reason").asString()).contains("mentions 'kargo'");
            assertThat(routed.at("/routing/skills/0").asString()).isEqualTo("logistics");
            assertThat(routed.at("/priority").asString()).isEqualTo("high");

            JsonNode untouched = conversationOf(send("bilgi@ornek.com.tr", "Mağaza saatleri", "Kaçta açılıyorsunuz?"));
            assertThat(untouched.at("/queue").asString()).isEqualTo("Genel");
        } finally {
            api.delete("/api/v1/routing-rules/" + rule.text("/id"));
        }
    }

    @Test
    void thePreviewShowsWhichRuleFiresAndWhy() {
        Api.Response preview = api.post("/api/v1/routing/preview", """
                {"channel":"sms","entryPoint":"+908502220000","text":"Modemim arızalı, internet yok"}""");

        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.text("/queue")).isEqualTo("Teknik Destek");
        assertThat(preview.text("/rule")).isEqualTo("Kısa kanallarda teknik sorunlar");
        assertThat(preview.text("/reason")).contains("channel is sms").contains("mentions");
    }

    @Test
    void rulesAreMovedOnePlaceAndPutInAnOrder() {
        String first = rule(unique("Birinci"));
        String second = rule(unique("İkinci"));
        try {
            assertThat(api.post("/api/v1/routing-rules/" + second + "/move", "{\"direction\":\"up\"}").status()).isEqualTo(200);
            assertThat(ruleIds()).containsSubsequence(second, first);

            assertThat(api.put("/api/v1/routing-rules/order", "[\"" + first + "\",\"" + second + "\"]").status()).isEqualTo(200);
            assertThat(ruleIds()).startsWith(first, second);

            assertThat(api.post("/api/v1/routing-rules/" + second + "/move", "{\"direction\":\"sideways\"}").status()).isEqualTo(400);
        } finally {
            api.delete("/api/v1/routing-rules/" + first);
            api.delete("/api/v1/routing-rules/" + second);
        }
    }

    @Test
    void aRuleCanSayAPersonAnswersAndAChangeThatDoesNotNameItKeepsIt() {
        Api.Response rule = api.post("/api/v1/routing-rules", """
                {"name":"%s","conditions":{"keywords":["kripto"],"channels":["chat"]},"queue":"Fatura","personAnswers":true}"""
                .formatted(unique("Kripto")));
        assertThat(rule.status()).as(rule.body()).isEqualTo(201);
        String id = rule.text("/id");
        try {
            assertThat(rule.json().at("/personAnswers").asBoolean()).isTrue();
            Api.Response renamed = api.put("/api/v1/routing-rules/" + id, """
                    {"name":"Kripto ödemeleri","conditions":{"keywords":["kripto"]},"queue":"Fatura"}""");
            assertThat(renamed.json().at("/personAnswers").asBoolean()).isTrue();
            Api.Response cleared = api.put("/api/v1/routing-rules/" + id, """
                    {"name":"Kripto ödemeleri","conditions":{"keywords":["kripto"]},"queue":"Fatura","personAnswers":false}""");
            assertThat(cleared.json().at("/personAnswers").asBoolean()).isFalse();
            assertThat(api.get("/api/v1/routing-rules/" + id).json().at("/personAnswers").asBoolean()).isFalse();
        } finally {
            api.delete("/api/v1/routing-rules/" + id);
        }
        Api.Response plain = api.post("/api/v1/routing-rules", """
                {"name":"%s","conditions":{"keywords":["kripto"]},"queue":"Fatura"}""".formatted(unique("Kripto")));
        assertThat(plain.json().at("/personAnswers").asBoolean(true)).isFalse();
        api.delete("/api/v1/routing-rules/" + plain.text("/id"));
    }

    @Test
    void aRuleWithAnUnknownChannelOrLanguageIsRefusedNamingTheField() {
        Api.Response channel = api.post("/api/v1/routing-rules", """
                {"name":"x","conditions":{"channels":["fax"]},"queue":"Genel"}""");
        assertThat(channel.status()).isEqualTo(400);
        assertThat(channel.text("/detail")).contains("fax");
        assertThat(channel.text("/field")).isEqualTo("channel");
        Api.Response language = api.post("/api/v1/routing-rules", """
                {"name":"x","conditions":{"languages":["xx"]},"queue":"Genel"}""");
        assertThat(language.status()).isEqualTo(400);
        assertThat(language.text("/detail")).contains("xx");
        assertThat(language.text("/field")).isEqualTo("language");
    }

    @Test
    void invalidConfigurationIsRefusedWithAProblem() {
        Api.Response unknownQueue = api.post("/api/v1/entry-points", "{\"address\":\"x@ornek.com.tr\",\"queue\":\"Yok Böyle Kuyruk\"}");
        assertThat(unknownQueue.status()).isEqualTo(404);

        Api.Response duplicate = api.post("/api/v1/queues", "{\"name\":\"Fatura\"}");
        assertThat(duplicate.status()).isEqualTo(409);

        Api.Response badHours = api.post("/api/v1/business-hours",
                "{\"name\":\"" + unique("x") + "\",\"zone\":\"Europe/Istanbul\",\"schedule\":{\"MONDAY\":[[\"18:00\",\"09:00\"]]}}");
        assertThat(badHours.status()).isEqualTo(400);
        assertThat(badHours.text("/detail")).contains("ends before it starts");
    }

    private String send(String entryPoint, String subject, String text) {
        Api.Response response = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"%s","externalId":"%s","from":{"email":"%s@example.com"},"subject":%s,"text":%s}"""
                .formatted(entryPoint, unique("r"), unique("router"), Api.quote(subject), Api.quote(text)));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.text("/conversationId");
    }

    private String rule(String name) {
        Api.Response rule = api.post("/api/v1/routing-rules", """
                {"name":"%s","conditions":{"keywords":["%s"]},"queue":"Genel"}""".formatted(name, name));
        assertThat(rule.status()).as(rule.body()).isEqualTo(201);
        return rule.text("/id");
    }

    private java.util.List<String> ruleIds() {
        return api.get("/api/v1/routing-rules").json().valueStream().map(r -> r.at("/id").asString()).toList();
    }

    private JsonNode conversationOf(String id) {
        return api.get("/api/v1/conversations/" + id).json();
    }
}
