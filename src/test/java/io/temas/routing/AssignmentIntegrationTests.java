package io.temas.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.temas.support.Api;
import io.temas.support.HeldRow;
import io.temas.support.TemasIntegrationTest;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@TemasIntegrationTest
class AssignmentIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Assignment assignment;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    javax.sql.DataSource dataSource;

    Api api;
    String queue;
    UUID queueId;
    String address;

    @BeforeEach
    void queueWithOneAgentOfCapacityOne() {
        api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        queue = "Kapasite " + suffix;
        address = "kapasite-" + suffix + "@ornek.com.tr";
        queueId = UUID.fromString(api.post("/api/v1/queues", "{\"name\":\"" + queue + "\"}").text("/id"));
        api.post("/api/v1/entry-points", "{\"address\":\"" + address + "\",\"queue\":\"" + queue + "\"}");
    }

    @Test
    void anAgentNeverGetsMoreThanTheirCapacityAndWaitingWorkIsOfferedWhenCapacityFrees() {
        String agentId = agent("tek-" + UUID.randomUUID().toString().substring(0, 8), 1, "online");

        String first = send();
        String second = send();

        assertThat(api.get("/api/v1/conversations/" + first).text("/assigneeId")).isEqualTo(agentId);
        assertThat(api.get("/api/v1/conversations/" + second).text("/assigneeId")).isNull();

        api.post("/api/v1/conversations/" + first + "/status", "{\"status\":\"resolved\"}");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(api.get("/api/v1/conversations/" + second).text("/assigneeId")).isEqualTo(agentId));
    }

    @Test
    void theQualifiedAgentWithMostSpareCapacityGetsTheConversation() {
        String small = agent("az-" + UUID.randomUUID().toString().substring(0, 8), 2, "online");
        String large = agent("cok-" + UUID.randomUUID().toString().substring(0, 8), 5, "online");
        agent("yok-" + UUID.randomUUID().toString().substring(0, 8), 50, "offline");

        assertThat(api.get("/api/v1/conversations/" + send()).text("/assigneeId")).isEqualTo(large);
        assertThat(api.get("/api/v1/conversations?assigneeId=" + small).json().at("/items")).isEmpty();
    }

    @Test
    void anAgentComingOnlineIsOfferedWaitingConversations() {
        String late = agent("gec-" + UUID.randomUUID().toString().substring(0, 8), 3, "offline");
        String waiting = send();
        assertThat(api.get("/api/v1/conversations/" + waiting).text("/assigneeId")).isNull();

        api.put("/api/v1/agents/" + late, """
                {"username":"%s","capacity":{"email":3},"queues":["%s"],"presence":"online"}"""
                .formatted(api.get("/api/v1/agents/" + late).text("/username"), queue));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(api.get("/api/v1/conversations/" + waiting).text("/assigneeId")).isEqualTo(late));
    }

    @Test
    void routingThatReadAConversationBeforeSomeoneElseTookItLeavesItWithThem(@org.springframework.beans.factory.annotation.Autowired
                                                                               Assigner assigner,
                                                                               @org.springframework.beans.factory.annotation.Autowired
                                                                               io.temas.conversations.Conversations conversations) {
        String waiting = send();
        io.temas.conversations.Conversation stale = conversations.get(UUID.fromString(waiting));
        assertThat(stale.assigneeId()).isNull();
        String chosen = agent("secilen-" + UUID.randomUUID().toString().substring(0, 8), 3, "online");
        api.post("/api/v1/conversations/" + waiting + "/assign", "{\"agentId\":\"" + chosen + "\"}");
        assertThat(api.get("/api/v1/conversations/" + waiting).text("/assigneeId")).isEqualTo(chosen);

        agent("bos-" + UUID.randomUUID().toString().substring(0, 8), 3, "online");
        assertThat(assigner.assign(stale)).as("the routing's read is stale").isEmpty();
        assertThat(api.get("/api/v1/conversations/" + waiting).text("/assigneeId")).as("the supervisor's choice stands").isEqualTo(chosen);
    }

    @Test
    void anOfferInAFullQueueAsksWhoHasRoomOnceHoweverManyConversationsWait() {
        agent("dolu-" + UUID.randomUUID().toString().substring(0, 8), 1, "online");
        send();
        send();
        send();
        long fewWaiting = conversationScansOfAnOffer();

        for (int i = 0; i < 4; i++) {
            send();
        }
        assertThat(conversationScansOfAnOffer()).as("reads of conversations by an offer with six waiting, against two")
                .isEqualTo(fewWaiting);
    }

    /** The reads of conversations (index and sequential scans) of offering the queue's waiting work, which finds nobody with room. */
    private long conversationScansOfAnOffer() {
        return transactions.execute(status -> {
            long before = conversationScans();
            assertThat(assignment.offerWaiting(queueId)).as("the one agent is full").isZero();
            return conversationScans() - before;
        });
    }

    private long conversationScans() {
        return jdbc.sql("""
                        select coalesce(sum(coalesce(idx_scan, 0) + coalesce(seq_scan, 0)), 0)
                        from pg_stat_xact_user_tables where relname = 'conversations'""")
                .query(Long.class).single();
    }

    @Test
    void workLeftWaitingWhileAnAgentHadRoomIsOfferedByTheOfferOfEveryStaffedQueue() {
        String agentId = agent("tur-" + UUID.randomUUID().toString().substring(0, 8), 1, "online");
        String first = send();
        String second = send();
        assertThat(api.get("/api/v1/conversations/" + second).text("/assigneeId")).isNull();

        // Room freed without a release offering it, as for a conversation stored just after the release's offer read the queue.
        resolveUnseen(first);
        assertThat(api.get("/api/v1/conversations/" + second).text("/assigneeId")).isNull();

        assertThat(assignment.offerStaffedQueues()).isGreaterThanOrEqualTo(1);
        assertThat(api.get("/api/v1/conversations/" + second).text("/assigneeId")).isEqualTo(agentId);
    }

    @Test
    void roomANewConversationFindsGoesToTheOneWhoWaitedLongest() {
        String agentId = agent("sira-" + UUID.randomUUID().toString().substring(0, 8), 1, "online");
        String first = send();
        String longest = send();
        String next = send();
        // Room freed and not yet offered, as between a release's commit and its offer.
        resolveUnseen(first);

        String newest = send();

        assertThat(api.get("/api/v1/conversations/" + longest).text("/assigneeId")).isEqualTo(agentId);
        assertThat(api.get("/api/v1/conversations/" + next).text("/assigneeId")).isNull();
        assertThat(api.get("/api/v1/conversations/" + newest).text("/assigneeId")).as("waits its turn").isNull();
    }

    @Test
    void roomAMessageJoiningAWaitingConversationFindsGoesToTheOneWhoWaitedLongest() {
        String agentId = agent("katil-" + UUID.randomUUID().toString().substring(0, 8), 1, "online");
        String first = send();
        String longest = send();
        String customer = UUID.randomUUID() + "@example.com";
        String joined = send(customer);
        resolveUnseen(first);

        String reference = api.get("/api/v1/conversations/" + joined).text("/reference");
        assertThat(send(customer, "Re: Soru [#" + reference + "]")).isEqualTo(joined);

        assertThat(api.get("/api/v1/conversations/" + longest).text("/assigneeId")).isEqualTo(agentId);
        assertThat(api.get("/api/v1/conversations/" + joined).text("/assigneeId")).isNull();
    }

    @Test
    void roomGoesToTheNewConversationWhenNobodyWaitingCanBeGivenToThatAgent() {
        String agentId = agent("beceri-" + UUID.randomUUID().toString().substring(0, 8), 1, "online");
        String first = send();
        String needsASkill = send();
        jdbc.sql("update conversations set required_skills = '{hukuk}' where id = ?").param(UUID.fromString(needsASkill)).update();
        resolveUnseen(first);

        String newest = send();

        assertThat(api.get("/api/v1/conversations/" + newest).text("/assigneeId")).isEqualTo(agentId);
        assertThat(api.get("/api/v1/conversations/" + needsASkill).text("/assigneeId")).isNull();
    }

    @Test
    void theLookDownTheLineUnderTheAssignmentLockIsBounded() {
        String agentId = agent("sinir-" + UUID.randomUUID().toString().substring(0, 8), 1, "online");
        String first = send();
        for (int i = 0; i < io.temas.conversations.Workload.LINE_LOOK; i++) {
            send();
        }
        String beyondTheLook = send();
        // Every one ahead of it needs a skill the agent lacks.
        jdbc.sql("""
                        update conversations set required_skills = '{hukuk}'
                        where queue_id = ? and assignee_id is null and status = 'open' and id <> ?""")
                .params(queueId, UUID.fromString(beyondTheLook)).update();
        resolveUnseen(first);

        String newest = send();

        assertThat(api.get("/api/v1/conversations/" + newest).text("/assigneeId")).isEqualTo(agentId);
        assertThat(api.get("/api/v1/conversations/" + beyondTheLook).text("/assigneeId")).as("left to the next offer").isNull();
    }

    @Test
    void roomOnOneChannelIsReachedHoweverManyWaitOnAnother() {
        Api.Response emailOnly = api.post("/api/v1/agents", """
                {"username":"%s","capacity":{"email":1,"sms":0},"queues":["%s"],"presence":"online"}"""
                .formatted("eposta-" + UUID.randomUUID().toString().substring(0, 8), queue));
        assertThat(emailOnly.status()).as(emailOnly.body()).isEqualTo(201);
        for (int i = 0; i < 31; i++) {
            send();
        }
        String phone = "+90850" + (1_000_000 + new java.util.Random().nextInt(8_999_999));
        assertThat(api.post("/api/v1/entry-points", """
                {"address":"%s","channel":"sms","queue":"%s"}""".formatted(phone, queue)).status()).isEqualTo(201);
        Api.Response sms = api.post("/api/v1/inbound", """
                {"channel":"sms","entryPoint":"%s","externalId":"%s","from":{"phone":"+90532%07d"},"text":"Merhaba"}"""
                .formatted(phone, UUID.randomUUID(), new java.util.Random().nextInt(9_999_999)));
        assertThat(sms.status()).as(sms.body()).isEqualTo(201);
        String waitingOnSms = sms.text("/conversationId");
        assertThat(api.get("/api/v1/conversations/" + waitingOnSms).text("/assigneeId")).isNull();

        String smsAgentName = "sms-" + UUID.randomUUID().toString().substring(0, 8);
        String agentJson = """
                {"username":"%s","capacity":{"email":0,"sms":1},"queues":["%s"],"presence":"%s"}""";
        Api.Response smsAgent = api.post("/api/v1/agents", agentJson.formatted(smsAgentName, queue, "offline"));
        assertThat(smsAgent.status()).as(smsAgent.body()).isEqualTo(201);
        api.put("/api/v1/agents/" + smsAgent.text("/id"), agentJson.formatted(smsAgentName, queue, "online"));

        // Thirty email conversations wait ahead of it, and nobody has room on email.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(api.get("/api/v1/conversations/" + waitingOnSms).text("/assigneeId")).isEqualTo(smsAgent.text("/id")));
    }

    @Test
    void theLookDownTheLinePassesOverAConversationAnotherTransactionHolds(@Autowired io.temas.conversations.Workload workload)
            throws Exception {
        String agentId = agent("kilit-" + UUID.randomUUID().toString().substring(0, 8), 1, "online");
        send();
        String held = send();
        String next = send();
        try (HeldRow writer = HeldRow.conversation(dataSource, UUID.fromString(held))) {
            UUID found = transactions.execute(status -> {
                // Waiting for the row would end in this error instead of an answer.
                jdbc.sql("set local lock_timeout = '5s'").update();
                return workload.nextInLine(queueId, io.temas.shared.ChannelType.EMAIL, java.util.List.of(), UUID.fromString(agentId),
                        java.time.Instant.now()).orElseThrow().id();
            });

            assertThat(found).isEqualTo(UUID.fromString(next));
        }
    }

    @Test
    void anOfferPassesOverAConversationAnotherTransactionHoldsInsteadOfWaiting() throws Exception {
        String agentId = agent("bekleme-" + UUID.randomUUID().toString().substring(0, 8), 1, "online");
        String first = send();
        String held = send();
        String next = send();
        resolveUnseen(first);

        try (HeldRow writer = HeldRow.conversation(dataSource, UUID.fromString(held))) {
            Integer assigned = offerWithoutQueueing();

            assertThat(assigned).isEqualTo(1);
        }
        assertThat(api.get("/api/v1/conversations/" + next).text("/assigneeId")).isEqualTo(agentId);
        assertThat(api.get("/api/v1/conversations/" + held).text("/assigneeId")).as("left to the next offer").isNull();
    }

    /**
     * Room an offer has claimed and not yet committed is not seen as room by another transaction, which would queue for the
     * assignment lock until that commit to find there is none; once committed, the claim is in the loads and counted there only.
     */
    @Test
    void roomAnotherTransactionHasClaimedIsNotQueuedFor() throws Exception {
        String agentId = agent("ucus-" + UUID.randomUUID().toString().substring(0, 8), 1, "online");
        String first = send();
        String longest = send();
        String next = send();
        resolveUnseen(first);
        CountDownLatch claimed = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        CompletableFuture<Integer> holder = inTransaction(() -> {
            int assigned = assignment.offerWaiting(queueId);
            claimed.countDown();
            awaitLatch(commit);
            return assigned;
        });
        Integer meanwhile;
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> claimed.getCount() == 0 || holder.isDone());
            assertThat(holder).as("holds its transaction open").isNotDone();
            meanwhile = offerWithoutQueueing();
        } finally {
            commit.countDown();
        }

        assertThat(holder.get()).isEqualTo(1);
        assertThat(meanwhile).isZero();
        assertThat(api.get("/api/v1/conversations/" + longest).text("/assigneeId")).isEqualTo(agentId);
        resolveUnseen(longest);
        assertThat(assignment.offerWaiting(queueId)).as("the committed claim no longer counted as in flight").isEqualTo(1);
        assertThat(api.get("/api/v1/conversations/" + next).text("/assigneeId")).isEqualTo(agentId);
    }

    /**
     * A transaction queueing for the assignment lock to take an agent's room counts it as taken meanwhile, so the node's others
     * do not queue behind it for the same room. When it finds under the lock that the room went elsewhere (another node took
     * it), it withdraws the count: room freed again while it runs is queued for, and taken once it commits.
     */
    @Test
    void aTransactionQueueingForTheLockKeepsTheNodesOthersFromQueueingForTheSameRoom() throws Exception {
        String agentId = agent("sira-" + UUID.randomUUID().toString().substring(0, 8), 1, "online");
        String first = send();
        String longest = send();
        String next = send();
        resolveUnseen(first);
        CountDownLatch commit = new CountDownLatch(1);
        CompletableFuture<Integer> found = new CompletableFuture<>();
        try (java.sql.Connection otherNode = dataSource.getConnection()) {
            otherNode.setAutoCommit(false);
            try (java.sql.Statement statement = otherNode.createStatement()) {
                statement.execute("select pg_advisory_xact_lock(" + Agents.ASSIGNMENT_LOCK + ")");
                statement.execute("update conversations set assignee_id = '" + agentId + "' where id = '" + longest + "'");
            }
            CompletableFuture<Integer> queued = inTransaction(() -> {
                found.complete(assignment.offerWaiting(queueId));
                awaitLatch(commit);
                return found.join();
            });
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> queuedForTheAssignmentLock() == 1);
                Integer meanwhile = offerWithoutQueueing();
                assertThat(meanwhile).isZero();

                otherNode.commit();
                assertThat(found.get()).as("the room went to the other node").isZero();
                resolveUnseen(longest);
                CompletableFuture<Integer> second = inTransaction(() -> assignment.offerWaiting(queueId));
                await().atMost(Duration.ofSeconds(30)).until(() -> queuedForTheAssignmentLock() == 1 || second.isDone());
                assertThat(second).as("queues for the room freed again").isNotDone();
                commit.countDown();
                assertThat(second.get()).isEqualTo(1);
                assertThat(queued.get()).isZero();
            } finally {
                commit.countDown();
                otherNode.rollback();
            }
        }
        assertThat(api.get("/api/v1/conversations/" + longest).text("/assigneeId")).isEqualTo(agentId);
        assertThat(api.get("/api/v1/conversations/" + next).text("/assigneeId")).isEqualTo(agentId);
    }

    /** Offers the queue's waiting work; waiting for a lock another transaction holds (a row, the assignment lock) ends in an error instead. */
    private Integer offerWithoutQueueing() {
        return transactions.execute(status -> {
            jdbc.sql("set local lock_timeout = '5s'").update();
            return assignment.offerWaiting(queueId);
        });
    }

    private <T> CompletableFuture<T> inTransaction(java.util.function.Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                result.complete(transactions.execute(status -> work.get()));
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private int queuedForTheAssignmentLock() {
        return jdbc.sql("select count(*) from pg_stat_activity where wait_event = 'advisory' and query = 'select pg_advisory_xact_lock($1)'")
                .query(Integer.class).single();
    }

    @Test
    void anOfferGivingOneAgentSeveralConversationsCountsItsOwnClaimsOnce() {
        String agentId = agent("iki-" + UUID.randomUUID().toString().substring(0, 8), 2, "online");
        String first = send();
        String second = send();
        String third = send();
        String fourth = send();
        resolveUnseen(first);
        resolveUnseen(second);

        assertThat(assignment.offerWaiting(queueId)).isEqualTo(2);
        assertThat(api.get("/api/v1/conversations/" + third).text("/assigneeId")).isEqualTo(agentId);
        assertThat(api.get("/api/v1/conversations/" + fourth).text("/assigneeId")).isEqualTo(agentId);
    }

    @Test
    void roomAClaimRolledBackHeldIsThereForTheNextOffer() {
        String agentId = agent("geri-" + UUID.randomUUID().toString().substring(0, 8), 1, "online");
        String first = send();
        String waiting = send();
        resolveUnseen(first);

        transactions.executeWithoutResult(status -> {
            assertThat(assignment.offerWaiting(queueId)).isEqualTo(1);
            status.setRollbackOnly();
        });
        assertThat(api.get("/api/v1/conversations/" + waiting).text("/assigneeId")).isNull();

        assertThat(assignment.offerWaiting(queueId)).isEqualTo(1);
        assertThat(api.get("/api/v1/conversations/" + waiting).text("/assigneeId")).isEqualTo(agentId);
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anOfferRunsOnGenericPlans() {
        String agentId = agent("plan-" + UUID.randomUUID().toString().substring(0, 8), 1, "online");
        String first = send();
        String waiting = send();
        resolveUnseen(first);

        String mode = transactions.execute(status -> {
            assertThat(assignment.offerWaiting(queueId)).isEqualTo(1);
            return jdbc.sql("select current_setting('plan_cache_mode')").query(String.class).single();
        });

        assertThat(mode).isEqualTo("force_generic_plan");
        assertThat(api.get("/api/v1/conversations/" + waiting).text("/assigneeId")).isEqualTo(agentId);
        assertThat(jdbc.sql("select current_setting('plan_cache_mode')").query(String.class).single())
                .as("outside the offer, PostgreSQL decides").isEqualTo("auto");
    }

    /** Resolves the conversation without a release, so nothing offers the room it frees. */
    private void resolveUnseen(String conversationId) {
        jdbc.sql("update conversations set status = 'resolved', resolved_at = now() where id = ?").param(UUID.fromString(conversationId)).update();
    }

    private String agent(String username, int emailCapacity, String presence) {
        Api.Response response = api.post("/api/v1/agents", """
                {"username":"%s","displayName":"%s","capacity":{"email":%d},"queues":["%s"],"presence":"%s"}"""
                .formatted(username, username, emailCapacity, queue, presence));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.text("/id");
    }

    private String send() {
        return send(UUID.randomUUID() + "@example.com");
    }

    private String send(String from) {
        return send(from, "Soru");
    }

    private String send(String from, String subject) {
        Api.Response response = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"%s","externalId":"%s","from":{"email":"%s"},"subject":"%s","text":"Merhaba"}"""
                .formatted(address, UUID.randomUUID(), from, subject));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.text("/conversationId");
    }
}
