package io.temas.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.temas.chat.ChatActivity;
import io.temas.chat.ChatConsole;
import io.temas.chat.ChatSummary;
import io.temas.conversations.Conversation;
import io.temas.conversations.Conversations;
import io.temas.routing.SlaPolicies;
import io.temas.shared.ChannelType;
import io.temas.shared.NotFound;
import io.temas.shared.Priority;
import io.temas.support.Api;
import io.temas.support.Console;
import io.temas.support.TemasIntegrationTest;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * Chats in the console: arrivals announced over the live stream to the agents they concern and
 * nobody else, the customer's typing and messages pushed to the conversation page, the agent's
 * typing and "end chat" passed to the chat, the chat panel, chat capacity, and SLA targets in
 * seconds. The chat itself stands in as a mock of {@link ChatConsole}; its events are published
 * here as the chat module publishes them on every node.
 */
@TemasIntegrationTest
class ChatConsoleIntegrationTests {

    private static final String PASSWORD = "parola-sohbet-1";

    @LocalServerPort
    int port;

    @MockitoBean
    ChatConsole chats;

    @Autowired
    Conversations conversations;

    @Autowired
    SlaPolicies policies;

    @Autowired
    QueuePermissions permissions;

    @Autowired
    ApplicationEventPublisher events;

    Api api;
    Console admin;
    String suffix;
    String queue;
    String entryPoint;
    final List<Stream<String>> streams = new ArrayList<>();

    @BeforeEach
    void aChatQueueOnNoCalendar() {
        api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        admin = Console.signIn(port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);
        suffix = UUID.randomUUID().toString().substring(0, 8);
        queue = "Sohbet " + suffix;
        entryPoint = "sohbet-" + suffix;
        assertThat(api.post("/api/v1/queues", "{\"name\":\"" + queue + "\"}").status()).isEqualTo(201);
        Api.Response point = api.post("/api/v1/entry-points", """
                {"address":"%s","channel":"chat","queue":"%s"}""".formatted(entryPoint, queue));
        assertThat(point.status()).as(point.body()).isEqualTo(201);
    }

    @AfterEach
    void closeStreams() {
        streams.forEach(Stream::close);
    }

    @Test
    void aChatGivenToAnAgentIsAnnouncedToThemAndNotToAnAgentRestrictedToAnotherQueue() {
        String ayla = agent("ayla", queue, "2", "online");
        String other = "Başka " + suffix;
        assertThat(api.post("/api/v1/queues", "{\"name\":\"" + other + "\"}").status()).isEqualTo(201);
        String rana = agent("rana", other, "3", "away");
        permissions.setForUser(rana, QueuePermission.OWN);
        Lines aylaLive = live(ayla);
        Lines ranaLive = live(rana);

        String chat = chat("Deniz Kaya " + suffix, "Merhaba, siparişim nerede?", null);

        assertThat(api.get("/api/v1/conversations/" + chat).text("/assigneeId")).isEqualTo(agentId(ayla));
        String alert = aylaLive.next("chat", chat);
        assertThat(alert).contains("\"mine\":true").contains("Deniz Kaya " + suffix);

        // A later change Rana may see comes after the flush that announced the chat: by then she would have heard of it.
        String mark = email(other);
        ranaLive.next("conversation", mark);
        assertThat(ranaLive.text()).doesNotContain(chat);
    }

    @Test
    void withAChatCapacityOfTwoTheThirdChatWaitsAndIsAnnouncedToTheAgentsOfItsQueue() {
        String ayla = agent("ayla", queue, "2", "online");
        String bora = agent("bora", queue, "3", "away");
        Lines boraLive = live(bora);

        String first = chat("Müşteri Bir " + suffix, "Merhaba", null);
        String second = chat("Müşteri İki " + suffix, "Merhaba", null);
        String third = chat("Müşteri Üç " + suffix, "Merhaba", null);

        String aylaId = agentId(ayla);
        assertThat(api.get("/api/v1/conversations/" + first).text("/assigneeId")).isEqualTo(aylaId);
        assertThat(api.get("/api/v1/conversations/" + second).text("/assigneeId")).isEqualTo(aylaId);
        assertThat(api.get("/api/v1/conversations/" + third).text("/assigneeId")).isNull();

        // Bora serves the queue but is away: he hears of the waiting chat, not of those Ayla already has.
        assertThat(boraLive.next("chat", third)).contains("\"mine\":false").contains("Müşteri Üç " + suffix);
        assertThat(boraLive.text()).doesNotContain("\"id\":\"" + first + "\"").doesNotContain("\"id\":\"" + second + "\"");
    }

