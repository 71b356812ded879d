package io.temas.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temas.channels.InboundMessage;
import io.temas.channels.InboundRejected;
import io.temas.channels.Receipt;
import io.temas.conversations.MessageReceived;
import io.temas.shared.ChannelType;
import io.temas.shared.Identifier;
import io.temas.support.PlanModes;
import io.temas.support.TemasIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Group commit, on the real database: messages that queue up behind a busy lane are committed in one transaction,
 * in the order they came, and one that cannot be stored goes to the quarantine alone while the others are taken.
 * The lane is kept busy by holding the advisory lock its first message's sender needs.
 */
@TemasIntegrationTest
@TestPropertySource(properties = "temas.pipeline.max-waiting=" + InboundBatchingIntegrationTests.MAX_WAITING)
class InboundBatchingIntegrationTests {

    static final int MAX_WAITING = 6;

    private static final String SMS_ENTRY = "+908502220000";

    @Autowired
    InboundPipeline pipeline;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    ApplicationContext context;

    @LocalServerPort
    int port;

    @Test
    void messagesWaitingForTheirLaneAreCommittedTogetherInTheOrderTheyCame() throws Exception {
        String phone = phone();
        List<InboundMessage> waiting = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            waiting.add(sms(phone, "mesaj " + i));
        }
        List<CompletableFuture<Receipt>> sent = oneBatchBehind(sms(phone, "ilk"), waiting);
        List<Receipt> receipts = new ArrayList<>();
        for (CompletableFuture<Receipt> receipt : sent) {
            receipts.add(receipt.get());
        }

