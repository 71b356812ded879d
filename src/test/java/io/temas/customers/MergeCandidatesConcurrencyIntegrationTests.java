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

/**
 * Two supervisors deciding the same candidate at the same moment: one merges, the other dismisses (or merges the other
 * way). Exactly one decision stands, and what the database holds agrees with it: no merge beside a dismissal, never two
 * merges of one pair.
 */
@TemasIntegrationTest
class MergeCandidatesConcurrencyIntegrationTests {

    private static final int ROUNDS = 12;

    @Autowired
    IdentityResolver resolver;

    @Autowired
    MergeCandidates candidates;

    @Autowired
    Customers customers;

    @Autowired
    JdbcClient jdbc;

    @Test
    void twoDecisionsAtOnceOneWinsTheOtherIsToldSo() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                String suffix = UUID.randomUUID().toString().substring(0, 8);
                CustomerId a = resolver.resolve(List.of(Identifier.email("race." + suffix + "@example.com"), Identifier.account("R-A-" + suffix)), null, null).customerId();
                CustomerId b = resolver.resolve(List.of(Identifier.account("R-B-" + suffix)), null, null).customerId();
                resolver.resolve(List.of(Identifier.email("race." + suffix + "@example.com"), Identifier.account("R-B-" + suffix)), null, null);
                UUID id = candidates.open(1000).stream().filter(c -> c.involves(a) && c.involves(b)).findFirst().orElseThrow().id();
                boolean bothMerge = round % 2 == 1;

                CountDownLatch start = new CountDownLatch(1);
                List<Future<String>> decisions = new ArrayList<>();
                decisions.add(pool.submit(() -> {
                    start.await();
                    candidates.merge(id, a, "first");
                    return "merged";
                }));
                decisions.add(pool.submit(() -> {
                    start.await();
                    if (bothMerge) {
                        candidates.merge(id, b, "second");
                        return "merged";
                    }
                    candidates.dismiss(id, "second");
                    return "dismissed";
                }));
                start.countDown();

                List<String> won = new ArrayList<>();
                List<Throwable> lost = new ArrayList<>();
                for (Future<String> decision : decisions) {
                    try {
                        won.add(decision.get());
                    } catch (java.util.concurrent.ExecutionException e) {
                        lost.add(e.getCause());
                    }
                }
                assertThat(won).as("round " + round + ": one decision stands").hasSize(1);
                assertThat(lost).singleElement().isInstanceOf(MergeCandidateAlreadyDecided.class);
                MergeCandidateAlreadyDecided told = (MergeCandidateAlreadyDecided) lost.getFirst();
                MergeCandidates.Candidate decided = candidates.get(id);
                assertThat(told.candidate().decidedBy()).isEqualTo(decided.decidedBy());
                int mergesOfPair = jdbc.sql("select count(*) from merges where (survivor_id = ? and absorbed_id = ?) or (survivor_id = ? and absorbed_id = ?)")
                        .params(a.value(), b.value(), b.value(), a.value()).query(Integer.class).single();
                if (won.getFirst().equals("merged")) {
                    assertThat(decided.decision()).isEqualTo(MergeCandidates.Decision.MERGED);
                    assertThat(mergesOfPair).isEqualTo(1);
                    assertThat(customers.get(a).isMerged() ^ customers.get(b).isMerged()).isTrue();
                } else {
                    assertThat(decided.decision()).isEqualTo(MergeCandidates.Decision.DISMISSED);
                    assertThat(mergesOfPair).isZero();
                    assertThat(customers.get(a).isMerged() || customers.get(b).isMerged()).isFalse();
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
