package io.temas.chat;

import static io.temas.support.ChatVisitor.type;
import static org.assertj.core.api.Assertions.assertThat;

import io.temas.calls.Callback;
import io.temas.calls.Callbacks;
import io.temas.support.ChatVisitor;
import io.temas.support.TemasIntegrationTest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Money matters to the phone in a chat: the bot (or the agent) offers a callback, the visitor picks a free time and it is booked. */
@TemasIntegrationTest
class ChatCallbackIntegrationTests {

    private static final AtomicLong PHONES = new AtomicLong(5_410_000);

    @LocalServerPort
    int port;

    @Autowired
    Callbacks callbacks;

    @Autowired
    ChatConsole console;

    @Test
    void aMoneyMatterIsHandedToAPersonAndOfferedACallbackTheVisitorBooksForAFreeTime() {
        try (ChatVisitor visitor = new ChatVisitor(port, null)) {
            visitor.start("{\"entryPoint\":\"web-sohbet\",\"language\":\"tr\"}");
            visitor.listen(0);
            visitor.say("Geçen ay iki kez ödeme çekildi, paramı geri istiyorum");
            JsonNode offer = visitor.await(e -> e.path("actions").toString().contains("callback"));
            assertThat(offer.path("text").asString()).contains("telefonda");

            ChatVisitor.Answer slots = visitor.get("/chat/v1/sessions/" + visitor.sessionId + "/callback-slots", visitor.token);
            assertThat(slots.status()).as(slots.body()).isEqualTo(200);
            assertThat(slots.json().get("slots").size()).as("the call centre has free times in the coming days").isPositive();
            JsonNode first = slots.json().get("slots").get(0);
            assertThat(first.get("label").asString()).as("read in the visitor's language").containsPattern("[0-9]{2}[:.][0-9]{2}");

            String phone = "+90532" + PHONES.incrementAndGet();
            ChatVisitor.Answer booked = visitor.post("/chat/v1/sessions/" + visitor.sessionId + "/callback",
                    "{\"phone\":\"" + phone + "\",\"slot\":\"" + first.get("start").asString() + "\"}", visitor.token);
            assertThat(booked.status()).as(booked.body()).isEqualTo(202);
            JsonNode confirmed = visitor.await(e -> e.path("text").asString().contains(phone));
            assertThat(confirmed.path("text").asString()).contains("Geri aramanız ayarlandı").contains(first.get("label").asString());

            List<Callback> theirs = callbacks.ofDay(java.time.LocalDate.ofInstant(Instant.parse(first.get("start").asString()),
                    callbacks.target(null).zone()), callbacks.target(null).zone()).stream().filter(c -> phone.equals(c.phone())).toList();
            assertThat(theirs).hasSize(1);
            assertThat(theirs.getFirst().source().code()).isEqualTo("chat");
            assertThat(theirs.getFirst().slot().start()).isEqualTo(Instant.parse(first.get("start").asString()));
            assertThat(visitor.get("/chat/v1/sessions/" + visitor.sessionId, visitor.token).text("/state"))
                    .as("the visitor may still talk to the person who takes the chat").isNotEqualTo("ended");
        }
    }

    @Test
    void aTimeNotOfferedOrUnreadableIsRefusedReadably() {
        try (ChatVisitor visitor = new ChatVisitor(port, null)) {
            visitor.start("{\"entryPoint\":\"web-sohbet\",\"language\":\"en\"}");
            String path = "/chat/v1/sessions/" + visitor.sessionId + "/callback";
            ChatVisitor.Answer midnight = visitor.post(path, "{\"phone\":\"+905329990001\",\"slot\":\"2020-01-01T00:00:00Z\"}", visitor.token);
            assertThat(midnight.status()).as(midnight.body()).isEqualTo(422);
            ChatVisitor.Answer garbled = visitor.post(path, "{\"phone\":\"+905329990001\",\"slot\":\"tomorrow at noon\"}", visitor.token);
            assertThat(garbled.status()).isEqualTo(400);
            assertThat(garbled.body()).contains("slot");
            assertThat(visitor.get("/chat/v1/sessions/" + visitor.sessionId + "/callback-slots", "forged." + UUID.randomUUID()).status())
                    .isEqualTo(401);
        }
    }

    @Test
    void oneChatBooksOneCallbackSoAVisitorCannotFillTheSlots() {
        try (ChatVisitor visitor = new ChatVisitor(port, null)) {
            visitor.start("{\"entryPoint\":\"web-sohbet\",\"language\":\"en\"}");
            visitor.listen(0);
            visitor.say("I want to talk to a person please");
            visitor.await(e -> e.path("conversationId").isString() && !e.path("conversationId").asString().isEmpty());
            ChatVisitor.Answer slots = visitor.get("/chat/v1/sessions/" + visitor.sessionId + "/callback-slots", visitor.token);
            assertThat(slots.json().get("slots").size()).as(slots.body()).isPositive();
            JsonNode all = slots.json().get("slots");
            String path = "/chat/v1/sessions/" + visitor.sessionId + "/callback";
            List<String> phones = new java.util.ArrayList<>();
            int accepted = 0;
            for (int i = 0; i < 3; i++) {
                String phone = "+90532" + PHONES.incrementAndGet();
                phones.add(phone);
                String start = all.get(Math.min(i, all.size() - 1)).get("start").asString();
                ChatVisitor.Answer answer = visitor.post(path, "{\"phone\":\"" + phone + "\",\"slot\":\"" + start + "\"}", visitor.token);
                if (answer.status() == 202) {
                    accepted++;
                } else {
                    assertThat(answer.status()).as(answer.body()).isEqualTo(409);
                }
            }
            assertThat(accepted).isEqualTo(1);
            java.time.ZoneId zone = callbacks.target(null).zone();
            java.time.LocalDate first = java.time.LocalDate.ofInstant(Instant.parse(all.get(0).get("start").asString()), zone);
            java.time.LocalDate last = java.time.LocalDate.ofInstant(Instant.parse(all.get(all.size() - 1).get("start").asString()), zone);
            long booked = first.datesUntil(last.plusDays(1)).flatMap(d -> callbacks.ofDay(d, zone).stream())
                    .filter(c -> phones.contains(c.phone())).count();
            assertThat(booked).isEqualTo(1);
        }
    }

    @Test
    void anAgentOffersACallbackInAChatSheAnswers() {
        try (ChatVisitor visitor = new ChatVisitor(port, null)) {
            visitor.start("{\"entryPoint\":\"web-sohbet\",\"language\":\"en\"}");
            visitor.listen(0);
            visitor.say("I want to talk to a person please");
            JsonNode handed = visitor.await(e -> e.path("conversationId").isString() && !e.path("conversationId").asString().isEmpty());
            UUID conversation = UUID.fromString(handed.path("conversationId").asString());
            console.offerCallback(conversation, "Ayşe Yılmaz");
            JsonNode offer = visitor.await(type("notice", "agent"));
            assertThat(offer.path("actions").toString()).contains("callback");
            assertThat(offer.path("text").asString()).contains("Ayşe Yılmaz").contains("on the phone");
        }
    }
}
