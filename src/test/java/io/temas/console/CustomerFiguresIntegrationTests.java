package io.temas.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.support.Api;
import io.temas.support.Console;
import io.temas.support.TemasIntegrationTest;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The figures at the top of a customer's 360 (conversations, the last 90 days, open, SLA breached) count every
 * conversation of the customer, not only those the page lists, and a live conversation older than all the page
 * lists is still among their open ones.
 */
@TemasIntegrationTest
class CustomerFiguresIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aCustomerOfManyConversationsIsCountedWholeAndTheirOldestOpenOneIsListed() {
        Api api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        String sender = "sayilar-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        Api.Response first = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"fatura@ornek.com.tr","externalId":"%s","from":{"email":"%s","name":"Sayı Müşterisi"},
                 "subject":"Eski ve hâlâ açık","text":"Geçen yıl yazmıştım."}""".formatted(UUID.randomUUID(), sender));
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        UUID customer = UUID.fromString(first.text("/customerId"));
        UUID oldest = UUID.fromString(first.text("/conversationId"));
        String oldestReference = api.get("/api/v1/conversations/" + oldest).text("/reference");
        // The first conversation, still open, moved back a year: older than every one below.
        jdbc.sql("update conversations set created_at = now() - interval '400 days', last_message_at = now() - interval '400 days' where id = ?")
                .param(oldest).update();
        // Sixty resolved ones after it: 30 begun within 90 days, 30 before; every fifth breached an SLA.
        jdbc.sql("""
                insert into conversations (id, reference, customer_id, channel, status, priority, first_response_breached, created_at,
                                           last_message_at)
                select gen_random_uuid(), 'SAY-' || substr(md5(random()::text), 1, 10), ?, 'email', 'resolved', 'normal', i % 5 = 0,
                       now() - (case when i <= 30 then i else 100 + i end) * interval '1 day',
                       now() - (case when i <= 30 then i else 100 + i end) * interval '1 day' + interval '1 hour'
                from generate_series(1, 60) i""").param(customer).update();

        Console admin = Console.signIn(port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);
        Console.Page page = admin.get("/console/customers/" + customer);
        assertThat(page.status()).isEqualTo(200);
        Document html = Jsoup.parse(page.body());
        assertThat(figure(html, "Konuşmalar")).isEqualTo("61");
        assertThat(figure(html, "Son 90 gün")).isEqualTo("30");
        assertThat(figure(html, "Açık")).isEqualTo("1");
        assertThat(figure(html, "SLA aşımı")).isEqualTo("12");

        Console.Page printed = admin.get("/console/customers/" + customer + "/print");
        assertThat(printed.status()).isEqualTo(200);
        Document print = Jsoup.parse(printed.body());
        assertThat(figure(print, "Açık")).isEqualTo("1");
        assertThat(print.text()).contains(oldestReference);
    }

    /** The value beside the first term of that label in the page's lists of figures. */
    static String figure(Document html, String label) {
        Element term = html.select("dl dt").stream().filter(dt -> dt.text().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no figure labelled " + label));
        return term.nextElementSibling().text();
    }
}
