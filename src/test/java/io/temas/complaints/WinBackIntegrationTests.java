package io.temas.complaints;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.support.Api;
import io.temas.support.TemasIntegrationTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Who the win-back list holds, over the API: a customer let down (a survey answered with a low
 * score, a complaint, a late first response) within the look-back who has been quiet since, with
 * the reasons, the date and the conversation; not someone who wrote again or still has an open
 * conversation, nor someone let down before the look-back; someone who refused commercial contact
 * listed but marked unreachable; bad filters a problem detail.
 */
@TemasIntegrationTest
class WinBackIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
    }

    @Test
    void eachKindOfBadExperienceFollowedBySilencePutsTheCustomerOnTheList() {
        Contact complained = contact(40);
        resolve(complained);
        assertThat(api.post("/api/v1/conversations/" + complained.conversation() + "/complaint", "{\"category\":\"delivery\"}").status())
                .isEqualTo(200);

        Contact unhappy = contact(40);
        resolve(unhappy);
        survey(unhappy, 2, 38);
        Contact content = contact(40);
        resolve(content);
        survey(content, 3, 38);

        Contact waited = contact(40);
        resolve(waited);
        jdbc.sql("update conversations set first_response_breached = true where id = ?::uuid").param(waited.conversation()).update();

        JsonNode list = api.get("/api/v1/win-back").json();
        assertThat(list.at("/quietDays").asInt()).isEqualTo(30);
        assertThat(list.at("/lookBackDays").asInt()).isEqualTo(90);

        JsonNode complaint = item(list, complained).orElseThrow();
        assertThat(complaint.at("/reason").asString()).isEqualTo("complaint");
        assertThat(complaint.at("/reasons/0/code").asString()).isEqualTo("complaint");
        assertThat(complaint.at("/reasons/0/detail").asString()).isEqualTo("delivery");
        assertThat(complaint.at("/reasons/0/conversationId").asString()).isEqualTo(complained.conversation());
        assertThat(complaint.at("/reasons/0/reference").asString()).isEqualTo(complained.reference());
        assertThat(Instant.parse(complaint.at("/reasons/0/at").asString())).isAfter(Instant.now().minus(Duration.ofHours(1)));
        assertThat(complaint.at("/name").asString()).isEqualTo(complained.name());
        assertThat(Instant.parse(complaint.at("/lastContactAt").asString())).isBefore(Instant.now().minus(Duration.ofDays(39)));
        assertThat(complaint.at("/reachable").asBoolean()).isTrue();

        JsonNode lowScore = item(list, unhappy).orElseThrow();
        assertThat(lowScore.at("/reason").asString()).isEqualTo("low_csat");
        assertThat(lowScore.at("/reasons/0/detail").asString()).isEqualTo("2");
        assertThat(item(list, content)).as("a satisfaction score of 3 is no bad experience").isEmpty();

        JsonNode late = item(list, waited).orElseThrow();
        assertThat(late.at("/reason").asString()).isEqualTo("sla_breach");
        assertThat(late.at("/reasons/0/detail").asString()).isEqualTo("first_response");
        assertThat(late.at("/reasons/0/reference").asString()).isEqualTo(waited.reference());

        // Let down 40 days ago: outside a 30-day look-back.
        assertThat(item(api.get("/api/v1/win-back?lookBackDays=30").json(), waited)).isEmpty();
    }

    @Test
    void someoneWhoWroteAgainOrStillHasAnOpenConversationIsNotListedUntilQuietLongEnough() {
        Contact wroteAgain = contact(40);
        resolve(wroteAgain);
        api.post("/api/v1/conversations/" + wroteAgain.conversation() + "/complaint", "{\"category\":\"billing\"}");
        assertThat(item(api.get("/api/v1/win-back").json(), wroteAgain)).isPresent();

        Contact again = write(wroteAgain.email(), 5);
        resolve(again);
        assertThat(item(api.get("/api/v1/win-back").json(), wroteAgain)).as("wrote 5 days ago").isEmpty();
        assertThat(item(api.get("/api/v1/win-back?quietDays=3").json(), wroteAgain)).as("quiet for 3 days is enough here").isPresent();

        Contact stillOpen = contact(40);
        api.post("/api/v1/conversations/" + stillOpen.conversation() + "/complaint", "{\"category\":\"billing\"}");
        assertThat(item(api.get("/api/v1/win-back").json(), stillOpen)).as("its conversation is still open").isEmpty();
        resolve(stillOpen);
        assertThat(item(api.get("/api/v1/win-back").json(), stillOpen)).isPresent();
    }

    @Test
    void aCustomerWhoRefusedCommercialContactIsListedButMarkedUnreachable() {
        Contact refused = contact(40);
        resolve(refused);
        api.post("/api/v1/conversations/" + refused.conversation() + "/complaint", "{\"category\":\"staff\"}");
        assertThat(api.post("/api/v1/customers/" + refused.customer() + "/consents",
                "{\"channel\":\"email\",\"purpose\":\"commercial\",\"granted\":false,\"source\":\"test\"}").status()).isEqualTo(201);

        JsonNode item = item(api.get("/api/v1/win-back").json(), refused).orElseThrow();
        assertThat(item.at("/reachable").asBoolean()).isFalse();
        assertThat(item.at("/reason").asString()).isEqualTo("complaint");
    }

    @Test
    void badFiltersAreAProblemDetail() {
        for (String query : List.of("lookBackDays=abc", "quietDays=0", "lookBackDays=-3", "quietDays=99999")) {
            Api.Response response = api.get("/api/v1/win-back?" + query);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.contentType()).as(query).contains("application/problem+json");
        }
    }

    private Optional<JsonNode> item(JsonNode list, Contact contact) {
        for (JsonNode item : list.at("/items")) {
            if (item.at("/customerId").asString().equals(contact.customer())) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }

    /** A new customer's e-mail {@code daysAgo}. */
    private Contact contact(int daysAgo) {
        return write("winback-" + UUID.randomUUID() + "@example.com", daysAgo);
    }

    private Contact write(String email, int daysAgo) {
        String name = "Müşteri " + email.substring(8, 14);
        Api.Response response = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"fatura@ornek.com.tr","externalId":"%s","from":{"email":"%s","name":"%s"},
                 "subject":"Sipariş","text":"Merhaba, siparişim hakkında yazıyorum.","language":"tr","receivedAt":"%s"}"""
                .formatted(UUID.randomUUID(), email, name, Instant.now().minus(Duration.ofDays(daysAgo))));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        String conversation = response.text("/conversationId");
        JsonNode c = api.get("/api/v1/conversations/" + conversation).json();
        return new Contact(email, name, c.at("/customerId").asString(), conversation, c.at("/reference").asString());
    }

    private void resolve(Contact contact) {
        Api.Response response = api.post("/api/v1/conversations/" + contact.conversation() + "/status", "{\"status\":\"resolved\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    /**
     * The survey of the contact's conversation (the one its resolution sent, or a new one), answered {@code daysAgo} with
     * satisfaction {@code csat}.
     */
    private void survey(Contact contact, int csat, int daysAgo) {
        Instant answered = Instant.now().minus(Duration.ofDays(daysAgo));
        jdbc.sql("""
                        insert into surveys (id, conversation_id, customer_id, channel, language, sent_at, answered_at, csat)
                        values (?, ?::uuid, ?::uuid, 'email', 'tr', ?, ?, ?)
                        on conflict (conversation_id) do update
                        set sent_at = excluded.sent_at, answered_at = excluded.answered_at, csat = excluded.csat""")
                .params(UUID.randomUUID(), contact.conversation(), contact.customer(), Timestamp.from(answered.minusSeconds(3600)),
                        Timestamp.from(answered), csat).update();
    }

    record Contact(String email, String name, String customer, String conversation, String reference) {
    }
}
