package io.temas.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.support.GenericPlan;
import io.temas.support.TemasIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The look-ups by agent and by a customer's live conversations go by the narrow partial indexes made for them (which
 * leave out unassigned and finished conversations), in the plans made once for every value, as the pipeline's
 * transactions make them: a look-up whose condition did not prove an index's predicate could not use that index, and
 * would fall back to a wider one.
 */
@TemasIntegrationTest
class ConversationIndexesIntegrationTests {

    private static final String AGENT = "'11111111-1111-1111-1111-111111111111'";
    private static final String CUSTOMER = "'22222222-2222-2222-2222-222222222222'";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void anAgentsRoomOnAChannelIsCountedFromTheAgentsIndex() {
        assertThat(plan("(text, uuid[], int[]) as select a.id, (select count(*) from (select 1 from conversations c"
                + " where c.assignee_id = a.id and c.channel = $1 and c.status in ('open', 'pending') limit greatest(a.cap, 0)) x)"
                + " from unnest($2::uuid[], $3::int[]) as a(id, cap)", "('email', array[" + AGENT + "]::uuid[], array[5])"))
                .containsPattern("using conversations_(inbox_)?assignee");
    }

    @Test
    void whatAgentsHoldUnansweredAndLiveIsCountedFromTheAgentsIndex() {
        assertThat(plan("(uuid[], text) as select assignee_id, count(*) from conversations where assignee_id = any($1) and channel = $2"
                + " and status in ('open', 'pending') and first_responded_at is null group by assignee_id",
                "(array[" + AGENT + "]::uuid[], 'email')"))
                .contains("conversations_assignee");
        assertThat(plan("(uuid[]) as select assignee_id, count(*) from conversations where assignee_id = any($1)"
                + " and status in ('open', 'pending') group by assignee_id", "(array[" + AGENT + "]::uuid[])"))
                .containsPattern("conversations_(inbox_)?assignee");
    }

    @Test
    void anAgentsInboxIsReadInDeadlineOrderFromItsIndex() {
        assertThat(plan("(uuid) as select id from conversations where assignee_id = $1 and status in ('open', 'pending')"
                + " order by sla_due, id limit 51", "(" + AGENT + ")"))
                .contains("using conversations_inbox_assignee").doesNotContain("Sort");
    }

    @Test
    void theLiveThreadANewMessageJoinsIsFoundByTheCustomersLiveIndexNewestFirst() {
        assertThat(plan("(uuid, text, timestamptz) as select * from conversations where customer_id = $1 and channel = $2"
                + " and status in ('open', 'pending') and last_message_at >= $3 order by last_message_at desc limit 1",
                "(" + CUSTOMER + ", 'email', now() - interval '1 day')"))
                .contains("Index Scan using conversations_customer_live").doesNotContain("Sort");
    }

    @Test
    void aCustomersLiveConversationsAreCountedFromTheCustomersLiveIndex() {
        assertThat(plan("(uuid) as select count(*) from conversations v where v.customer_id = $1 and v.status in ('open', 'pending')",
                "(" + CUSTOMER + ")"))
                .contains("conversations_customer_live");
    }

    /**
     * The plan made once for every value (generic, no sequential scans, sorts or bitmaps) of a statement over a table with live and finished,
     * assigned and unassigned conversations of 200 customers and 10 agents; all rolled back.
     */
    private String plan(String statement, String arguments) {
        return transactions.execute(tx -> {
            tx.setRollbackOnly();
            // 200 customers and 10 agents; the ones asked for are the first of each.
            jdbc.sql("""
                    insert into customers (id, created_at, updated_at)
                    select case when k = 0 then %s::uuid else md5('customer ' || k)::uuid end, now(), now()
                    from generate_series(0, 199) k""".formatted(CUSTOMER)).update();
            jdbc.sql("""
                    insert into conversations (id, reference, customer_id, channel, entry_point, status, priority, assignee_id,
                    created_at, last_message_at)
                    select gen_random_uuid(), 'T-INDEX-' || n, case when n %% 200 = 0 then %s::uuid else md5('customer ' || n %% 200)::uuid end,
                    case when n %% 3 = 0 then 'sms' else 'email' end, 'destek',
                    case when n %% 4 = 0 then 'closed' when n %% 4 = 1 then 'pending' else 'open' end, 'normal',
                    case when n %% 2 = 0 then (case when n %% 20 = 0 then %s::uuid else md5('agent ' || n %% 10)::uuid end) end,
                    now() - n * interval '1 minute', now() - n * interval '1 minute'
                    from generate_series(1, 4000) n""".formatted(CUSTOMER, CUSTOMER, AGENT)).update();
            // Statistics as a contact centre's table has them (many agents, many customers, each holding a small share),
            // whatever other tests left in the table, and no sort or bitmap to fall back on: a look-up whose condition did
            // not prove an index's predicate would show up as another index, a bitmap or a sort.
            jdbc.sql("alter table conversations alter column assignee_id set (n_distinct = 1000)").update();
            jdbc.sql("alter table conversations alter column customer_id set (n_distinct = 1000)").update();
            jdbc.sql("analyze conversations").update();
            jdbc.sql("select set_config('enable_sort', 'off', true), set_config('enable_bitmapscan', 'off', true)")
                    .query((rs, n) -> 1).list();
            return GenericPlan.of(jdbc, statement, arguments);
        });
    }
}
