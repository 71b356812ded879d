package io.temas.customers;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.support.TemasIntegrationTest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Entries recorded for the end of a transaction are written when it commits, with nobody asking, and belong to that
 * transaction: one started inside it ({@code REQUIRES_NEW}) writes its own when it commits, and the outer one's wait for
 * the outer commit.
 */
@TemasIntegrationTest
class CustomerTimelineIntegrationTests {

    @Autowired
    CustomerTimeline timeline;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager manager;

    @Test
    void aTransactionStartedInsideAnotherWritesItsOwnEntriesWhenItCommits() {
        UUID outer = customer();
        UUID inner = customer();
        TransactionTemplate requiresNew = new TransactionTemplate(manager);
        requiresNew.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);

        new TransactionTemplate(manager).executeWithoutResult(tx -> {
            timeline.recordLater(new CustomerId(outer), List.of(entry("dış")));
            requiresNew.executeWithoutResult(nested -> timeline.recordLater(new CustomerId(inner), List.of(entry("iç"))));

            assertThat(entries(inner)).as("written when the inner transaction committed").containsExactly("iç");
            assertThat(entries(outer)).as("still held for the outer transaction").isEmpty();
        });

        assertThat(entries(outer)).containsExactly("dış");
        assertThat(entries(inner)).containsExactly("iç");
    }

    private UUID customer() {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into customers (id, created_at, updated_at) values (?, now(), now())").param(id).update();
        return id;
    }

    private static CustomerTimeline.Entry entry(String summary) {
        return new CustomerTimeline.Entry(Instant.now(), "note", null, summary, null, null);
    }

    private List<String> entries(UUID customer) {
        return jdbc.sql("select summary from timeline_entries where customer_id = ?").param(customer).query(String.class).list();
    }
}