        assertThat(receipts).extracting(Receipt::duplicate).containsOnly(false);
        assertThat(receipts).extracting(Receipt::conversationId).containsOnly(receipts.getFirst().conversationId());
        List<UUID> queuedIds = receipts.subList(1, receipts.size()).stream().map(Receipt::messageId).toList();
        List<String> transactions = jdbc.sql("select xmin::text from messages where id = any(?)")
                .param(queuedIds.toArray(UUID[]::new)).query(String.class).list();
        assertThat(transactions).as("the six that waited share one transaction").hasSize(6).containsOnly(transactions.getFirst());
        assertThat(jdbc.sql("""
                        select text from messages where conversation_id = ? and direction = 'inbound' order by created_at, id""")
                .param(receipts.getFirst().conversationId()).query(String.class).list())
                .containsExactly("ilk", "mesaj 1", "mesaj 2", "mesaj 3", "mesaj 4", "mesaj 5", "mesaj 6");
    }

    /**
     * A customer created by a message has no conversation to join, so the customer's open conversation is not looked for; the
     * next message of the same batch, from the customer now known, still finds the one the first opened.
     */
    @Test
    void aNewSendersSecondMessageInTheSameBatchJoinsTheConversationTheFirstOpened() {
        String phone = phone();

        List<Receipt> receipts = pipeline.together(List.of(sms(phone, "ilk"), sms(phone, "ikinci"), sms(phone, "üçüncü")));

        assertThat(receipts).extracting(Receipt::customerId).containsOnly(receipts.getFirst().customerId());
        assertThat(receipts).extracting(Receipt::conversationId).containsOnly(receipts.getFirst().conversationId());
        assertThat(jdbc.sql("select count(*) from conversations where customer_id = ?").param(receipts.getFirst().customerId())
                .query(Integer.class).single()).isEqualTo(1);
    }

    /**
     * The batch's timeline entries and receipts are written together at its end: a repeat of a message of the same batch
     * still gets that message's result, every receipt is completed, and the entries come in the messages' order, in the
     * batch's transaction.
     */
    @Test
    void aRepeatWithinABatchGetsTheFirstResultAndTheBatchWritesItsTimelineTogether() throws Exception {
        String phone = phone();
        InboundMessage first = sms(phone, "ikinci");
        InboundMessage repeat = new InboundMessage(first.channel(), first.entryPoint(), first.externalId(), first.sender(), null,
                first.text(), null, null, first.receivedAt(), null, null, null, first.raw());
        InboundMessage last = sms(phone, "üçüncü");
        List<CompletableFuture<Receipt>> sent = oneBatchBehind(sms(phone, "ilk"), List.of(first, repeat, last));
        Receipt taken = sent.get(1).get();
        Receipt repeated = sent.get(2).get();
        Receipt after = sent.get(3).get();

        assertThat(taken.duplicate()).isFalse();
        assertThat(repeated.duplicate()).isTrue();
        assertThat(repeated.messageId()).isEqualTo(taken.messageId());
        assertThat(repeated.conversationId()).isEqualTo(taken.conversationId());
        assertThat(repeated.customerId()).isEqualTo(taken.customerId());
        assertThat(jdbc.sql("select count(*) from messages where external_id = ?").param(first.externalId()).query(Integer.class)
                .single()).isEqualTo(1);
        assertThat(jdbc.sql("select message_id from inbound_receipts where external_id = any(?) order by message_id")
                .param(new String[] {first.externalId(), last.externalId()}).query(UUID.class).list())
                .containsExactlyInAnyOrder(taken.messageId(), after.messageId());
        List<Map<String, Object>> entries = jdbc.sql("""
                        select message_id, xmin::text as tx from timeline_entries where kind = 'message.received' and message_id = any(?)
                        order by id""")
                .param(new UUID[] {taken.messageId(), after.messageId()}).query().listOfRows();
        assertThat(entries).extracting(e -> e.get("message_id")).containsExactly(taken.messageId(), after.messageId());
        String batch = jdbc.sql("select xmin::text from messages where id = ?").param(taken.messageId()).query(String.class).single();
        assertThat(entries).extracting(e -> e.get("tx")).containsOnly(batch);
        String reference = jdbc.sql("select reference from conversations where id = ?").param(taken.conversationId())
                .query(String.class).single();
        assertThat(jdbc.sql("""
                        select detail_args[1] || '|' || detail_args[2] from timeline_entries where kind = 'message.received' and message_id = any(?)
                        order by id""")
                .param(new UUID[] {taken.messageId(), after.messageId()}).query(String.class).list())
                .as("each entry's own arguments: what was said, and the conversation it joined")
                .containsExactly("ikinci|" + reference, "üçüncü|" + reference);
    }

    /**
     * The batch stores its receipts in one statement before its first message: a message taken before the batch, and the same
     * message handed in twice within it, are still each answered with the first result, and every receipt is stored once.
     */
    @Test
    void receiptsStoredTogetherStillTellARepeatFromAFirstArrival() throws Exception {
        String phone = phone();
        InboundMessage earlier = sms(phone, "önceden");
        Receipt before = pipeline.receive(earlier);
        InboundMessage twice = sms(phone, "iki kez");
        InboundMessage fresh = sms(phone, "yeni");
        List<CompletableFuture<Receipt>> sent = oneBatchBehind(sms(phone, "ilk"), List.of(twice, earlier, twice, fresh));
        Receipt first = sent.get(1).get();
        Receipt again = sent.get(2).get();
        Receipt repeated = sent.get(3).get();
        Receipt last = sent.get(4).get();

        assertThat(first.duplicate()).isFalse();
        assertThat(again.duplicate()).as("taken before the batch").isTrue();
        assertThat(again.messageId()).isEqualTo(before.messageId());
        assertThat(repeated.duplicate()).as("the same message a second time in the batch").isTrue();
        assertThat(repeated.messageId()).isEqualTo(first.messageId());
        assertThat(last.duplicate()).isFalse();
        List<String> externalIds = List.of(earlier.externalId(), twice.externalId(), fresh.externalId());
        assertThat(jdbc.sql("select message_id from inbound_receipts where external_id = any(?)")
                .param(externalIds.toArray(String[]::new)).query(UUID.class).list())
                .containsExactlyInAnyOrder(before.messageId(), first.messageId(), last.messageId());
        assertThat(jdbc.sql("select count(*) from messages where external_id = any(?)").param(externalIds.toArray(String[]::new))
                .query(Integer.class).single()).isEqualTo(3);
        assertThat(jdbc.sql("select received_at from inbound_receipts where external_id = ?").param(fresh.externalId())
                .query(java.sql.Timestamp.class).single().toInstant()).isEqualTo(fresh.receivedAt());
    }

    /**
     * A transaction's first statement takes its identifier locks and stores its messages' receipts: while it waits for a
     * lock, it is the statement storing the receipts and has written nothing yet (no transaction id), so no receipt is
     * written ahead of the locks. Once the lock is free, both messages are stored, each once.
     */
    @Test
    void theStatementThatTakesTheLocksStoresTheReceiptsOnceItHoldsThem() throws Exception {
        String phone = phone();
        List<InboundMessage> batch = List.of(sms(phone, "kilit 1"), sms(phone, "kilit 2"));
        CompletableFuture<List<Receipt>> sent = new CompletableFuture<>();
        Map<String, Object> waiting;
        try (Connection holder = holdLockOf(phone)) {
            Thread.ofVirtual().start(() -> {
                try {
                    sent.complete(pipeline.together(batch));
                } catch (RuntimeException e) {
                    sent.completeExceptionally(e);
                }
            });
            await(() -> waitingForAdvisoryLock() > 0);
            waiting = jdbc.sql("select query, backend_xid::text as xid from pg_stat_activity where wait_event = 'advisory'")
                    .query().singleRow();
            holder.rollback();
        }

        assertThat((String) waiting.get("query")).contains("pg_advisory_xact_lock").contains("insert into inbound_receipts");
        assertThat(waiting.get("xid")).as("nothing written while it waits").isNull();
        List<Receipt> receipts = sent.get();
        assertThat(receipts).extracting(Receipt::duplicate).containsOnly(false);
        assertThat(jdbc.sql("select message_id from inbound_receipts where external_id = any(?)")
                .param(batch.stream().map(InboundMessage::externalId).toArray(String[]::new)).query(UUID.class).list())
                .containsExactlyInAnyOrderElementsOf(receipts.stream().map(Receipt::messageId).toList());
    }

    /**
     * A new sender's profile is written with its identifiers by the statement that takes the transaction's locks and
     * stores its receipt, the transaction's first (command id 0), and the conversation its message opens with that message
     * by another: rows written by one statement share its command id ({@code cmin}).
     */
    @Test
    void aNewSendersProfileIsWrittenWithTheReceiptAndTheConversationWithItsMessageByAnotherStatement() {
        String phone = phone();
        String email = "yeni-" + UUID.randomUUID() + "@example.com";
        InboundMessage message = new InboundMessage(ChannelType.SMS, SMS_ENTRY, "batch-" + UUID.randomUUID(),
                new InboundMessage.Sender("Aysel", List.of(Identifier.phone(phone), Identifier.email(email)), phone), null, "salam",
                null, null, Instant.now(), null, null, null, new InboundMessage.RawPayload("text/plain", "salam".getBytes(StandardCharsets.UTF_8)));

        Receipt receipt = pipeline.alone(message);

        String profile = jdbc.sql("select cmin::text from customers where id = ?").param(receipt.customerId()).query(String.class).single();
        assertThat(jdbc.sql("select type || '|' || cmin::text from identities where customer_id = ?").param(receipt.customerId())
                .query(String.class).list()).containsExactlyInAnyOrder("phone|" + profile, "email|" + profile);
        String opened = jdbc.sql("select cmin::text from conversations where id = ?").param(receipt.conversationId())
                .query(String.class).single();
        assertThat(jdbc.sql("select cmin::text from messages where id = ? and conversation_id = ?")
                .params(receipt.messageId(), receipt.conversationId()).query(String.class).single()).isEqualTo(opened);
        assertThat(opened).as("two statements, not one").isNotEqualTo(profile);
        assertThat(profile).as("written by the transaction's first statement, which stores the receipt (updated since)").isEqualTo("0");
    }

    /**
     * The lock statement creates the customer of a sender nobody knows only for a message whose receipt it stores: a
     * repeat (its receipt stored already) creates no one.
     */
    @Test
    void aRepeatFromSomeoneNobodyKnowsLeavesNoCustomerBehind() {
        String phone = phone();
        InboundMessage message = sms(phone, "tekrar");
        jdbc.sql("insert into inbound_receipts (id, channel, external_id, payload, received_at) values (?, 'sms', ?, ''::bytea, now())")
                .params(UUID.randomUUID(), message.externalId()).update();
        List<UUID> bare = withoutIdentifiers();

        Receipt receipt = pipeline.together(List.of(message)).getFirst();

        assertThat(receipt.duplicate()).isTrue();
        assertThat(jdbc.sql("select count(*) from identities where value = ?").param(phone).query(Integer.class).single()).isZero();
        assertThat(withoutIdentifiers()).as("no customer without identifiers").isEqualTo(bare);
    }

    /**
     * The lock statement reads who holds its newcomers' identifiers before it waits for their locks. Another transaction
     * that holds one's lock gives it to a customer and commits while the statement waits: the customer the statement
     * creates for it gets no identifier (the insert sees the committed one), is removed again, and the message goes to the
     * customer who holds the identifier now, as it would have without the statement's creation.
     */
    @Test
    void aNewcomerSomeoneElseRegistersWhileTheStatementWaitsGoesToTheirCustomer() throws Exception {
        String phone = phone();
        UUID theirs = UUID.randomUUID();
        List<UUID> bare = withoutIdentifiers();
        CompletableFuture<List<Receipt>> sent = new CompletableFuture<>();
        try (Connection holder = holdLockOf(phone)) {
            Thread.ofVirtual().start(() -> {
                try {
                    sent.complete(pipeline.together(List.of(sms(phone, "eyni anda"))));
                } catch (RuntimeException e) {
                    sent.completeExceptionally(e);
                }
            });
            await(() -> waitingForAdvisoryLock() > 0);
            try (PreparedStatement customer = holder.prepareStatement(
                    "insert into customers (id, display_name, created_at, updated_at) values (?, 'Başqası', now(), now())");
                 PreparedStatement identity = holder.prepareStatement(
                         "insert into identities (id, customer_id, type, value, original, created_at) values (?, ?, 'phone', ?, ?, now())")) {
                customer.setObject(1, theirs);
                customer.executeUpdate();
                identity.setObject(1, UUID.randomUUID());
                identity.setObject(2, theirs);
                identity.setString(3, phone);
                identity.setString(4, phone);
                identity.executeUpdate();
            }
            holder.commit();
        }

        Receipt receipt = sent.get().getFirst();
        assertThat(receipt.customerId()).isEqualTo(theirs);
        assertThat(withoutIdentifiers()).as("the customer created for nothing is gone").isEqualTo(bare);
    }

    /**
     * A batch's closing writes go together before it commits: the acknowledgements' messages, their sends and the batch's
     * timeline entries by one statement. The rate limit on acknowledgements to one address still counts the ones the batch holds:
     * seven new e-mails from one address in one batch get five acknowledgements (the default limit), not seven.
     */
    @Test
    void aBatchsAcknowledgementsAreWrittenTogetherAndStillCountTowardsTheRateLimit() {
        String address = "toplu-" + UUID.randomUUID() + "@example.com";
        List<InboundMessage> batch = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            String text = "Konu " + i + ": kartım çalışmıyor";
            batch.add(new InboundMessage(ChannelType.EMAIL, "bilgi@ornek.com.tr", "<" + UUID.randomUUID() + "@example.com>",
                    new InboundMessage.Sender(null, List.of(Identifier.email(address)), address), "Konu " + i, text, null, null,
                    Instant.now(), null, null, null, new InboundMessage.RawPayload("text/plain", text.getBytes(StandardCharsets.UTF_8))));
        }

        List<Receipt> receipts = pipeline.together(batch);

        UUID[] conversations = receipts.stream().map(Receipt::conversationId).distinct().toArray(UUID[]::new);
        assertThat(conversations).as("each subject opens a conversation of its own").hasSize(7);
        List<Map<String, Object>> acks = jdbc.sql("""
                        select id, xmin::text as tx, cmin::text as cmd from messages where conversation_id = any(?) and kind = 'ack'""")
                .param(conversations).query().listOfRows();
        assertThat(acks).as("five acknowledgements, the rate limit").hasSize(5);
        assertThat(acks).extracting(a -> a.get("cmd")).as("written by one statement").containsOnly(acks.getFirst().get("cmd"));
        String batchTransaction = jdbc.sql("select xmin::text from messages where id = ?").param(receipts.getFirst().messageId())
                .query(String.class).single();
        assertThat(acks).extracting(a -> a.get("tx")).containsOnly(batchTransaction);
        List<String> sends = jdbc.sql("select cmin::text from outbox where message_id = any(?)")
                .param(acks.stream().map(a -> (UUID) a.get("id")).toArray(UUID[]::new)).query(String.class).list();
        assertThat(sends).as("the five sends, written by the statement that wrote their messages").hasSize(5)
                .containsOnly((String) acks.getFirst().get("cmd"));
        assertThat(jdbc.sql("select cmin::text from timeline_entries where conversation_id = any(?)").param(conversations)
                .query(String.class).list()).as("and the timeline entries").isNotEmpty().containsOnly((String) acks.getFirst().get("cmd"));
        assertThat(jdbc.sql("select count(*) from conversations where id = any(?) and last_ack_at is null").param(conversations)
                .query(Integer.class).single()).as("two conversations not acknowledged").isEqualTo(2);
    }

    /**
     * A new sender's first message is acknowledged without counting the acknowledgements sent to its address, which no one
     * held until then; an answer address the new customer does not hold (another Reply-To) is counted as before: seven new
     * senders asking for answers at one address get five acknowledgements.
     */
    @Test
    void anAnswerAddressTheNewCustomerDoesNotHoldIsStillCountedTowardsTheRateLimit() {
        String answerTo = "ortak-" + UUID.randomUUID() + "@example.com";
        List<InboundMessage> batch = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            String from = "gonderen-" + i + "-" + UUID.randomUUID() + "@example.com";
            String text = "Soru " + i;
            batch.add(new InboundMessage(ChannelType.EMAIL, "bilgi@ornek.com.tr", "<" + UUID.randomUUID() + "@example.com>",
                    new InboundMessage.Sender(null, List.of(Identifier.email(from)), answerTo), "Soru " + i, text, null, null,
                    Instant.now(), null, null, null, new InboundMessage.RawPayload("text/plain", text.getBytes(StandardCharsets.UTF_8))));
        }

        List<Receipt> receipts = pipeline.together(batch);

        assertThat(receipts.stream().map(Receipt::customerId).distinct()).as("seven new customers").hasSize(7);
        assertThat(jdbc.sql("select count(*) from outbox where recipient = ? and headers ->> 'X-Temas-Kind' = 'ack'").param(answerTo)
                .query(Integer.class).single()).as("the rate limit").isEqualTo(5);
    }

    @Test
    void aMessageThatCannotBeStoredIsQuarantinedAloneAndTheRestOfItsBatchIsTaken() throws Exception {
        String phone = phone();
        List<InboundMessage> messages = new ArrayList<>();
        messages.add(sms(phone, "ilk"));
        for (int i = 1; i <= 5; i++) {
            // PostgreSQL refuses a NUL in text: the third of the waiting five fails inside the batch.
            messages.add(sms(phone, i == 3 ? "bozuk\u0000mesaj" : "mesaj " + i));
        }
        List<CompletableFuture<Receipt>> sent = oneBatchBehind(messages.getFirst(), messages.subList(1, messages.size()));

        for (int i = 0; i < sent.size(); i++) {
            if (i == 3) {
                CompletableFuture<Receipt> bad = sent.get(i);
                assertThatThrownBy(bad::get).isInstanceOf(ExecutionException.class).cause().isInstanceOf(InboundRejected.class)
                        .satisfies(e -> assertThat(((InboundRejected) e).badInput()).isTrue());
            } else {
                assertThat(sent.get(i).get().duplicate()).isFalse();
            }
        }
        String badId = messages.get(3).externalId();
        assertThat(jdbc.sql("select count(*) from quarantine where external_id = ?").param(badId).query(Integer.class).single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from inbound_receipts where external_id = ?").param(badId).query(Integer.class).single())
                .as("nothing of the bad message was kept but its quarantine entry").isZero();
        List<String> taken = messages.stream().map(InboundMessage::externalId).filter(id -> !id.equals(badId)).toList();
        assertThat(jdbc.sql("select count(*) from messages where external_id = any(?)").param(taken.toArray(String[]::new))
                .query(Integer.class).single()).isEqualTo(5);
        assertThat(jdbc.sql("select count(*) from quarantine where external_id = any(?)").param(taken.toArray(String[]::new))
                .query(Integer.class).single()).isZero();
    }

    @Test
    void aNodeWithTooManyMessagesWaitingAsksTheSenderToComeBackInsteadOfQueueingForever() throws Exception {
        String phone = phone();
        List<CompletableFuture<Receipt>> sent = new ArrayList<>();
        java.net.http.HttpResponse<String> refused;
        try (Connection holder = holdLockOf(phone)) {
            sent.add(sendAsync(sms(phone, "ilk")));
            await(() -> waitingForAdvisoryLock() > 0);
            while (pipeline.queued() < MAX_WAITING) {
                int queuedBefore = pipeline.queued();
                sent.add(sendAsync(sms(phone, "bekleyen " + queuedBefore)));
                await(() -> pipeline.queued() > queuedBefore);
            }
            refused = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://localhost:" + port + "/api/v1/inbound"))
                    .header("Authorization", "Bearer " + TemasIntegrationTest.ADMIN_TOKEN).header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("""
                            {"channel":"sms","entryPoint":"%s","externalId":"busy-%s","from":{"phone":"%s"},"text":"bir tane daha"}"""
                            .formatted(SMS_ENTRY, UUID.randomUUID(), phone()))).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            holder.rollback();
        }
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.body()).contains("busy");
        for (CompletableFuture<Receipt> receipt : sent) {
            assertThat(receipt.get().duplicate()).isFalse();
        }
    }

    @Test
    void theStatementsOfABatchAndOfAMessageRunAloneRunOnGenericPlans() throws Exception {
        // What the pipeline's own transaction sees, from a listener that runs inside it.
        List<String> seen = PlanModes.seenAt(context, jdbc, MessageReceived.class, () -> {
            pipeline.receive(sms(phone(), "partiyle"));
            pipeline.alone(sms(phone(), "tek başına"));
            pipeline.together(List.of(sms(phone(), "birlikte"), sms(phone(), "beraber")));
        });

        assertThat(seen).containsExactly("force_generic_plan", "force_generic_plan", "force_generic_plan", "force_generic_plan");
        assertThat(jdbc.sql("select current_setting('plan_cache_mode')").query(String.class).single())
                .as("outside the pipeline, PostgreSQL decides").isEqualTo("auto");
    }

    /**
     * Sends {@code first}, holds its lane on the lock its sender needs, and sends the others while it waits, one after the
     * other: they queue behind it in order and, once the lock goes, are committed as one batch.
     */
    private List<CompletableFuture<Receipt>> oneBatchBehind(InboundMessage first, List<InboundMessage> waiting) throws Exception {
        List<CompletableFuture<Receipt>> sent = new ArrayList<>();
        try (Connection holder = holdLockOf(first.sender().identifiers().getFirst().value())) {
            sent.add(sendAsync(first));
            await(() -> waitingForAdvisoryLock() > 0);
            for (InboundMessage message : waiting) {
                int queuedBefore = pipeline.queued();
                sent.add(sendAsync(message));
                await(() -> pipeline.queued() > queuedBefore);
            }
            holder.rollback();
        }
        return sent;
    }

    /** Holds the transaction-scoped advisory lock identity resolution takes for this phone number, in a transaction of its own. */
    private Connection holdLockOf(String phone) throws Exception {
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(hashtext(?))")) {
            lock.setString(1, "phone:" + phone);
            lock.executeQuery().close();
        }
        return connection;
    }

    /** The customers holding no identifier, merged and erased ones aside. */
    private List<UUID> withoutIdentifiers() {
        return jdbc.sql("select c.id from customers c where not exists (select from identities i where i.customer_id = c.id)"
                + " and c.merged_into is null and c.erased_at is null order by c.id").query(UUID.class).list();
    }

    private int waitingForAdvisoryLock() {
        return jdbc.sql("select count(*) from pg_locks where locktype = 'advisory' and not granted").query(Integer.class).single();
    }

    private CompletableFuture<Receipt> sendAsync(InboundMessage message) {
        CompletableFuture<Receipt> answer = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                answer.complete(pipeline.receive(message));
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        return answer;
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 30 s for the lane").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static String phone() {
        return "+90532" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
    }

    private static InboundMessage sms(String phone, String text) {
        return new InboundMessage(ChannelType.SMS, SMS_ENTRY, "batch-" + UUID.randomUUID(),
                new InboundMessage.Sender(null, List.of(Identifier.phone(phone)), phone), null, text, null, null,
                Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS),
                null, null, null, new InboundMessage.RawPayload("text/plain", text.getBytes(StandardCharsets.UTF_8)));
    }
}
