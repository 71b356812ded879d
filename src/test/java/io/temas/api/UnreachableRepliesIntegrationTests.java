package io.temas.api;

import static io.temas.api.InboundApiIntegrationTests.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.temas.channels.OutboxDispatcher;
import io.temas.support.Api;
import io.temas.support.Console;
import io.temas.support.TemasIntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A reply on a chat no visitor is in any more (here: a chat conversation with no chat session behind it) is refused, never recorded as sent, and the
 * ways that reach the customer are offered: in the API as a 409 listing them, in the console as a
 * message in the agent's language with each way one click away.
 */
@TemasIntegrationTest
class UnreachableRepliesIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    OutboxDispatcher dispatcher;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
    }

    @Test
    void theApiRefusesAChatReplyWithTheAlternativesAndSendsOnThePickedOne() {
        String email = unique("sohbet") + "@example.com";
        String conversationId = chat(email);

        Api.Response refused = api.post("/api/v1/conversations/" + conversationId + "/messages", "{\"text\":\"Merhaba, nasıl yardımcı olabilirim?\"}");

        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.text("/type")).isEqualTo("urn:temas:problem:unreachable");
        assertThat(refused.text("/channel")).isEqualTo("chat");
        assertThat(refused.text("/detail")).contains("no way to reach this customer on chat");
        JsonNode alternative = refused.json().at("/alternatives/0");
        assertThat(alternative.at("/channel").asString()).isEqualTo("email");
        assertThat(alternative.at("/to/0").asString()).isEqualTo(email);
        assertThat(alternative.at("/from").size()).isPositive();
        assertThat(outbound(conversationId, "Merhaba, nasıl yardımcı olabilirim?")).isNull();

        // The chat's acknowledgement nudged the dispatcher, whose round sends whatever is due: let it finish first, so
        // that no round under way takes the mail before its answer says where it stands.
        dispatcher.dispatch();
        Api.Response byMail = api.post("/api/v1/conversations/" + conversationId + "/messages",
                "{\"text\":\"Size e-postayla yazıyoruz.\",\"channel\":\"email\",\"to\":\"" + email + "\"}");
        assertThat(byMail.status()).as(byMail.body()).isEqualTo(201);
        assertThat(byMail.text("/channel")).isEqualTo("email");
        assertThat(byMail.text("/delivery")).isEqualTo("queued");
        assertThat(api.post("/api/v1/conversations/" + conversationId + "/messages",
                "{\"text\":\"x\",\"channel\":\"email\",\"to\":\"someone-else@example.com\"}").status()).isEqualTo(400);

        dispatcher.dispatch();
        JsonNode ack = api.get("/api/v1/conversations/" + conversationId).json().at("/messages").valueStream()
                .filter(m -> "ack".equals(m.at("/kind").asString())).findFirst().orElseThrow();
        assertThat(ack.at("/delivery").asString()).as("an acknowledgement that could not leave").isEqualTo("unsent");
        assertThat(ack.at("/deliveryError").asString()).contains("no way to reach the customer on chat");
        // This context's mailboxes have no SMTP server: recorded, and said so, never "sent".
        JsonNode mail = outbound(conversationId, "Size e-postayla yazıyoruz.");
        assertThat(mail.at("/delivery").asString()).isEqualTo("unsent");
        assertThat(mail.at("/deliveryError").asString()).contains("no SMTP server");
    }

    @Test
    void theConsoleKeepsARefusedChatReplyInTheBoxAndOffersTheMailAddressInOneClick() {
        String email = unique("konsol") + "@example.com";
        String conversationId = chat(email);
        Console agent = Console.signIn(port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);
        String page = "/console/conversations/" + conversationId;

        String shown = agent.get(page).body();
        assertThat(shown).contains("Bu müşteriye Sohbet üzerinden ulaşmanın bir yolu yok")
                .contains("name=\"via\" value=\"email\"").contains("E-posta ile gönder: " + email);

        Console.Page refused = agent.submit(page, page + "/reply", Map.of("channel", "chat", "text", "Sohbetten yazılan yanıt"));
        assertThat(refused.status()).isEqualTo(302);
        String after = agent.get(page).body();
        assertThat(after).contains("Yanıt gönderilmedi: bu müşteriye bu kanaldan ulaşılamıyor").contains(">Sohbetten yazılan yanıt</textarea>");
        assertThat(outbound(conversationId, "Sohbetten yazılan yanıt")).isNull();

        assertThat(agent.submit(page, page + "/reply", Map.of("channel", "chat", "via", "email", "text", "Sohbetten yazılan yanıt"))
                .status()).isEqualTo(302);
        JsonNode sent = outbound(conversationId, "Sohbetten yazılan yanıt");
        assertThat(sent.at("/channel").asString()).isEqualTo("email");
        assertThat(sent.at("/to").asString()).isEqualTo(email);

        dispatcher.dispatch();
        String delivered = agent.get(page).body();
        assertThat(delivered).contains("Gönderilmedi: bu müşteriye Sohbet üzerinden ulaşmanın bir yolu yok.")
                .containsPattern("Gönderilmedi: \\S+@\\S+ adresi için bir SMTP sunucusu ayarlanmamış\\.").doesNotContain(">Gönderildi<");
        assertThat(agent.get(page + "?lang=en").body()).contains("Not sent: there is no way to reach this customer on Chat.")
                .contains("There is no way to reach this customer on Chat").contains("Send by E-mail to " + email);
        assertThat(agent.get(page + "?lang=az").body()).contains("Göndərilmədi: bu müştəriyə Çat vasitəsilə çatmağın yolu yoxdur.");
    }

    private String chat(String email) {
        Api.Response response = api.post("/api/v1/inbound", """
                {"channel":"chat","entryPoint":"web-sohbet","externalId":"%s","chatSession":"%s","from":{"email":"%s","cookie":"%s"},
                 "text":"Siparişimi iptal etmek istiyorum"}""".formatted(unique("chat"), unique("session"), email, unique("cookie")));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.text("/conversationId");
    }

    private JsonNode outbound(String conversationId, String text) {
        return api.get("/api/v1/conversations/" + conversationId).json().at("/messages").valueStream()
                .filter(m -> "outbound".equals(m.at("/direction").asString()) && text.equals(m.at("/text").asString()))
                .findFirst().orElse(null);
    }
}
