package io.temas.customers;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.shared.Identifier;
import io.temas.support.TemasIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Many people resolved at once ({@link IdentityResolver#resolveAll}, as an import does): new people are created in
 * bulk, each once, and everything else keeps the one-by-one rules: a known person is found, a list naming two
 * customers merges them, and two batches naming the same new people at the same moment create each person once.
 */
@TemasIntegrationTest
class BulkResolutionIntegrationTests {

    @Autowired
    IdentityResolver resolver;

    @Autowired
    Customers customers;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void newPeopleAreCreatedOnceKnownOnesFoundAndListsSharingIdentifiersFollowTheMergeRules() {
        String s = UUID.randomUUID().toString().substring(0, 8);
        CustomerId known = resolver.resolve(List.of(Identifier.email("known." + s + "@example.com")), null, null).customerId();
        CustomerId other = resolver.resolve(List.of(Identifier.account("OTHER-" + s)), null, null).customerId();

        List<CustomerId> answer = transactions.execute(status -> resolver.resolveAll(List.of(
                List.of(Identifier.email("new1." + s + "@example.com"), Identifier.account("N1-" + s)),   // 0 new
                List.of(Identifier.email("KNOWN." + s + "@example.com")),                                 // 1 known (normalised)
                List.of(Identifier.account("N1-" + s), Identifier.email("new1." + s + "@example.com")),   // 2 the same new person
                List.of(Identifier.email("new2." + s + "@example.com")),                                  // 3 new, then extended by 4
                List.of(Identifier.email("new2." + s + "@example.com"), Identifier.phone(String.format("+90532%07d",
                        java.util.concurrent.ThreadLocalRandom.current().nextInt(10_000_000)))),                  // 4 a new phone of 3
                List.of(Identifier.email("known." + s + "@example.com"), Identifier.account("OTHER-" + s)), // 5 two customers: merged
                List.of(Identifier.email("  "))                                                          // 6 nothing usable
        )));

        assertThat(answer).hasSize(7);
        assertThat(answer.get(0)).isNotNull().isEqualTo(answer.get(2)).isNotIn(known, other);
        assertThat(answer.get(1)).isEqualTo(known);
        assertThat(answer.get(3)).isNotNull().isEqualTo(answer.get(4));
        assertThat(answer.get(5)).isIn(known, other);
        assertThat(answer.get(6)).isNull();
        assertThat(customers.findByIdentifier("new1." + s + "@example.com").orElseThrow().id()).isEqualTo(answer.get(0));
        assertThat(identities(answer.get(0))).isEqualTo(2);
        assertThat(identities(answer.get(3))).isEqualTo(2);
        // The merge left one of the two, holding both identifiers.
        assertThat(jdbc.sql("select count(*) from customers where id in (?, ?) and merged_into is not null").params(known.value(), other.value())
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(identities(answer.get(5))).isEqualTo(2);
    }

    @Test
    void twoBatchesNamingTheSameNewPeopleAtOnceCreateEachPersonOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                String s = UUID.randomUUID().toString().substring(0, 8);
                List<List<Identifier>> people = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    people.add(List.of(Identifier.email("p" + i + "." + s + "@example.com"), Identifier.account("A" + i + "-" + s)));
                }
                List<List<Identifier>> reversed = new ArrayList<>(people);
                java.util.Collections.reverse(reversed);
                CountDownLatch start = new CountDownLatch(1);
                Future<List<CustomerId>> first = pool.submit(() -> {
                    start.await();
                    return transactions.execute(status -> resolver.resolveAll(people));
                });
                Future<List<CustomerId>> second = pool.submit(() -> {
                    start.await();
                    return transactions.execute(status -> resolver.resolveAll(reversed));
                });
                start.countDown();
                List<CustomerId> a = first.get();
                List<CustomerId> b = new ArrayList<>(second.get());
                java.util.Collections.reverse(b);
                assertThat(a).as("round " + round + ": both batches found the same people").isEqualTo(b);
                assertThat(jdbc.sql("select count(distinct customer_id) from identities where value like ?").param("%." + s + "@example.com")
                        .query(Integer.class).single()).isEqualTo(50);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private int identities(CustomerId customer) {
        return jdbc.sql("select count(*) from identities where customer_id = ?").param(customer.value()).query(Integer.class).single();
    }
}
