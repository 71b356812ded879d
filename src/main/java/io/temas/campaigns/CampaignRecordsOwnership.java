package io.temas.campaigns;

import io.temas.customers.CustomerId;
import io.temas.customers.CustomerOwnedRecords;
import java.util.List;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Campaign responses, contacts and call-list entries follow their customer through a merge and its undo. */
@Configuration(proxyBeanMethods = false)
class CampaignRecordsOwnership {

    @Bean
    CustomerOwnedRecords campaignResponsesOwnership(JdbcClient jdbc) {
        return new Table(jdbc, "campaign-responses", "campaign_responses", "");
    }

    @Bean
    CustomerOwnedRecords campaignContactsOwnership(JdbcClient jdbc) {
        return new Table(jdbc, "campaign-contacts", "campaign_contacts", "");
    }

    // One entry per customer and list: an absorbed customer's entry stays where the survivor already has one.
    @Bean
    CustomerOwnedRecords callListEntriesOwnership(JdbcClient jdbc) {
        return new Table(jdbc, "call-list-entries", "call_list_entries",
                " and not exists (select 1 from call_list_entries o where o.call_list_id = call_list_entries.call_list_id and o.customer_id = ?)");
    }

    private record Table(JdbcClient jdbc, String kind, String table, String unlessTaken) implements CustomerOwnedRecords {

        @Override
        public List<UUID> reassign(CustomerId from, CustomerId to) {
            String sql = "update " + table + " set customer_id = ? where customer_id = ?" + unlessTaken + " returning id";
            return (unlessTaken.isEmpty() ? jdbc.sql(sql).params(to.value(), from.value()) : jdbc.sql(sql).params(to.value(), from.value(), to.value()))
                    .query(UUID.class).list();
        }

        @Override
        public void restore(List<UUID> ids, CustomerId owner) {
            if (!ids.isEmpty()) {
                jdbc.sql("update " + table + " set customer_id = ? where id = any(?)").params(owner.value(), ids.toArray(UUID[]::new)).update();
            }
        }
    }
}
