package io.temas.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.temas.channels.OutboundMessage;
import io.temas.channels.Outbox;
import io.temas.channels.OutboxDispatcher;
import io.temas.channels.RecordingTransport;
import io.temas.customers.IdentityResolver;
import io.temas.shared.ChannelType;
import io.temas.shared.Identifier;
import io.temas.shared.Language;
import io.temas.support.Api;
import io.temas.support.HoldingGuard;
import io.temas.support.Holds;
import io.temas.support.Consenting;
import io.temas.support.TemasIntegrationTest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The two races ARCHITECTURE.md says are decided, run for real: a dialer's {@code next} against
 * a response committing at the same moment, and the outbox dispatcher holding a campaign message
 * it has claimed but not yet sent when the customer answers. And the suppression promise when the
 * pipeline is behind: an answer takes its sender off the call list as it arrives, not when its lane
 * reaches it.
 */
@TemasIntegrationTest
class SuppressionRacesIntegrationTests {

    private static final int ROUNDS = 40;
    private static final AtomicLong PHONES = new AtomicLong(1_000_000);

    @LocalServerPort
    int port;

    @Autowired
    io.temas.campaigns.Consents consents;

    @Autowired
    IdentityResolver identities;

    @Autowired
    CallLists callLists;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Outbox outbox;

    @Autowired
    OutboxDispatcher dispatcher;

    @Autowired
    RecordingTransport recording;

    @Autowired
    HoldingGuard holding;

    @Autowired
    Clock clock;

    @Autowired
    TransactionTemplate transactions;

    Api api;
    ExecutorService executor;

    private record Customer(UUID id, String phone) {
    }

    private record Entry(String status, String reason) {
    }

    @BeforeEach
    void setUp() {
        api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        executor = Executors.newVirtualThreadPerTaskExecutor();
        // Neither the hour the tests run at nor earlier calls may refuse a contact here.
        for (String channel : List.of("sms", "voice")) {
            assertThat(api.put("/api/v1/contact-rules/" + channel, "{\"quietFrom\":null,\"quietTo\":null,\"cap\":null}").status()).isEqualTo(200);
        }
    }

    @AfterEach
    void stop() {
        executor.close();
    }

    @Test
    void aDialerAndAResponseAtTheSameMomentNeverBothWin() throws Exception {
        String keyword = "Y" + shortId();
        UUID campaign = campaign(keyword);
        for (int round = 0; round < ROUNDS; round++) {
            Customer customer = customer("Yarışan " + round);
            UUID list = callLists.create(campaign, "yarış " + round, List.of(customer.id()));
            CyclicBarrier together = new CyclicBarrier(2);
            Future<Api.Response> dialed = executor.submit(() -> {
                together.await();
                return api.post("/api/v1/call-lists/" + list + "/next", "");
            });
            Future<Api.Response> answered = executor.submit(() -> {
                together.await();
                return sms(customer.phone(), keyword + " EVET");
            });
            Api.Response next = dialed.get();
            Api.Response response = answered.get();

            assertThat(response.status()).as(response.body()).isEqualTo(201);
            Entry entry = entry(list);
            if (next.status() == 200) {
                // Handed out before the response committed: its suppression then found nothing pending.
                assertThat(next.text("/customerId")).isEqualTo(customer.id().toString());
                assertThat(entry).as("round %d", round).isEqualTo(new Entry("handed-out", null));
            } else {
                // Taken off by the response: the dialer skipped the entry it had locked, or found it gone.
                assertThat(next.status()).as(next.body()).isEqualTo(204);
                assertThat(entry).as("round %d", round).isEqualTo(new Entry("removed", "responded accepted by sms"));
            }
            assertThat(api.post("/api/v1/call-lists/" + list + "/next", "").status()).as("round %d", round).isEqualTo(204);
        }
    }