    @Test
    void aWaitingChatsCustomerWritingOnAnotherNodeAnnouncesItHere() {
        String cem = agent("cem", queue, "3", "away");
        Lines watcher = live(admin);
        String chat = chat("Deniz Düğüm " + suffix, "Merhaba", null);
        // Cem connects once the opening was pushed (as if to another node than the one that opened the chat) ...
        watcher.next("conversation", chat);
        Lines live = live(cem);

        // ... and hears of it when its customer writes, which the chat module tells every node.
        events.publishEvent(new ChatActivity(UUID.fromString(chat), UUID.randomUUID(), ChatActivity.Kind.MESSAGE, "customer"));
        assertThat(live.next("chat", chat)).contains("\"mine\":false").contains("Deniz Düğüm " + suffix);
    }

    @Test
    void theCustomersTypingAndMessagesReachTheConversationPageAndTheAgentsTypingReachesTheChat() {
        String ayla = agent("ayla", queue, "3", "online");
        String chat = chat("Deniz Yazar " + suffix, "Merhaba", null);
        Console desk = Console.signIn(port, ayla, PASSWORD);
        Lines live = live(desk);
        UUID id = UUID.fromString(chat);
        UUID session = UUID.randomUUID();

        events.publishEvent(new ChatActivity(id, session, ChatActivity.Kind.TYPING, "customer"));
        assertThat(live.next("typing", chat)).isEqualTo("data:" + chat);
        events.publishEvent(new ChatActivity(id, session, ChatActivity.Kind.MESSAGE, "customer"));
        live.next("conversation", chat);

        String page = "/console/conversations/" + chat;
        String csrf = desk.get(page).csrf();
        assertThat(desk.post(page + "/typing", csrf, Map.of()).status()).isEqualTo(204);
        verify(chats).agentTyping(id, "Ayla " + suffix);
        assertThat(desk.post(page + "/typing", "not-the-token", Map.of()).status()).isEqualTo(403);
    }

    @Test
    void theChatPanelShowsTheStateEndsTheChatAndShowsTheRating() {
        String ayla = agent("ayla", queue, "3", "online");
        String chat = chat("Deniz Panel " + suffix, "Merhaba", null);
        UUID id = UUID.fromString(chat);
        Instant started = Instant.parse("2026-12-01T10:00:00Z");
        when(chats.summary(id)).thenReturn(Optional.of(new ChatSummary(UUID.randomUUID(), "agent", null, null, null, true, started, null)));
        Console desk = Console.signIn(port, ayla, PASSWORD);
        String page = "/console/conversations/" + chat;

        Console.Page open = desk.get(page);
        assertThat(open.body()).contains("id=\"chat-panel\"", "Temsilciyle konuşuyor", "Müşteri bağlı", "Sohbeti bitir",
                "Müşteri yazıyor…", "data-typing-url=\"/console/conversations/" + chat + "/typing\"");
        assertThat(desk.get(page + "?lang=az").body()).contains("Operatorla danışır", "Söhbəti bitir");
        assertThat(desk.get(page + "?lang=en").body()).contains("Talking to an agent", "End chat");
        desk.get(page + "?lang=tr");

        Console.Page ended = desk.post(page + "/chat/end", open.csrf(), Map.of());
        assertThat(ended.status()).isEqualTo(302);
        verify(chats).end(id, "Ayla " + suffix);
        assertThat(desk.get(page).body()).contains("Sohbet bitirildi; müşteriye bildirildi.");

        when(chats.summary(id)).thenReturn(Optional.of(new ChatSummary(UUID.randomUUID(), "ended", "agent_ended", 4,
                "Çok hızlıydınız, teşekkürler", false, started, started.plusSeconds(300))));
        Console.Page after = desk.getHtmx(page + "/chat");
        assertThat(after.body()).contains("Sohbet bitti", "Temsilci bitirdi", "5 üzerinden 4 yıldız", "Çok hızlıydınız, teşekkürler")
                .doesNotContain("Sohbeti bitir").doesNotContain("Müşteri bağlı");

        doThrow(new NotFound("no chat") {
        }).when(chats).end(eq(id), any());
        desk.post(page + "/chat/end", open.csrf(), Map.of());
        assertThat(desk.get(page).body()).contains("Bu konuşmanın arkasında bir sohbet yok.");

        String mail = email(queue);
        assertThat(desk.get("/console/conversations/" + mail).body()).doesNotContain("chat-panel");
    }

