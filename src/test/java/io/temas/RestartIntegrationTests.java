package io.temas;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.support.Api;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The embedded database keeps its data in the data directory, synced on every commit, so a restart keeps everything. */
class RestartIntegrationTests {

    @TempDir
    Path dataDir;

    @Test
    void aRestartKeepsCustomersConversationsAndMessages() {
        String conversationId;
        String customerId;
        try (ConfigurableApplicationContext first = start()) {
            Api api = api(first);
            Api.Response created = api.post("/api/v1/inbound", """
                    {"channel":"email","entryPoint":"fatura@ornek.com.tr","externalId":"restart-1","from":{"email":"kalici@example.com"},
                     "subject":"Kalıcı mı?","text":"Yeniden başlatınca kaybolmasın"}""");
            assertThat(created.status()).isEqualTo(201);
            conversationId = created.text("/conversationId");
            var jdbc = first.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
            assertThat(jdbc.sql("show fsync").query(String.class).single()).isEqualTo("on");
            assertThat(jdbc.sql("show synchronous_commit").query(String.class).single()).isEqualTo("on");
            // Sized for a small machine: the pool of 20 and 20 more connections, PostgreSQL's own page cache size.
            assertThat(jdbc.sql("show max_connections").query(String.class).single()).isEqualTo("40");
            assertThat(jdbc.sql("show shared_buffers").query(String.class).single()).isEqualTo("128MB");
            customerId = created.text("/customerId");
        }

        try (ConfigurableApplicationContext second = start()) {
            Api api = api(second);
            assertThat(api.get("/api/v1/conversations/" + conversationId).json().at("/messages/0/text").asString())
                    .isEqualTo("Yeniden başlatınca kaybolmasın");
            assertThat(api.get("/api/v1/customers?identifier=KALICI@example.com").text("/items/0/id")).isEqualTo(customerId);
            Api.Response retry = api.post("/api/v1/inbound", """
                    {"channel":"email","entryPoint":"fatura@ornek.com.tr","externalId":"restart-1","from":{"email":"kalici@example.com"},
                     "text":"Yeniden başlatınca kaybolmasın"}""");
            assertThat(retry.status()).isEqualTo(200);
            assertThat(retry.text("/conversationId")).isEqualTo(conversationId);
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(TemasApplication.class).run(
                "--server.port=0",
                "--temas.data-dir=" + dataDir,
                "--temas.demo-data=true",
                "--temas.demo-conversations=false",
                "--temas.bootstrap.api-token=restart-token",
                "--spring.jmx.enabled=false");
    }

    private static Api api(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return new Api(port, "restart-token");
    }
}
