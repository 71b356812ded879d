package io.temas.campaigns;

import io.temas.customers.CustomerId;
import io.temas.customers.PersonalData;
import io.temas.customers.PersonalRows;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The person in campaigns: the contacts made (an SMS or e-mail to an address), their places on call lists, their
 * responses and suppressions. Erasure removes the addresses and keeps the rows, which the campaign funnel counts
 * (contacted, responded); a response or suppression holds no words or addresses and stays as it is.
 */
@Component
class CampaignPersonalData implements PersonalData {

    private final JdbcClient jdbc;

    CampaignPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String kind() {
        return "campaigns";
    }

    @Override
    public List<Map<String, Object>> export(CustomerId customer) {
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.addAll(PersonalRows.plain(jdbc.sql("""
                        select 'contact' as record, x.id, c.code as campaign, x.channel, x.recipient, x.status, x.detail, x.created_at,
                        x.updated_at from campaign_contacts x left join campaigns c on c.id = x.campaign_id
                        where x.customer_id = ? order by x.created_at, x.id""")
                .param(customer.value()).query().listOfRows()));
        rows.addAll(PersonalRows.plain(jdbc.sql("""
                        select 'call-list-entry' as record, e.id, c.code as campaign, e.phone, e.status, e.reason, e.outcome,
                        e.callback_at, e.updated_at from call_list_entries e left join campaigns c on c.id = e.campaign_id
                        where e.customer_id = ? order by e.updated_at, e.id""")
                .param(customer.value()).query().listOfRows()));
        rows.addAll(PersonalRows.plain(jdbc.sql("""
                        select 'response' as record, r.id, c.code as campaign, r.kind, r.channel, r.medium, r.entry_point,
                        r.conversation_id, r.occurred_at from campaign_responses r left join campaigns c on c.id = r.campaign_id
                        where r.customer_id = ? order by r.occurred_at, r.id""")
                .param(customer.value()).query().listOfRows()));
        rows.addAll(PersonalRows.plain(jdbc.sql("""
                        select 'suppression' as record, c.code as campaign, s.reason, s.created_at
                        from campaign_suppressions s left join campaigns c on c.id = s.campaign_id
                        where s.customer_id = ? order by s.created_at""")
                .param(customer.value()).query().listOfRows()));
        return rows;
    }

    @Override
    public void erase(CustomerId customer) {
        jdbc.sql("update campaign_contacts set recipient = '', detail = null where customer_id = ?").param(customer.value()).update();
        jdbc.sql("update call_list_entries set phone = null where customer_id = ?").param(customer.value()).update();
    }
}
