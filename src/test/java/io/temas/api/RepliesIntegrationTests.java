package io.temas.api;

import static io.temas.api.InboundApiIntegrationTests.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.temas.channels.OutboundMessage;
import io.temas.channels.OutboxDispatcher;
import io.temas.channels.RecordingTransport;
import io.temas.support.Api;
import io.temas.support.TemasIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@TemasIntegrationTest
class RepliesIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    OutboxDispatcher dispatcher;

    @Autowired
    RecordingTransport recording;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
    }

    @Test
    void anAgentsReplyLeavesThroughTheOutboxThreadedToTheCustomersMail() {
        String customer = unique("yanit") + "@example.com";
        Api.Response inbound = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"fatura@ornek.com.tr","externalId":"<%s@example.com>","from":{"email":"%s"},
                 "subject":"Fatura itirazı","text":"Faturama itiraz ediyorum","references":["<%s@example.com>"]}"""
                .formatted(unique("hdr"), customer, unique("older")));
        String conversationId = inbound.text("/conversationId");

        Api.Response reply = api.post("/api/v1/conversations/" + conversationId + "/messages",
                "{\"text\":\"İtirazınızı inceledik, iade yapılacak.\"}");
        assertThat(reply.status()).isEqualTo(201);
        dispatcher.dispatch();

        JsonNode conversation = api.get("/api/v1/conversations/" + conversationId).json();
        JsonNode sent = conversation.at("/messages").valueStream()
                .filter(m -> m.at("/id").asString().equals(reply.text("/messageId"))).findFirst().orElseThrow();
        // fatura@ has no SMTP server in this context: recorded for inspection, and shown as not sent, with the reason.
        assertThat(sent.at("/delivery").asString()).isEqualTo("unsent");
        assertThat(sent.at("/deliveryError").asString()).contains("fatura@ornek.com.tr", "no SMTP server");
        assertThat(sent.at("/to").asString()).isEqualTo(customer);
        assertThat(conversation.at("/status").asString()).isEqualTo("pending");
        assertThat(conversation.at("/sla/firstRespondedAt").isNull()).isFalse();
        OutboundMessage out = recording.recorded().stream().filter(m -> reply.text("/messageId").equals(String.valueOf(m.messageId())))
                .findFirst().orElseThrow();
        assertThat(out.subject()).contains("[#" + conversation.at("/reference").asString() + "]").startsWith("Re: Fatura itirazı");
        assertThat(out.headers()).containsKey("In-Reply-To").containsKey("Message-ID");
        assertThat(out.headers().get("References")).contains("@example.com>");
        assertThat(out.sender()).isEqualTo("fatura@ornek.com.tr");
    }

    @Test
    void anInternalNoteIsStoredButNeverSent() {
        Api.Response inbound = api.post("/api/v1/inbound", """
                {"channel":"sms","entryPoint":"+908502220000","externalId":"%s","from":{"phone":"+905551112233"},"text":"Merhaba"}"""
                .formatted(unique("sms")));

        Api.Response note = api.post("/api/v1/conversations/" + inbound.text("/conversationId") + "/messages",
                "{\"text\":\"Müşteri geri aranacak\",\"kind\":\"note\"}");

        dispatcher.dispatch();
        assertThat(recording.recorded()).noneMatch(m -> note.text("/messageId").equals(String.valueOf(m.messageId())));
        JsonNode stored = api.get("/api/v1/conversations/" + inbound.text("/conversationId")).json().at("/messages").valueStream()
                .filter(m -> m.at("/id").asString().equals(note.text("/messageId"))).findFirst().orElseThrow();
        assertThat(stored.at("/kind").asString()).isEqualTo("note");
        assertThat(stored.at("/delivery").isNull()).isTrue();
    }
}