    @Test
    void aCampaignMessageClaimedButNotYetSentWhenTheCustomerAnswersIsDroppedAndNeverSent() throws Exception {
        String keyword = "G" + shortId();
        UUID campaign = campaign(keyword);
        Customer customer = customer("Cevap Veren");
        dispatcher.dispatch();
        // An SMS due first, in the same lane, that keeps the dispatcher waiting inside its batch.
        String ahead = "+90555" + (7_000_000 + Math.floorMod(UUID.randomUUID().hashCode(), 1_000_000));
        Holds.Held slow = holding.hold(ahead);
        UUID aheadId = outbox.enqueue(new OutboundMessage(ChannelType.SMS, "+908502220000", ahead, null, "Önce bu",
                Map.of(), null, null), clock.instant().minusSeconds(60));
        UUID offer = confirmedSms(campaign, customer, "Teklif " + keyword + ": EVET yazın");

        CompletableFuture<Integer> dispatching = CompletableFuture.supplyAsync(dispatcher::dispatch, executor);
        try {
            slow.reached().get(1, TimeUnit.MINUTES);
            // The dispatcher holds both messages now. The answer must not wait for its batch.
            Api.Response answer = CompletableFuture.supplyAsync(() -> sms(customer.phone(), keyword + " HAYIR"), executor)
                    .get(1, TimeUnit.MINUTES);
            assertThat(answer.status()).as(answer.body()).isEqualTo(201);
            assertThat(outbox.find(offer).orElseThrow().status()).as("claimed, so not withdrawn").isEqualTo("pending");
        } finally {
            slow.release().complete(null);
        }
        dispatching.get(1, TimeUnit.MINUTES);

        assertThat(outbox.find(aheadId).orElseThrow().status()).as("not sent for want of an SMS provider, but tried").isEqualTo("dropped");
        Outbox.Entry stopped = outbox.find(offer).orElseThrow();
        assertThat(stopped.status()).isEqualTo("dropped");
        assertThat(stopped.lastError()).startsWith("campaign-answered");
        assertThat(recording.recorded()).noneMatch(m -> m.recipient().equals(customer.phone()) && m.body().startsWith("Teklif " + keyword));
    }

