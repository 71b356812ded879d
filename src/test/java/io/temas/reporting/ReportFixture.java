package io.temas.reporting;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Rows the reports are made of, written straight into the tables the application writes them to:
 * conversations with their times and SLA marks, survey answers and reply ratings. Each fixture has
 * its own customer.
 */
public final class ReportFixture {

    private final JdbcClient jdbc;
    private final UUID customer = UUID.randomUUID();

    public ReportFixture(JdbcClient jdbc) {
        this.jdbc = jdbc;
        jdbc.sql("insert into customers (id, display_name, created_at, updated_at) values (?, 'Rapor Müşterisi', now(), now())")
                .param(customer).update();
    }

    /** A conversation; null times are not set, tags as given. */
    public UUID conversation(UUID queue, String channel, Instant created, Instant firstDue, Instant firstResponded, boolean firstBreached,
                             Instant resolutionDue, Instant resolved, boolean resolutionBreached, String... tags) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into conversations (id, reference, customer_id, channel, status, priority, queue_id, created_at, last_message_at,
                                                   first_response_due, first_responded_at, first_response_breached, resolution_due, resolved_at,
                                                   resolution_breached, tags)
                        values (?, 'R-' || nextval('conversation_reference_seq'), ?, ?, ?, 'normal', ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as text[]))""")
                .params(id, customer, channel, resolved == null ? "open" : "resolved", queue, ts(created), ts(created), ts(firstDue),
                        ts(firstResponded), firstBreached, ts(resolutionDue), ts(resolved), resolutionBreached, array(tags))
                .update();
        return id;
    }

    public void survey(UUID conversation, UUID queue, UUID agent, String channel, Instant answered, Integer csat, Integer ces) {
        jdbc.sql("""
                        insert into surveys (id, conversation_id, customer_id, queue_id, agent_id, channel, sent_at, answered_at, csat, ces)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), conversation, customer, queue, agent, channel, ts(answered.minusSeconds(3600)), ts(answered), csat, ces)
                .update();
    }

    /** An agent reply in the conversation and the customer's rating of it. */
    public void rating(UUID conversation, UUID agent, boolean helpful, Instant at) {
        UUID message = UUID.randomUUID();
        jdbc.sql("""
                        insert into messages (id, conversation_id, direction, kind, channel, text, occurred_at, created_at)
                        values (?, ?, 'outbound', 'reply', 'email', 'Merhaba', ?, ?)""")
                .params(message, conversation, ts(at.minusSeconds(60)), ts(at.minusSeconds(60))).update();
        jdbc.sql("insert into reply_ratings (message_id, conversation_id, agent_id, helpful, rated_at) values (?, ?, ?, ?, ?)")
                .params(message, conversation, agent, helpful, ts(at)).update();
    }

    private static Timestamp ts(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }

    private static String array(String... values) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < values.length; i++) {
            out.append(i == 0 ? "" : ",").append('"').append(values[i].replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return out.append('}').toString();
    }
}
