package io.temas.chat;

import static io.temas.support.ChatVisitor.type;
import static org.assertj.core.api.Assertions.assertThat;

import io.temas.support.Api;
import io.temas.support.ChatVisitor;
import io.temas.support.TemasIntegrationTest;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The bot in a whole chat: an article that answers, money matters to a person with the reason on the timeline, out of hours. */
@TemasIntegrationTest
class ChatBotFlowIntegrationTests {

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void api() {
        api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
    }

    private String chatEntryPoint(String businessHoursId) {
        String queue = "Bot " + UUID.randomUUID();
        String entryPoint = "bot-test-" + UUID.randomUUID().toString().substring(0, 8);
        String hours = businessHoursId == null ? "" : ",\"businessHoursId\":\"" + businessHoursId + "\"";
        assertThat(api.post("/api/v1/queues", "{\"name\":\"" + queue + "\"" + hours + "}").status()).isEqualTo(201);
        assertThat(api.post("/api/v1/entry-points", "{\"address\":\"" + entryPoint + "\",\"channel\":\"chat\",\"queue\":\"" + queue + "\"}")
                .status()).isEqualTo(201);
        return entryPoint;
    }

    @Test
    void anArticleThatAnswersClosesTheChatAsAnsweredByTheBot() {
        String entryPoint = chatEntryPoint(null);
        try (ChatVisitor visitor = new ChatVisitor(port, null)) {
            visitor.start("{\"entryPoint\":\"" + entryPoint + "\",\"language\":\"tr\"}");
            visitor.listen(0);
            assertThat(visitor.post("/chat/v1/sessions/" + visitor.sessionId + "/answered", "{\"answered\":true}", visitor.token).status())
                    .as("nothing was offered yet").isEqualTo(409);
            visitor.say("Faturamı nasıl öderim?");
            JsonNode suggestion = visitor.await(e -> "bot".equals(e.path("from").asString()) && e.path("articles").size() > 0);
            assertThat(suggestion.at("/articles/0/title").asString()).isEqualTo("Faturamı nasıl öderim?");
            assertThat(suggestion.at("/articles/0/url").asString()).startsWith("/portal/articles/");
            assertThat(suggestion.path("actions").toString()).contains("answered");

            assertThat(visitor.post("/chat/v1/sessions/" + visitor.sessionId + "/answered", "{\"answered\":true}", visitor.token).status())
                    .isEqualTo(202);
            JsonNode ended = visitor.await(type("ended", null));
            assertThat(ended.path("actions").toString()).contains("rate");
            assertThat(visitor.get("/chat/v1/sessions/" + visitor.sessionId, visitor.token).text("/state")).isEqualTo("ended");
            assertThat(visitor.say("bir şey daha").status()).isEqualTo(409);
            assertThat(visitor.post("/chat/v1/sessions/" + visitor.sessionId + "/rating", "{\"score\":5,\"comment\":\"Hızlıydı\"}",
                    visitor.token).status()).isEqualTo(204);
            assertThat(visitor.post("/chat/v1/sessions/" + visitor.sessionId + "/rating", "{\"score\":4}", visitor.token).status())
                    .isEqualTo(409);
        }
    }

    @Test
    void moneyMattersGoToAPersonWithTheWholeTranscriptAndTheReasonOnTheTimeline() {
        String entryPoint = chatEntryPoint(null);
        try (ChatVisitor visitor = new ChatVisitor(port, null)) {
            String email = "para-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
            visitor.start("{\"entryPoint\":\"" + entryPoint + "\",\"name\":\"Can Para\",\"email\":\"" + email + "\"}");
            visitor.listen(0);
            visitor.say("Merhaba");
            visitor.await(e -> "bot".equals(e.path("from").asString()) && e.path("id").asLong() == 3);
            visitor.say("Para iadesi istiyorum");
            String conversationId = visitor.await(type("handoff", null)).path("conversationId").asString();

            JsonNode conversation = api.get("/api/v1/conversations/" + conversationId).json();
            String transcript = conversation.at("/messages/0/text").asString();
            assertThat(transcript).contains("Merhaba").contains("Para iadesi istiyorum").contains("Siz: Merhaba");
            String customerId = conversation.at("/customerId").asString();
            String timeline = api.get("/api/v1/customers/" + customerId).body();
            assertThat(timeline).contains("Chat bot handed over to an agent").contains("Para iadesi ve ödeme itirazları");

            // The routing and assignment that open the conversation are the hand-off, not a transfer: told once, never as a transfer.
            api.post("/api/v1/conversations/" + conversationId + "/messages", "{\"text\":\"Hemen bakıyorum\"}");
            visitor.await(type("message", "agent"));
            assertThat(visitor.seen()).noneMatch(e -> e.path("text").asString().contains("aktarılıyor"));
            assertThat(visitor.seen().stream().filter(e -> e.path("text").asString().contains("sohbete katıldı")).count()).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void outOfHoursTheBotSaysWhenAgentsAreBackAndTheChatContinuesByEmail() {
        ZoneId zone = ZoneId.of("Europe/Istanbul");
        DayOfWeek open = LocalDate.now(zone).plusDays(3).getDayOfWeek();
        Api.Response hours = api.post("/api/v1/business-hours", "{\"name\":\"Bot kapalı " + UUID.randomUUID() + "\",\"zone\":\"Europe/Istanbul\","
                + "\"schedule\":{\"" + open + "\":[[\"09:00\",\"10:00\"]]}}");
        assertThat(hours.status()).as(hours.body()).isEqualTo(201);
        String entryPoint = chatEntryPoint(hours.text("/id"));
        try (ChatVisitor visitor = new ChatVisitor(port, null)) {
            visitor.start("{\"entryPoint\":\"" + entryPoint + "\",\"language\":\"en\"}");
            visitor.listen(0);
            visitor.say("I want to talk to an agent");
            JsonNode notice = visitor.await(type("notice", "bot"));
            assertThat(notice.path("actions").toString()).contains("continue-by-email").contains("callback");
            LocalDate back = LocalDate.now(zone).plusDays(3);
            assertThat(notice.path("text").asString()).contains("9:00").contains(back.getDayOfMonth() + ", " + back.getYear())
                    .doesNotContain("{0}");
            String email = "sonra-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
            assertThat(visitor.post("/chat/v1/sessions/" + visitor.sessionId + "/continue-by-email", "{\"email\":\"" + email + "\"}",
                    visitor.token).status()).isEqualTo(202);
            String conversationId = visitor.await(type("handoff", null)).path("conversationId").asString();
            visitor.await(type("ended", null));
            JsonNode answer = api.post("/api/v1/conversations/" + conversationId + "/messages", "{\"text\":\"Hello by mail\"}").json();
            assertThat(answer.path("type").asString()).isEqualTo("urn:temas:problem:unreachable");
            assertThat(answer.at("/alternatives/0/channel").asString()).isEqualTo("email");
            assertThat(answer.at("/alternatives/0/to/0").asString()).isEqualTo(email);
        }
    }
}
