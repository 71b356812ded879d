package io.temas.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.support.GenericPlan;
import io.temas.support.TemasIntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A chat message's conversation, and a conversation's chat session, are found through their own indexes whatever the
 * planner believes about the tables: with statistics saying there are few sessions or conversations (as a young table's
 * can), the plan made once for every value still goes by that value, not backwards through every row by time looking
 * for it.
 */
@TemasIntegrationTest
class ChatSessionLookupIntegrationTests {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void theNewestConversationOfAChatSessionIsFoundByTheSessionsIndexEvenWhenSessionsLookFew() {
        String plan = planWithFewDistinct(List.of("insert into customers (id, created_at, updated_at) values (gen_random_uuid(), now(), now())", """
                        insert into conversations (id, reference, customer_id, channel, entry_point, status, priority, chat_session,
                        created_at, last_message_at)
                        select gen_random_uuid(), 'T-PLAN-' || n, (select id from customers order by created_at desc limit 1), 'chat',
                        'web', 'open', 'normal', case when n % 5 = 0 then 'plan-session-' || (n % 20) end,
                        now() - n * interval '1 minute', now()
                        from generate_series(1, 3000) n"""), "conversations", "chat_session",
                "(text) as select * from conversations where chat_session = $1 order by created_at desc limit 1", "('no-such-session')");

        assertThat(plan).contains("conversations_chat_session").doesNotContain("conversations_created");
    }

    @Test
    void theNewestChatSessionOfAConversationIsFoundByTheConversationsIndexEvenWhenConversationsLookFew() {
        String plan = planWithFewDistinct(List.of("""
                        insert into chat_sessions (id, entry_point_id, language, state, conversation_id, created_at, last_active_at)
                        select gen_random_uuid(), (select id from entry_points order by id limit 1), 'tr', 'ended',
                        case when n % 5 = 0 then ('00000000-0000-0000-0000-0000000000' || lpad((n % 20)::text, 2, '0'))::uuid end,
                        now() - n * interval '1 minute', now() - n * interval '1 minute'
                        from generate_series(1, 3000) n"""), "chat_sessions", "conversation_id",
                "(uuid) as select * from chat_sessions where conversation_id = $1 order by created_at desc limit 1",
                "('11111111-1111-1111-1111-111111111111')");

        assertThat(plan).contains("chat_sessions_conversation").doesNotContain("chat_sessions_created");
    }

    /**
     * The plan made once for every value, as the pipeline's transactions make it (generic, no sequential scans), of a
     * statement over a table filled by {@code rows} whose statistics count 20 values of {@code column}; all rolled back.
     */
    private String planWithFewDistinct(List<String> rows, String table, String column, String statement, String arguments) {
        return transactions.execute(tx -> {
            tx.setRollbackOnly();
            for (String insert : rows) {
                jdbc.sql(insert).update();
            }
            jdbc.sql("alter table " + table + " alter column " + column + " set (n_distinct = 20)").update();
            jdbc.sql("analyze " + table).update();
            return GenericPlan.of(jdbc, statement, arguments);
        });
    }
}
