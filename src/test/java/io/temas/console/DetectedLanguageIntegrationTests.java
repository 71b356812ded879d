package io.temas.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.customers.CustomerId;
import io.temas.customers.Customers;
import io.temas.shared.Language;
import io.temas.support.Api;
import io.temas.support.Console;
import io.temas.support.TemasIntegrationTest;
import java.util.List;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The language a customer's messages are recognised in stands in for the one nobody chose, and the 360 says so in the reader's language. */
@TemasIntegrationTest
class DetectedLanguageIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Customers customers;

    @Test
    void aCustomerWritingTurkishShowsTurkishAsDetectedInTheReadersLanguage() {
        Api api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        String u = UUID.randomUUID().toString().substring(0, 8);
        JsonNode receipt = send(api, u, "1", "Faturamda hata var", "Merhaba, bu ay iki kez ücret alınmış.");
        String customer = receipt.at("/customerId").asString();

        JsonNode profile = api.get("/api/v1/customers/" + customer).json();
        assertThat(profile.at("/language").isNull()).as(profile.toString()).isTrue();
        assertThat(profile.at("/detectedLanguage").asString()).isEqualTo("tr");
        Console ayse = Console.signIn(port, "ayse", TemasIntegrationTest.DEMO_PASSWORD);
        assertThat(language(ayse, "/console/customers/" + customer + "?lang=en")).isEqualTo("Turkish from their messages");
        assertThat(language(ayse, "/console/customers/" + customer + "?lang=tr")).isEqualTo("Türkçe mesajlarından");
        assertThat(language(ayse, "/console/conversations/" + receipt.at("/conversationId").asString() + "?lang=az"))
                .isEqualTo("Türk dili mesajlarından");
    }

    @Test
    void aChosenLanguageStaysAndTheDetectedOneAnswersAMessageTooShortToRecognise() {
        Api api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        String u = UUID.randomUUID().toString().substring(0, 8);
        String customer = send(api, u, "1", "Sifariş", "Salam, sifarişim haqqında məlumat istəyirəm.").at("/customerId").asString();
        assertThat(api.get("/api/v1/customers/" + customer).text("/detectedLanguage")).isEqualTo("az");

        JsonNode shortOne = send(api, u, "2", "", "12345");
        JsonNode message = api.get("/api/v1/conversations/" + shortOne.at("/conversationId").asString()).json().at("/messages")
                .valueStream().filter(m -> m.at("/id").asString().equals(shortOne.at("/messageId").asString())).findFirst().orElseThrow();
        assertThat(message.at("/language").asString()).as("nothing to recognise in the message: the customer's detected language")
                .isEqualTo("az");

        CustomerId id = new CustomerId(UUID.fromString(customer));
        customers.update(id, "Aysel " + u, Language.EN, false, List.of());
        send(api, u, "3", "Fatura", "Merhaba, faturamı göremiyorum.");
        JsonNode profile = api.get("/api/v1/customers/" + customer).json();
        assertThat(profile.at("/language").asString()).isEqualTo("en");
        assertThat(profile.at("/detectedLanguage").asString()).isEqualTo("tr");
        Console ayse = Console.signIn(port, "ayse", TemasIntegrationTest.DEMO_PASSWORD);
        assertThat(language(ayse, "/console/customers/" + customer + "?lang=tr")).isEqualTo("İngilizce");
    }

    private static JsonNode send(Api api, String u, String n, String subject, String text) {
        Api.Response response = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"bilgi@ornek.com.tr","externalId":"<dil-%1$s-%2$s@example.com>",
                 "from":{"email":"dil-%1$s@example.com"},"subject":%3$s,"text":%4$s}"""
                .formatted(u, n, Api.quote(subject), Api.quote(text)));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    /** The 360's language value as read. */
    private static String language(Console console, String path) {
        Console.Page page = console.get(path);
        assertThat(page.status()).isEqualTo(200);
        return Jsoup.parse(page.body()).select(".customer-360 dl.kv dd").stream()
                .filter(dd -> dd.previousElementSibling() != null && List.of("Language", "Dil").contains(dd.previousElementSibling().text()))
                .findFirst().orElseThrow(() -> new AssertionError("no language in the 360 of " + path)).text();
    }
}