    @Test
    void cannedRepliesAndArticlesGoIntoAChatsReplyBoxAsPlainText() {
        String chat = chat("Deniz Metin " + suffix, "Merhaba", null);
        String page = "/console/conversations/" + chat;

        // The demo's greeting, filled in for this customer, as plain text.
        assertThat(admin.get(page).body()).contains("data-insert=\"Merhaba Deniz Metin " + suffix + ",\n\nBize yazdığınız için")
                .contains("data-target=\"reply-text\"");
        // An article as "title — public address", the way a chat line reads.
        assertThat(admin.getHtmx(page + "/articles?q=kargo").body())
                .containsPattern("data-insert=\"Kargomu nasıl takip ederim\\? — http[^\"]+/portal/articles/[^\"]+\"")
                .doesNotContain("data-insert=\"&lt;");
        String mail = email(queue);
        assertThat(admin.getHtmx("/console/conversations/" + mail + "/articles?q=kargo").body())
                .containsPattern("data-insert=\"Kargomu nasıl takip ederim\\?: http");
    }

    @Test
    void aChatsFirstAnswerIsDueThirtySecondsAfterItArrivedAndBreachesAfterThat() {
        Instant received = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String chat = chat("Deniz Saat " + suffix, "Merhaba", received);

        Conversation opened = conversations.get(UUID.fromString(chat));
        assertThat(policies.find(ChannelType.CHAT, Priority.NORMAL).orElseThrow().firstResponse()).isEqualTo(Duration.ofSeconds(30));
        assertThat(opened.firstResponseDue()).isEqualTo(received.plusSeconds(30));

        conversations.markBreaches(received.plusSeconds(30));
        assertThat(conversations.get(opened.id()).firstResponseBreached()).isFalse();
        conversations.markBreaches(received.plusSeconds(30).plusMillis(1));
        assertThat(conversations.get(opened.id()).firstResponseBreached()).isTrue();

        // The clock on the page counts seconds (and the browser ticks it every second).
        assertThat(admin.get("/console/conversations/" + chat).body()).containsPattern("class=\"sla[a-z ]*precise")
                .containsPattern("\\d+ (dk \\d+ )?sn (kaldı|gecikti)")
                .contains("title=\"" + java.time.format.DateTimeFormatter.ofLocalizedDateTime(java.time.format.FormatStyle.MEDIUM,
                        java.time.format.FormatStyle.MEDIUM).withLocale(java.util.Locale.forLanguageTag("tr"))
                        .withZone(java.time.ZoneId.of("Europe/Istanbul")).format(received.plusSeconds(30)) + "\"");
    }

    @Test
    void slaTargetsAreWrittenWithUnitsInTheAdminScreenAndInSecondsOrMinutesThroughTheApi() {
        Console.Page saved = admin.submit("/console/admin/sla", "/console/admin/sla", Map.of("name", "SMS düşük " + suffix,
                "channel", "sms", "priority", "low", "firstResponse", "45s", "resolution", "2h", "businessHours", ""));
        assertThat(saved.status()).isEqualTo(302);
        assertThat(policies.find(ChannelType.SMS, Priority.LOW).orElseThrow().firstResponse()).isEqualTo(Duration.ofSeconds(45));
        assertThat(policies.find(ChannelType.SMS, Priority.LOW).orElseThrow().resolution()).isEqualTo(Duration.ofHours(2));
        // The list says the targets in the reader's words; the form keeps the short units it accepts.
        assertThat(admin.get("/console/admin/sla").body()).contains("<td>45 sn</td>", "<td>2 sa</td>", "<td>30 sn</td>")
                .doesNotContain("<td>45s</td>", "<td>2h</td>");
        assertThat(admin.get("/console/admin/sla?lang=az").body()).contains("<td>45 san</td>", "<td>2 saat</td>");
        assertThat(admin.get("/console/admin/sla?lang=en").body()).contains("<td>45 s</td>", "<td>2 h</td>");
        admin.get("/console/admin/sla?lang=tr");

        Console.Page refused = admin.submit("/console/admin/sla", "/console/admin/sla", Map.of("name", "x", "channel", "voice",
                "priority", "low", "firstResponse", "0s", "resolution", "1h", "businessHours", ""));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("30s (saniye), 2m (dakika), 4h (saat) ya da 3d (gün)");

        Api.Response seconds = api.post("/api/v1/sla-policies", """
                {"name":"Ses düşük %s","channel":"voice","priority":"low","firstResponseSeconds":20,"resolutionMinutes":90}"""
                .formatted(suffix));
        assertThat(seconds.status()).as(seconds.body()).isEqualTo(201);
        assertThat(seconds.text("/firstResponseSeconds")).isEqualTo("20");
        assertThat(seconds.text("/resolutionSeconds")).isEqualTo("5400");
        assertThat(seconds.text("/resolutionMinutes")).isEqualTo("90");
        assertThat(api.post("/api/v1/sla-policies", """
                {"name":"İkisi","channel":"social","priority":"low","firstResponseSeconds":20,"firstResponseMinutes":1,"resolutionMinutes":90}""")
                .status()).isEqualTo(400);
        assertThat(api.post("/api/v1/sla-policies", """
                {"name":"Hiçbiri","channel":"social","priority":"low","resolutionMinutes":90}""").status()).isEqualTo(400);
    }

