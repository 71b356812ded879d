package io.temas.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/** V29 on a database an older Temas filled: admins' numbered acknowledgement texts become named, customers get their messages' language. */
class NamedPlaceholdersMigrationIntegrationTests {

    @TempDir
    Path dir;

    @Test
    void storedTextsAreRewrittenToNamedPlaceholdersAndCustomersGetTheLanguageOfTheirLatestMessage() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false)
                .setOverrideWorkingDirectory(dir.toFile()).start()) {
            DataSource data = postgres.getPostgresDatabase();
            flyway(data, "25").migrate();
            JdbcClient jdbc = JdbcClient.create(data);
            insertAck(jdbc, "ack.email.subject", "Aldık: {0} [#{1}]");
            insertAck(jdbc, "ack.email.subject.plain", "Aldık [#{0}]");
            insertAck(jdbc, "ack.email.body", "{0}\n{1} numaralı talebiniz, en geç {2} (yaklaşık {3}).{5}\n{4}");
            insertAck(jdbc, "ack.short", "{0} {1} alındı; {2}. {4}");
            UUID writer = customer(jdbc);
            UUID quiet = customer(jdbc);
            UUID conversation = UUID.randomUUID();
            jdbc.sql("""
                    insert into conversations (id, reference, customer_id, channel, status, priority, created_at, last_message_at)
                    values (?, 'T-1', ?, 'email', 'open', 'normal', now(), now())""").params(conversation, writer).update();
            message(jdbc, conversation, "inbound", "tr", "2026-01-01T10:00:00Z");
            message(jdbc, conversation, "inbound", "az", "2026-01-02T10:00:00Z");
            message(jdbc, conversation, "outbound", "en", "2026-01-03T10:00:00Z");

            flyway(data, "29").migrate();

            Map<String, String> texts = new java.util.HashMap<>();
            jdbc.sql("select template_key, text from ack_templates").query((rs, n) -> texts.put(rs.getString(1), rs.getString(2))).list();
            assertThat(texts).containsEntry("ack.email.subject", "Aldık: {{subject}} [#{{reference}}]")
                    .containsEntry("ack.email.subject.plain", "Aldık [#{{reference}}]")
                    .containsEntry("ack.email.body",
                            "{{greeting}}\n{{reference}} numaralı talebiniz, en geç {{promisedBy}} (yaklaşık {{wait}}).{{late}}\n{{signature}}")
                    .containsEntry("ack.short", "{{greeting}} {{reference}} alındı; {{promisedBy}}. {{signature}}");
            texts.forEach((key, text) -> assertThat(io.temas.shared.Placeholders.unknown(text, AckTemplates.placeholders(key))).isEmpty());
            assertThat(detected(jdbc, writer)).containsExactly("az");
            assertThat(detected(jdbc, quiet)).containsExactly((String) null);
        }
    }

    private static Flyway flyway(DataSource data, String target) {
        return Flyway.configure().dataSource(data).locations("classpath:db/migration").target(target).load();
    }

    private static void insertAck(JdbcClient jdbc, String key, String text) {
        jdbc.sql("insert into ack_templates (language, template_key, text, updated_at) values ('tr', ?, ?, now())").params(key, text).update();
    }

    private static UUID customer(JdbcClient jdbc) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into customers (id, created_at, updated_at) values (?, now(), now())").param(id).update();
        return id;
    }

    private static void message(JdbcClient jdbc, UUID conversation, String direction, String language, String at) {
        jdbc.sql("""
                insert into messages (id, conversation_id, direction, kind, channel, language, occurred_at, created_at)
                values (?, ?, ?, 'message', 'email', ?, ?::timestamptz, now())""")
                .params(UUID.randomUUID(), conversation, direction, language, at).update();
    }

    private static List<String> detected(JdbcClient jdbc, UUID customer) {
        return jdbc.sql("select detected_language from customers where id = ?").param(customer)
                .query((rs, n) -> rs.getString(1)).list();
    }
}
