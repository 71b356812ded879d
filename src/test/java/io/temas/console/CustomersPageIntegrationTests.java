package io.temas.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.customers.CustomerId;
import io.temas.customers.Customers;
import io.temas.customers.IdentityResolver;
import io.temas.shared.Identifier;
import io.temas.support.Api;
import io.temas.support.Console;
import io.temas.support.TemasIntegrationTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The customers page lists people, most recently in touch first, with filters that narrow it and a search that still works. */
@TemasIntegrationTest
class CustomersPageIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Customers customers;

    @Autowired
    IdentityResolver identities;

    @Autowired
    JdbcClient jdbc;

    @Test
    void listsTheMostRecentlyInTouchFirstAndEachFilterNarrowsIt() {
        String u = UUID.randomUUID().toString().substring(0, 8);
        String segment = "seg-" + u;
        Api api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        String phone = "+90532" + String.format("%07d", Math.abs(u.hashCode()) % 10_000_000);
        JsonNode ali = inbound(api, """
                {"channel":"email","entryPoint":"bilgi@ornek.com.tr","externalId":"<a-%1$s@example.com>",
                 "from":{"email":"ali-%1$s@example.com","name":"Ali %1$s"},"subject":"Mağaza","text":"Merhaba, mağazanız açık mı?"}""".formatted(u));
        JsonNode bob = inbound(api, """
                {"channel":"sms","entryPoint":"+908502220000","externalId":"b-%1$s","from":{"phone":"%2$s","name":"Bob %1$s"},
                 "text":"Hello, please tell me where my order is"}""".formatted(u, phone));
        JsonNode cem = inbound(api, """
                {"channel":"email","entryPoint":"bilgi@ornek.com.tr","externalId":"<c-%1$s@example.com>",
                 "from":{"email":"cem-%1$s@example.com","name":"Cem %1$s"},"subject":"Teşekkür","text":"Teşekkürler, çözüldü."}""".formatted(u));
        assertThat(api.post("/api/v1/conversations/" + cem.at("/conversationId").asString() + "/status", "{\"status\":\"resolved\"}").status())
                .isEqualTo(200);
        segment(ali, "Ali " + u, false, segment);
        segment(bob, "Bob " + u, false, segment);
        segment(cem, "Cem " + u, true, segment);
        Console ayse = Console.signIn(port, "ayse", TemasIntegrationTest.DEMO_PASSWORD);

        assertThat(names(ayse, "segment=" + segment)).containsExactly("Cem " + u, "Bob " + u, "Ali " + u);
        assertThat(names(ayse, "segment=" + segment + "&vip=true")).containsExactly("Cem " + u);
        assertThat(names(ayse, "segment=" + segment + "&channel=sms")).containsExactly("Bob " + u);
        assertThat(names(ayse, "segment=" + segment + "&language=en")).containsExactly("Bob " + u);
        assertThat(names(ayse, "segment=" + segment + "&open=true")).containsExactly("Bob " + u, "Ali " + u);
        assertThat(names(ayse, "q=" + encode(phone))).containsExactly("Bob " + u);
        assertThat(names(ayse, "q=" + encode("cem-" + u + "@example.com") + "&vip=true")).containsExactly("Cem " + u);
        assertThat(names(ayse, "q=" + encode("Ali " + u) + "&vip=true")).isEmpty();

        Document bobs = page(ayse, "segment=" + segment + "&channel=sms&lang=tr");
        assertThat(bobs.select("tbody tr").first().text()).contains("İngilizce").contains("mesajlarından").contains("SMS")
                .contains(segment);
        Document everybody = page(ayse, "lang=tr");
        assertThat(everybody.getElementById("vips").text()).contains("Cem " + u);
        assertThat(everybody.select("h2").eachText()).contains("Son temas kuranlar");
    }

    @Test
    void pagesThroughALongListKeepingTheFilters() {
        String segment = "page-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 26; i++) {
            CustomerId id = identities.resolve(List.of(Identifier.email(segment + "-" + i + "@example.com")), "Sayfa " + segment + " " + i,
                    null).customerId();
            customers.update(id, "Sayfa " + segment + " " + i, null, false, List.of(segment));
        }
        Console ayse = Console.signIn(port, "ayse", TemasIntegrationTest.DEMO_PASSWORD);

        Document first = page(ayse, "segment=" + segment);
        assertThat(first.select("tbody tr")).hasSize(25);
        String next = first.select("a[rel=next]").attr("href");
        assertThat(next).contains("segment=" + segment).contains("page=1");
        Document second = Jsoup.parse(ayse.get(next).body());
        assertThat(second.select("tbody tr")).hasSize(1);
        assertThat(second.select("a[rel=next]")).isEmpty();
        assertThat(second.select("a[rel=prev]").attr("href")).contains("page=0");
    }

    @Test
    void aSearchThatFindsAsManyAsItListsSaysThereMayBeMore() {
        String prefix = "Kapak" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("""
                insert into customers (id, display_name, created_at, updated_at)
                select gen_random_uuid(), ? || ' ' || lpad(n::text, 3, '0'), now(), now() from generate_series(1, 200) n""")
                .param(prefix).update();
        Console ayse = Console.signIn(port, "ayse", TemasIntegrationTest.DEMO_PASSWORD);

        Element capped = page(ayse, "q=" + prefix + "&lang=en").getElementById("search-capped");
        assertThat(capped).isNotNull();
        assertThat(capped.text()).startsWith("Only the first 200 people this search finds are listed");
        assertThat(page(ayse, "q=" + prefix + "&lang=az").getElementById("search-capped").text()).startsWith("Bu axtarışın tapdığı ilk 200");
        assertThat(page(ayse, "q=" + encode(prefix + " 1")).getElementById("search-capped")).as("100 found").isNull();
        assertThat(page(ayse, "lang=en").getElementById("search-capped")).as("no search").isNull();
    }

    private void segment(JsonNode receipt, String name, boolean vip, String segment) {
        customers.update(new CustomerId(UUID.fromString(receipt.at("/customerId").asString())), name, null, vip, List.of(segment));
    }

    private static JsonNode inbound(Api api, String json) {
        Api.Response response = api.post("/api/v1/inbound", json);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    private static List<String> names(Console console, String query) {
        return page(console, query).select("#customer-list tbody tr td:first-child a").eachText();
    }

    private static Document page(Console console, String query) {
        Console.Page page = console.get("/console/customers?" + query);
        assertThat(page.status()).isEqualTo(200);
        return Jsoup.parse(page.body());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