    @Test
    void chatCapacityIsFromOneToTenWithAReadableRefusal() {
        List<Map.Entry<String, String>> fields = agentFields("fazla-" + suffix, queue, "11", "offline");
        Console.Page refused = admin.submit("/console/admin/agents", "/console/admin/agents", fields);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("Sohbet kapasitesi 1 ile 10 arasında olmalı");
        assertThat(admin.get("/console/admin/agents").body()).contains("name=\"capacity.chat\"").contains("placeholder=\"3\"");

        Api.Response none = api.post("/api/v1/agents", """
                {"username":"sifir-%s","capacity":{"chat":0},"queues":["%s"]}""".formatted(suffix, queue));
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.body()).contains("chat capacity must be from 1 to 10");
    }

    // --- helpers ---------------------------------------------------------------------------

    /** An agent with a console account, serving {@code in}, with this chat capacity. */
    private String agent(String name, String in, String chatCapacity, String presence) {
        String username = name + "-" + suffix;
        Console.Page created = admin.submit("/console/admin/agents", "/console/admin/agents",
                agentFields(username, in, chatCapacity, presence));
        assertThat(created.status()).as(created.body()).isEqualTo(302);
        return username;
    }

    private List<Map.Entry<String, String>> agentFields(String username, String in, String chatCapacity, String presence) {
        String display = Character.toUpperCase(username.charAt(0)) + username.substring(1, username.indexOf('-')) + " " + suffix;
        return List.of(Map.entry("username", username), Map.entry("displayName", display), Map.entry("email", ""),
                Map.entry("password", PASSWORD), Map.entry("skills", ""), Map.entry("languages", "tr"), Map.entry("queues", queueId(in)),
                Map.entry("presence", presence), Map.entry("capacity.chat", chatCapacity), Map.entry("capacity.email", "5"));
    }

    private String queueId(String name) {
        return api.get("/api/v1/queues").json().valueStream().filter(q -> name.equals(q.at("/name").asString()))
                .findFirst().orElseThrow().at("/id").asString();
    }

    private String agentId(String username) {
        return api.get("/api/v1/agents").json().valueStream().filter(a -> username.equals(a.at("/username").asString()))
                .findFirst().orElseThrow().at("/id").asString();
    }

    private String chat(String name, String text, Instant receivedAt) {
        String id = UUID.randomUUID().toString();
        Api.Response response = api.post("/api/v1/inbound", """
                {"channel":"chat","entryPoint":"%s","externalId":"chat-%s","chatSession":"session-%s",
                 "from":{"name":"%s","email":"%s@example.com"},"text":"%s"%s}"""
                .formatted(entryPoint, id, id, name, id, text, receivedAt == null ? "" : ",\"receivedAt\":\"" + receivedAt + "\""));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.text("/conversationId");
    }

    /** An e-mail landing in {@code queueName} through an entry point of its own. */
    private String email(String queueName) {
        String address = "posta-" + UUID.randomUUID().toString().substring(0, 8) + "@ornek.com.tr";
        assertThat(api.post("/api/v1/entry-points", "{\"address\":\"" + address + "\",\"queue\":\"" + queueName + "\"}").status())
                .isEqualTo(201);
        Api.Response response = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"%s","externalId":"%s","from":{"email":"%s@example.com"},"subject":"Soru","text":"Merhaba"}"""
                .formatted(address, UUID.randomUUID(), UUID.randomUUID()));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.text("/conversationId");
    }

    private Lines live(String username) {
        return live(Console.signIn(port, username, PASSWORD));
    }

    private Lines live(Console console) {
        Stream<String> stream = console.stream("/console/live");
        streams.add(stream);
        return new Lines(stream);
    }

    /** The lines of a live stream as they arrive, read on a thread of their own. */
    static final class Lines {

        private final List<String> lines = new CopyOnWriteArrayList<>();

        Lines(Stream<String> stream) {
            Thread.ofVirtual().start(() -> {
                try {
                    stream.forEach(lines::add);
                } catch (UncheckedIOException | IllegalStateException closed) {
                    // the test closed the stream
                }
            });
        }

        /** Waits for an event of this name whose data contains {@code text}; answers its data line. */
        String next(String event, String text) {
            String[] found = new String[1];
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                List<String> now = List.copyOf(lines);
                for (int i = 0; i + 1 < now.size(); i++) {
                    if (now.get(i).equals("event:" + event) && now.get(i + 1).startsWith("data:") && now.get(i + 1).contains(text)) {
                        found[0] = now.get(i + 1);
                        return true;
                    }
                }
                return false;
            });
            return found[0];
        }

        String text() {
            return String.join("\n", lines);
        }
    }
}
