package io.temas.api;

import static io.temas.api.InboundApiIntegrationTests.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.temas.support.Api;
import io.temas.support.TemasIntegrationTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@TemasIntegrationTest
class CustomerMergeIntegrationTests {

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
    }

    @Test
    void mergingTwoCustomersAndUndoingItRestoresBothExactly() {
        Api.Response byMail = message("email", "bilgi@ornek.com.tr", "\"email\":\"" + unique("merge") + "@example.com\",\"name\":\"Selin\"");
        Api.Response bySms = message("sms", "+908502220000", "\"phone\":\"+90532" + digits(7) + "\"");
        String kept = byMail.text("/customerId");
        String absorbed = bySms.text("/customerId");
        assertThat(kept).isNotEqualTo(absorbed);
        JsonNode keptBefore = profile(kept);
        JsonNode absorbedBefore = profile(absorbed);

        Api.Response merge = api.post("/api/v1/customers/" + kept + "/merge", "{\"otherCustomerId\":\"" + absorbed + "\"}");
        assertThat(merge.status()).isEqualTo(201);
        JsonNode keptMerged = profile(kept);
        assertThat(keptMerged.at("/identities")).hasSize(2);
        assertThat(profile(absorbed).at("/mergedInto").asString()).isEqualTo(kept);
        assertThat(conversationsOf(kept)).containsExactlyInAnyOrder(byMail.text("/conversationId"), bySms.text("/conversationId"));
        assertThat(conversationsOf(absorbed)).isEmpty();

        Api.Response undo = api.post("/api/v1/merges/" + merge.text("/mergeId") + "/undo", "");
        assertThat(undo.status()).isEqualTo(200);
        assertThat(undo.text("/undoneAt")).isNotNull();

        assertThat(withoutMerges(profile(kept))).isEqualTo(withoutMerges(keptBefore));
        assertThat(withoutMerges(profile(absorbed))).isEqualTo(withoutMerges(absorbedBefore));
        assertThat(profile(absorbed).at("/timeline")).isEqualTo(absorbedBefore.at("/timeline"));
        assertThat(conversationsOf(kept)).containsExactly(byMail.text("/conversationId"));
        assertThat(conversationsOf(absorbed)).containsExactly(bySms.text("/conversationId"));

        Api.Response again = api.post("/api/v1/merges/" + merge.text("/mergeId") + "/undo", "");
        assertThat(again.status()).isEqualTo(409);
    }

    @Test
    void aMessageCarryingIdentifiersOfTwoCustomersMergesThem() {
        String email = unique("two") + "@example.com";
        String phone = "+90533" + digits(7);
        String a = message("email", "bilgi@ornek.com.tr", "\"email\":\"" + email + "\"").text("/customerId");
        String b = message("sms", "+908502220000", "\"phone\":\"" + phone + "\"").text("/customerId");

        // A channel whose identifiers are the sender's own (not a public form, where anyone types anything).
        String both = message("email", "bilgi@ornek.com.tr", "\"email\":\"" + email + "\",\"phone\":\"" + phone + "\"").text("/customerId");

        assertThat(both).isIn(a, b);
        String other = both.equals(a) ? b : a;
        assertThat(profile(other).at("/mergedInto").asString()).isEqualTo(both);
        assertThat(profile(both).at("/merges/0/actor").asString()).isEqualTo("system");
    }

    @Test
    void aWebFormCarryingIdentifiersOfTwoCustomersMergesNoOne() {
        String email = unique("form") + "@example.com";
        String phone = "+90533" + digits(7);
        String a = message("email", "bilgi@ornek.com.tr", "\"email\":\"" + email + "\"").text("/customerId");
        String b = message("sms", "+908502220000", "\"phone\":\"" + phone + "\"").text("/customerId");

        String form = message("webform", "web-iletisim", "\"phone\":\"" + phone + "\",\"email\":\"" + email + "\"").text("/customerId");

        assertThat(form).as("the address it is answered on decides").isEqualTo(a);
        assertThat(profile(a).at("/mergedInto").isNull()).isTrue();
        assertThat(profile(b).at("/mergedInto").isNull()).isTrue();
        assertThat(profile(a).at("/identities").valueStream().map(i -> i.at("/value").asString())).containsExactly(email);
    }

    @Test
    void twoAccountNumbersAreNeverMergedAutomatically() {
        String email = unique("acct") + "@example.com";
        String a = message("email", "bilgi@ornek.com.tr", "\"email\":\"" + email + "\",\"accountNumber\":\"ACC-" + digits(6) + "\"")
                .text("/customerId");
        String b = message("email", "bilgi@ornek.com.tr", "\"email\":\"x" + email + "\",\"accountNumber\":\"ACC-" + digits(6) + "\"")
                .text("/customerId");

        String mixed = message("email", "bilgi@ornek.com.tr",
                "\"email\":\"" + email + "\",\"accountNumber\":\"" + identity(b, "account") + "\"")
                .text("/customerId");

        assertThat(profile(a).at("/mergedInto").isNull()).isTrue();
        assertThat(profile(b).at("/mergedInto").isNull()).isTrue();
        assertThat(mixed).isEqualTo(b);
        assertThat(profile(a).at("/identities").valueStream().map(i -> i.at("/value").asString())).contains(email);
    }

    @Test
    void mergingACustomerWithItselfIsAConflict() {
        String a = message("email", "bilgi@ornek.com.tr", "\"email\":\"" + unique("self") + "@example.com\"").text("/customerId");

        Api.Response response = api.post("/api/v1/customers/" + a + "/merge", "{\"otherCustomerId\":\"" + a + "\"}");

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void anUnknownCustomerIsA404Problem() {
        Api.Response response = api.get("/api/v1/customers/01a20817-dfe6-7000-98da-ea4b570a1b14");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.text("/detail")).contains("No customer");
    }

    private Api.Response message(String channel, String entryPoint, String from) {
        Api.Response response = api.post("/api/v1/inbound", """
                {"channel":"%s","entryPoint":"%s","externalId":"%s","from":{%s},"subject":"Konu","text":"Merhaba"}"""
                .formatted(channel, entryPoint, unique("m"), from));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response;
    }

    private String identity(String customerId, String type) {
        return profile(customerId).at("/identities").valueStream().filter(i -> i.at("/type").asString().equals(type))
                .map(i -> i.at("/value").asString()).findFirst().orElseThrow();
    }

    private JsonNode profile(String id) {
        return api.get("/api/v1/customers/" + id).json();
    }

    private List<String> conversationsOf(String customerId) {
        JsonNode items = api.get("/api/v1/conversations?customerId=" + customerId).json().at("/items");
        return items.valueStream().map(i -> i.at("/id").asString()).toList();
    }

    private static JsonNode withoutMerges(JsonNode profile) {
        var copy = profile.deepCopy();
        ((tools.jackson.databind.node.ObjectNode) copy).remove("merges");
        ((tools.jackson.databind.node.ObjectNode) copy).remove("timeline");
        return copy;
    }

    private static String digits(int n) {
        String value = String.valueOf(Math.abs(java.util.UUID.randomUUID().getLeastSignificantBits()));
        return value.substring(0, n);
    }
}
