package io.temas.feedback;

import io.temas.customers.CustomerId;
import io.temas.customers.PersonalData;
import io.temas.customers.PersonalRows;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Surveys sent to the person and what they answered, their ratings of agents' replies, and "do not ask me again".
 * Erasure removes the survey comments (the person's own words) and keeps the scores, which the satisfaction
 * figures count under the queue and agent; the opt-out stays, so the erased profile is never surveyed again.
 */
@Component
class FeedbackPersonalData implements PersonalData {

    private final JdbcClient jdbc;

    FeedbackPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String kind() {
        return "surveys";
    }

    @Override
    public List<Map<String, Object>> export(CustomerId customer) {
        List<Map<String, Object>> rows = new ArrayList<>(PersonalRows.plain(jdbc.sql("""
                        select 'survey' as record, id, conversation_id, channel, language, sent_at, answered_at, csat, ces, comment
                        from surveys where customer_id = ? order by sent_at, id""")
                .param(customer.value()).query().listOfRows()));
        rows.addAll(PersonalRows.plain(jdbc.sql("""
                        select 'reply-rating' as record, r.message_id, r.conversation_id, r.helpful, r.rated_at
                        from reply_ratings r join conversations c on c.id = r.conversation_id where c.customer_id = ?
                        order by r.rated_at, r.message_id""")
                .param(customer.value()).query().listOfRows()));
        rows.addAll(PersonalRows.plain(jdbc.sql("select 'survey-opt-out' as record, opted_out_at from survey_opt_outs where customer_id = ?")
                .param(customer.value()).query().listOfRows()));
        return rows;
    }

    @Override
    public void erase(CustomerId customer) {
        jdbc.sql("update surveys set comment = null where customer_id = ? and comment is not null").param(customer.value()).update();
    }
}