    @Test
    void anAnswerTakesItsSenderOffTheCallListAsItArrivesNotWhenItsLaneReachesIt() throws Exception {
        String keyword = "A" + shortId();
        UUID campaign = campaign(keyword);
        Customer customer = customer("Erken Cevap");
        UUID list = callLists.create(campaign, "erken", List.of(customer.id()));
        // The sender's identifier lock held elsewhere: the message's lane cannot process it until it is released.
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> holder = executor.submit(() -> transactions.executeWithoutResult(tx -> {
            jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param("phone:" + customer.phone()).query((rs, n) -> 1).list();
            held.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        try {
            assertThat(held.await(1, TimeUnit.MINUTES)).isTrue();
            Future<Api.Response> answer = executor.submit(() -> sms(customer.phone(), keyword + " EVET"));

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(entry(list)).isEqualTo(new Entry("removed", "responded accepted by sms")));
            assertThat(answer.isDone()).as("the message itself still waits for its lane").isFalse();

            release.countDown();
            Api.Response taken = answer.get(1, TimeUnit.MINUTES);
            assertThat(taken.status()).as(taken.body()).isEqualTo(201);
            assertThat(jdbc.sql("select summary from timeline_entries where customer_id = ? and kind = 'campaign.responded'")
                    .param(customer.id()).query(String.class).single())
                    .as("the response reports what its arrival removed").contains("removed from 1 call list(s)");
        } finally {
            release.countDown();
            holder.get(1, TimeUnit.MINUTES);
        }
    }

    /**
     * An answer takes its sender off the call list and withdraws the campaign's message still queued for them; the
     * suppression's row and the entry's removal are written by one statement, which also finds the queued message.
     */
    @Test
    void anAnswerWithdrawsTheCampaignsQueuedMessageAndTakesItsSenderOffTheCallListInOneStatement() {
        String keyword = "W" + shortId();
        UUID campaign = campaign(keyword);
        Customer customer = customer("Bekleyen Mesaj");
        UUID list = callLists.create(campaign, "bekleyen", List.of(customer.id()));
        UUID offer = confirmedSms(campaign, customer, "Teklif " + keyword + ": EVET yazın");

        Api.Response answer = sms(customer.phone(), keyword + " EVET");

        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        assertThat(entry(list)).isEqualTo(new Entry("removed", "responded accepted by sms"));
        Outbox.Entry withdrawn = outbox.find(offer).orElseThrow();
        assertThat(withdrawn.status()).isEqualTo("dropped");
        assertThat(withdrawn.lastError()).isEqualTo("responded accepted by sms");
        assertThat(jdbc.sql("select status from campaign_contacts where outbox_id = ?").param(offer).query(String.class).single())
                .isEqualTo("dropped");
        assertThat(jdbc.sql("select summary from timeline_entries where customer_id = ? and kind = 'campaign.responded'")
                .param(customer.id()).query(String.class).single())
                .contains("removed from 1 call list(s), 1 queued message(s) withdrawn");
        String suppressed = jdbc.sql("""
                        select xmin::text || '/' || cmin::text from campaign_suppressions where campaign_id = ? and customer_id = ?""")
                .params(campaign, customer.id()).query(String.class).single();
        assertThat(jdbc.sql("select xmin::text || '/' || cmin::text from call_list_entries where call_list_id = ?").param(list)
                .query(String.class).single()).as("written by the statement that wrote the suppression").isEqualTo(suppressed);
    }

    /** The answer of somebody unknown until it arrives is recorded and suppressed in the pipeline, by one statement. */
    @Test
    void anAnswerFromANewNumberIsRecordedAndSuppressedByOneStatement() {
        String keyword = "N" + shortId();
        UUID campaign = campaign(keyword);
        String phone = "+90539" + PHONES.incrementAndGet();

        Api.Response answer = sms(phone, keyword + " HAYIR");

        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        UUID customer = UUID.fromString(answer.text("/customerId"));
        String suppressed = jdbc.sql("""
                        select xmin::text || '/' || cmin::text from campaign_suppressions where campaign_id = ? and customer_id = ?""")
                .params(campaign, customer).query(String.class).single();
        assertThat(jdbc.sql("select kind || ' ' || xmin::text || '/' || cmin::text from campaign_responses where campaign_id = ? and customer_id = ?")
                .params(campaign, customer).query(String.class).single()).isEqualTo("declined " + suppressed);
    }

    private Customer customer(String name) {
        String phone = "+90538" + PHONES.incrementAndGet();
        io.temas.customers.CustomerId id = Consenting.everywhere(consents, identities.resolve(List.of(Identifier.phone(phone)), name, Language.TR).customerId());
        return new Customer(id.value(), phone);
    }

    private UUID campaign(String keyword) {
        Api.Response created = api.post("/api/v1/campaigns", """
                {"name":"Yarış %s","code":"%s","offer":"Yarış teklifi","channels":["sms","voice"],
                 "startsAt":"2026-01-01T00:00:00Z","endsAt":"2099-01-01T00:00:00Z","entryPoints":[],"smsKeyword":"%s"}"""
                .formatted(keyword, keyword, keyword));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return UUID.fromString(created.text("/id"));
    }

    /** Plans and confirms an SMS send to one customer; answers its outbox id. */
    private UUID confirmedSms(UUID campaign, Customer to, String text) {
        Api.Response plan = api.post("/api/v1/campaigns/" + campaign + "/sends",
                "{\"channel\":\"sms\",\"text\":" + Api.quote(text) + ",\"audience\":{\"customerIds\":[\"" + to.id() + "\"]}}");
        assertThat(plan.status()).as(plan.body()).isEqualTo(201);
        assertThat(plan.json().at("/allowed").asInt()).isEqualTo(1);
        Api.Response confirmed = api.post("/api/v1/campaigns/" + campaign + "/sends/" + plan.text("/sendId") + "/confirm", "{}");
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        return jdbc.sql("select outbox_id from campaign_contacts where send_id = ?").param(UUID.fromString(plan.text("/sendId")))
                .query(UUID.class).single();
    }

    private Entry entry(UUID callList) {
        return jdbc.sql("select status, reason from call_list_entries where call_list_id = ?").param(callList)
                .query((rs, n) -> new Entry(rs.getString(1), rs.getString(2))).single();
    }

    private Api.Response sms(String from, String text) {
        return api.post("/api/v1/inbound", """
                {"channel":"sms","entryPoint":"+908502220000","externalId":"%s","from":{"phone":"%s"},"text":%s}"""
                .formatted(UUID.randomUUID(), from, Api.quote(text)));
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }
}
