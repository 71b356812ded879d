package io.temas.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.conversations.ConversationSearch;
import io.temas.conversations.QueueAccess;
import io.temas.support.Api;
import io.temas.support.Console;
import io.temas.support.TemasIntegrationTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Finding any conversation from the console's top bar, and the "all open" view of supervisors and admins. */
@TemasIntegrationTest
class ConversationSearchIntegrationTests {

    private static final Pattern RESULT = Pattern.compile("href=\"/console/conversations/([0-9a-f-]{36})\"");

    @LocalServerPort
    int port;

    @Autowired
    ConversationSearch search;

    Api api;
    Console admin;

    @BeforeEach
    void signIn() {
        api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        admin = Console.signIn(port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);
    }

    @Test
    void theReferenceInAnySpellingFindsItsConversationFirst() {
        String id = inbound("{\"email\":\"" + unique("ref") + "@example.com\"}", "Kargo nerede").text("/conversationId");
        String reference = api.get("/api/v1/conversations/" + id).text("/reference");
        String number = reference.substring(2);

        for (String typed : List.of(reference, "[#" + reference + "]", "#" + reference, "t-" + number, " " + reference.toLowerCase() + " ")) {
            Console.Page page = admin.get("/console/search?q=" + encode(typed));
            assertThat(page.status()).as(typed).isEqualTo(200);
            assertThat(results(page)).as(typed).first().isEqualTo(id);
        }
    }

    @Test
    void subjectWordsFindItWithOrWithoutTurkishLetters() {
        String word = "Sözleşme" + UUID.randomUUID().toString().substring(0, 6);
        String id = inbound("{\"email\":\"" + unique("subj") + "@example.com\"}", word + " iptali için ödeme").text("/conversationId");

        assertThat(results(admin.get("/console/search?q=" + encode(word)))).containsExactly(id);
        assertThat(results(admin.get("/console/search?q=" + encode(word.replace("ö", "o").replace("ş", "s").toUpperCase() + " odeme"))))
                .containsExactly(id);
        assertThat(results(admin.get("/console/search?q=" + encode(word + " kargo")))).isEmpty();
    }

    @Test
    void theCustomersNameEmailOrPhoneFindsTheirConversations() {
        String email = unique("kisi") + "@example.com";
        String name = "Arzu" + UUID.randomUUID().toString().substring(0, 6);
        long digits = 5_320_000_000L + Math.abs(UUID.randomUUID().getMostSignificantBits() % 9_999_999L);
        String id = inbound("{\"email\":\"" + email + "\",\"name\":\"" + name + " Kaya\"}", "Adres değişikliği").text("/conversationId");
        String customerId = api.get("/api/v1/conversations/" + id).text("/customerId");
        assertThat(admin.submit("/console/customers/" + customerId, "/console/customers/" + customerId + "/identities",
                Map.of("identifier", "+90" + digits)).status()).isEqualTo(302);

        assertThat(results(admin.get("/console/search?q=" + encode(name)))).contains(id);
        assertThat(results(admin.get("/console/search?q=" + encode(email.toUpperCase())))).contains(id);
        String spaced = "0" + String.valueOf(digits).replaceAll("(\\d{3})(\\d{3})(\\d{2})(\\d{2})", "($1) $2 $3 $4");
        assertThat(results(admin.get("/console/search?q=" + encode(spaced)))).contains(id);
    }

    @Test
    void badInputIsAPageNotAnError() {
        for (String q : List.of("%00", "a%00b", "T-99999999999999999999", "%5B%23", "x".repeat(5000), "%25_%5C")) {
            Console.Page page = admin.get("/console/search?q=" + q);
            assertThat(page.status()).as(q).isEqualTo(200);
        }
        assertThat(admin.get("/console/search?q=kargo&after=zzzz").status()).isEqualTo(200);
    }

    @Test
    void resultsComeAPageAtATimeNewestFirst() {
        String word = "Sayfa" + UUID.randomUUID().toString().substring(0, 6);
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(inbound("{\"email\":\"" + unique("page") + "@example.com\"}", word + " " + i).text("/conversationId"));
        }
        var query = new ConversationSearch.Query(word, List.of());

        var first = search.find(query, QueueAccess.EVERYTHING, null, 2);
        var second = search.find(query, QueueAccess.EVERYTHING, first.next(), 2);

        assertThat(first.items()).hasSize(2);
        assertThat(first.next()).isNotNull();
        assertThat(second.items()).hasSize(1);
        assertThat(second.next()).isNull();
        List<String> all = java.util.stream.Stream.concat(first.items().stream(), second.items().stream()).map(c -> c.id().toString()).toList();
        assertThat(all).containsExactlyElementsOf(ids.reversed());
    }

    @Test
    void everyConsolePageHasTheSearchBox() {
        Console ayse = Console.signIn(port, "ayse", TemasIntegrationTest.DEMO_PASSWORD);
        for (String path : List.of("/console/inbox", "/console/customers", "/console/search")) {
            assertThat(ayse.get(path).body()).as(path).contains("action=\"/console/search\"").contains("name=\"q\"");
        }
        assertThat(admin.get("/console/admin/users").body()).contains("action=\"/console/search\"");
    }

    @Test
    void adminsSeeAllOpenWorkIncludingWhatIsAssignedToSomebodyElse() {
        String id = inbound("{\"email\":\"" + unique("all") + "@example.com\"}", "Başkasına atanmış").text("/conversationId");
        String mehmet = api.get("/api/v1/agents").json().valueStream().filter(a -> "mehmet".equals(a.at("/username").asString()))
                .findFirst().orElseThrow().at("/id").asString();
        assertThat(api.post("/api/v1/conversations/" + id + "/assign", "{\"agentId\":\"" + mehmet + "\"}").status()).isEqualTo(200);

        Console.Page inbox = admin.get("/console/inbox?view=all");
        assertThat(inbox.body()).contains("aria-current=\"page\"").contains("Tüm açıklar");
        String after = null;
        boolean found = false;
        for (int page = 0; page < 40 && !found; page++) {
            Console.Page list = admin.get("/console/inbox?view=all" + (after == null ? "" : "&after=" + after));
            found = list.body().contains("/console/conversations/" + id);
            Matcher next = Pattern.compile("rel=\"next\" href=\"[^\"]*after=([^\"&]+)").matcher(list.body());
            after = next.find() ? next.group(1) : null;
            if (after == null) {
                break;
            }
        }
        assertThat(found).isTrue();

        Console ayse = Console.signIn(port, "ayse", TemasIntegrationTest.DEMO_PASSWORD);
        assertThat(ayse.get("/console/inbox").body()).doesNotContain("view=all");
        assertThat(ayse.get("/console/inbox?view=all").body()).doesNotContain("/console/conversations/" + id);
    }

    private Api.Response inbound(String from, String subject) {
        Api.Response created = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"destek@ornek.com.tr","externalId":"%s","from":%s,"subject":%s,"text":"Merhaba"}"""
                .formatted(unique("mail"), from, Api.quote(subject)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created;
    }

    private static List<String> results(Console.Page page) {
        String list = page.body().contains("class=\"results\"") ? page.body().substring(page.body().indexOf("class=\"results\"")) : "";
        List<String> ids = new java.util.ArrayList<>();
        Matcher m = RESULT.matcher(list);
        while (m.find()) {
            if (!ids.contains(m.group(1))) {
                ids.add(m.group(1));
            }
        }
        return ids;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
