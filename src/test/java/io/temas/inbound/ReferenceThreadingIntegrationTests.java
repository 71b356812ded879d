package io.temas.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.support.Api;
import io.temas.support.Console;
import io.temas.support.TemasIntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A reference in a subject joins its conversation only for the conversation's customer or someone
 * already on it; a stranger who guesses it opens a conversation of their own, linked and flagged.
 * Reply headers (random Message-IDs) still thread forwarded mail.
 */
@TemasIntegrationTest
class ReferenceThreadingIntegrationTests {

    @LocalServerPort
    int port;

    Api api;

    String customer;
    String conversationId;
    String reference;
    String firstMessageId;

    @BeforeEach
    void aCustomersConversation() {
        api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        customer = unique("sahip") + "@example.com";
        firstMessageId = "<" + unique("ilk") + "@example.com>";
        Api.Response first = inbound(customer, firstMessageId, "Siparişim gelmedi", null);
        conversationId = first.text("/conversationId");
        reference = api.get("/api/v1/conversations/" + conversationId).text("/reference");
    }

    @Test
    void theCustomersReplyWithTheReferenceJoins() {
        Api.Response reply = inbound(customer.toUpperCase(), "<" + unique("yanit") + "@example.com>",
                "Re: Siparişim gelmedi [#" + reference + "]", null);

        assertThat(reply.text("/conversationId")).isEqualTo(conversationId);
    }

    @Test
    void aStrangerGuessingTheReferenceOpensALinkedFlaggedConversation() {
        Api.Response guess = inbound(unique("yabanci") + "@example.com", "<" + unique("tahmin") + "@example.com>",
                "Re: [#" + reference + "] bana da yazın", null);

        String opened = guess.text("/conversationId");
        assertThat(opened).isNotEqualTo(conversationId);
        assertThat(api.get("/api/v1/conversations/" + conversationId).json().at("/messages").toString()).doesNotContain("bana da yazın");
        JsonNode timeline = api.get("/api/v1/customers/" + guess.text("/customerId")).json().at("/timeline");
        assertThat(timeline).anySatisfy(entry -> {
            assertThat(entry.at("/kind").asString()).isEqualTo("conversation.cites");
            assertThat(entry.at("/conversationId").asString()).isEqualTo(opened);
            assertThat(entry.at("/summary").asString()).contains(reference);
        });

        Console admin = Console.signIn(port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);
        String page = admin.get("/console/conversations/" + opened).body();
        assertThat(page).contains("data-flag=\"cites\"").contains("Doğrulanmamış referans")
                .contains("href=\"/console/conversations/" + conversationId + "\"");
        assertThat(admin.get("/console/conversations/" + conversationId).body()).doesNotContain("data-flag=\"cites\"");
        assertThat(admin.get("/console/customers/" + guess.text("/customerId")).body()).as("the timeline entry in the agent's language")
                .contains("Doğrulanmamış referansla ayrı açıldı");
    }

    @Test
    void replyHeadersStillThreadForwardedMailAndMakeItsSenderAParticipant() {
        String colleague = unique("meslektas") + "@example.com";
        Api.Response forwarded = inbound(colleague, "<" + unique("fwd") + "@example.com>",
                "Re: Fwd: Siparişim gelmedi [#" + reference + "]", firstMessageId);

        assertThat(forwarded.text("/conversationId")).isEqualTo(conversationId);

        Api.Response later = inbound(colleague, "<" + unique("sonra") + "@example.com>", "Ek bilgi [#" + reference + "]", null);
        assertThat(later.text("/conversationId")).isEqualTo(conversationId);
    }

    @Test
    void replyHeadersThreadWithoutAnyReference() {
        Api.Response reply = inbound(unique("baska") + "@example.com", "<" + unique("hdr") + "@example.com>", "Re: Siparişim", firstMessageId);

        assertThat(reply.text("/conversationId")).isEqualTo(conversationId);
    }

    private Api.Response inbound(String from, String messageId, String subject, String inReplyTo) {
        Api.Response created = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"bilgi@ornek.com.tr","externalId":%s,"from":{"email":"%s"},"subject":%s,
                 "text":"Merhaba","inReplyTo":%s}"""
                .formatted(Api.quote(messageId), from, Api.quote(subject), inReplyTo == null ? "null" : Api.quote(inReplyTo)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created;
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
