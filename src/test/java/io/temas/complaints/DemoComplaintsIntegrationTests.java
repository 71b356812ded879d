package io.temas.complaints;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.support.Api;
import io.temas.support.TemasIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** The demo with its messages: an angry e-mail a keyword rule marked, a complaint a supervisor marked, and a customer to win back. */
@TemasIntegrationTest
@TestPropertySource(properties = "temas.demo-conversations=true")
class DemoComplaintsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theDemoHasComplaintsAndSomeoneToWinBack() {
        record Mark(String subject, String category, String by) {
        }
        List<Mark> marks = jdbc.sql("select subject, complaint_category, complaint_by from conversations where complaint_at is not null")
                .query((rs, n) -> new Mark(rs.getString(1), rs.getString(2), rs.getString(3))).list();
        assertThat(marks).contains(new Mark("Rezalet bir hizmet", "service", "rule:Öfke (tr)"),
                new Mark("Kasım faturamda fazla ücret var", "billing", "selin"),
                new Mark("Siparişim iki haftadır gelmedi", "delivery", "selin"));

        JsonNode list = new Api(port, TemasIntegrationTest.ADMIN_TOKEN).get("/api/v1/win-back").json();
        List<String> names = new ArrayList<>();
        list.at("/items").forEach(item -> names.add(item.at("/name").asString()));
        assertThat(names).containsExactly("Hakan Yıldız");
    }
}
