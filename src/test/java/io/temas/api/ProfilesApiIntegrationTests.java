package io.temas.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.temas.customers.CustomerId;
import io.temas.customers.CustomerTimeline;
import io.temas.customers.IdentityResolver;
import io.temas.customers.LifecycleStage;
import io.temas.customers.LifecycleStageChanged;
import io.temas.customers.PersonalData;
import io.temas.customers.Profiles;
import io.temas.customers.TimelineEntry;
import io.temas.shared.Identifier;
import io.temas.support.Api;
import io.temas.support.TemasIntegrationTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import tools.jackson.databind.JsonNode;

/**
 * The profile API: demographics and preferences checked field by field (problem details naming the field, nothing
 * stored), VIP and segments only with the admin scope, stage moves kept and told, the touchpoint summary (merged ids
 * follow the survivor, unknown ids are a 404) and the funnel figures.
 */
@TemasIntegrationTest
@RecordApplicationEvents
class ProfilesApiIntegrationTests {

    /** The seeded alert rule "at risk and VIP". */
    private static final String AT_RISK_VIP = "6c0d7a52-38a1-4c0e-9a20-000000000003";

    @LocalServerPort
    int port;

    @Autowired
    IdentityResolver identities;

    @Autowired
    Profiles profiles;

    @Autowired
    CustomerTimeline timeline;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEvents events;

    @Autowired
    List<PersonalData> parts;

    @Test
    void patchChangesOnlyTheNamedFieldsAndGetShowsThem() {
        Api api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        UUID id = customer("patch");
        Api.Response patched = api.patch("/api/v1/customers/" + id + "/profile", """
                {"city":"İzmir","occupation":"Öğretmen","birthDate":"1984-02-29","gender":"female","preferredChannel":"sms",
                 "language":"az","vip":true,"segments":["Gold","kurumsal","gold"]}""");
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.text("/city")).isEqualTo("İzmir");
        assertThat(patched.json().at("/segments").toString()).isEqualTo("[\"gold\",\"kurumsal\"]");

        Api.Response again = api.patch("/api/v1/customers/" + id + "/profile", "{\"occupation\":null}");
        assertThat(again.status()).isEqualTo(200);
        JsonNode profile = api.get("/api/v1/customers/" + id + "/profile").json();
        assertThat(profile.at("/city").asString()).isEqualTo("İzmir");
        assertThat(profile.at("/occupation").isNull()).isTrue();
        assertThat(profile.at("/birthDate").asString()).isEqualTo("1984-02-29");
        assertThat(profile.at("/gender").asString()).isEqualTo("female");
        assertThat(profile.at("/preferredChannel").asString()).isEqualTo("sms");
        assertThat(profile.at("/language").asString()).isEqualTo("az");
        assertThat(profile.at("/vip").asBoolean()).isTrue();
        assertThat(timeline.recent(new CustomerId(id), 10)).extracting(TimelineEntry::kind).contains("customer.profile");
    }

    @Test
    void badValuesAreRefusedNamingTheFieldAndNothingChanges() {
        Api api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        UUID id = customer("bad");
        String path = "/api/v1/customers/" + id + "/profile";
        assertThat(api.patch(path, "{\"city\":\"Bursa\"}").status()).isEqualTo(200);

        refused(api.patch(path, "{\"city\":\"Bur\\u0000sa\"}"), "city");
        refused(api.patch(path, "{\"city\":\"" + "x".repeat(101) + "\"}"), "city");
        refused(api.patch(path, "{\"occupation\":\"" + "y".repeat(100_000) + "\"}"), "occupation");
        refused(api.patch(path, "{\"birthDate\":\"" + LocalDate.now().plusDays(5) + "\"}"), "birthDate");
        refused(api.patch(path, "{\"birthDate\":\"1850-01-01\"}"), "birthDate");
        refused(api.patch(path, "{\"birthDate\":\"29.02.1984\"}"), "birthDate");
        refused(api.patch(path, "{\"gender\":\"robot\"}"), "gender");
        refused(api.patch(path, "{\"preferredChannel\":\"fax\"}"), "preferredChannel");
        refused(api.patch(path, "{\"language\":\"fr\"}"), "language");
        refused(api.patch(path, "{\"vip\":\"yes\"}"), "vip");
        refused(api.patch(path, "{\"vip\":null}"), "vip");
        refused(api.patch(path, "{\"segments\":[1,2]}"), "segments");
        refused(api.patch(path, "{\"segments\":[\"a b\"]}"), "segments");
        refused(api.patch(path, "{\"segments\":\"gold\"}".replace("\"gold\"", "{\"a\":1}")), "segments");
        refused(api.patch(path, "{\"city\":42}"), "city");
        refused(api.patch(path, "{\"shoeSize\":44}"), "shoeSize");
        // One bad field refuses the whole change.
        refused(api.patch(path, "{\"city\":\"Ankara\",\"gender\":\"robot\"}"), "gender");
        assertThat(api.patch(path, "[1,2]").status()).isEqualTo(400);
        assertThat(api.patch(path, "{not json").status()).isEqualTo(400);

        assertThat(api.get(path).text("/city")).isEqualTo("Bursa");
        Api.Response unknown = api.patch("/api/v1/customers/" + UUID.randomUUID() + "/profile", "{\"city\":\"Bursa\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).contains("problem+json");
        assertThat(api.get("/api/v1/customers/not-an-id/profile").status()).isEqualTo(400);
    }

    @Test
    void vipAndSegmentsNeedTheAdminScopeOtherFieldsTheWriteScope() {
        Api admin = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        String writer = admin.post("/api/v1/tokens", "{\"name\":\"profile-writer-" + UUID.randomUUID() + "\",\"scopes\":[\"WRITE\",\"READ\"]}")
                .text("/value");
        String reader = admin.post("/api/v1/tokens", "{\"name\":\"profile-reader-" + UUID.randomUUID() + "\",\"scopes\":[\"READ\"]}")
                .text("/value");
        UUID id = customer("scope");
        String path = "/api/v1/customers/" + id + "/profile";

        Api.Response vip = admin.withToken(writer).patch(path, "{\"vip\":true,\"city\":\"Van\"}");
        assertThat(vip.status()).as(vip.body()).isEqualTo(403);
        assertThat(vip.contentType()).contains("problem+json");
        assertThat(admin.withToken(writer).patch(path, "{\"city\":\"Van\"}").status()).isEqualTo(200);
        assertThat(admin.withToken(reader).patch(path, "{\"city\":\"Muş\"}").status()).isEqualTo(403);
        JsonNode profile = admin.withToken(reader).get(path).json();
        assertThat(profile.at("/vip").asBoolean()).isFalse();
        assertThat(profile.at("/city").asString()).isEqualTo("Van");
    }

    @Test
    void aStageMoveIsKeptPublishedAndToldOnTheTimeline() {
        Api api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        UUID id = customer("stage");
        Api.Response first = api.post("/api/v1/customers/" + id + "/lifecycle", "{\"stage\":\"lead\"}");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().at("/from").isNull()).isTrue();
        Api.Response second = api.post("/api/v1/customers/" + id + "/lifecycle", "{\"stage\":\"prospect\",\"reason\":\"asked for an offer\"}");
        assertThat(second.json().at("/changed").asBoolean()).isTrue();
        assertThat(api.post("/api/v1/customers/" + id + "/lifecycle", "{\"stage\":\"prospect\"}").json().at("/changed").asBoolean()).isFalse();
        refused(api.post("/api/v1/customers/" + id + "/lifecycle", "{\"stage\":\"golden\"}"), "stage");
        refused(api.post("/api/v1/customers/" + id + "/lifecycle", "{\"stage\":\"lost\",\"reason\":\"a\\u0000b\"}"), "reason");
        refused(api.post("/api/v1/customers/" + id + "/lifecycle", "{\"stage\":\"lost\",\"reason\":\"" + "r".repeat(501) + "\"}"), "reason");

        JsonNode profile = api.get("/api/v1/customers/" + id + "/profile").json();
        assertThat(profile.at("/lifecycleStage").asString()).isEqualTo("prospect");
        assertThat(profile.at("/lifecycleHistory").size()).isEqualTo(2);
        assertThat(profile.at("/lifecycleHistory/0/from").asString()).isEqualTo("lead");
        assertThat(profile.at("/lifecycleHistory/0/to").asString()).isEqualTo("prospect");
        assertThat(profile.at("/lifecycleHistory/0/reason").asString()).isEqualTo("asked for an offer");
        assertThat(profile.at("/lifecycleHistory/0/actor").asString()).isNotBlank();
        List<TimelineEntry> entries = timeline.recent(new CustomerId(id), 10).stream().filter(e -> e.kind().equals("customer.stage")).toList();
        assertThat(entries).hasSize(2);
        assertThat(entries.getFirst().detail().key()).isEqualTo("timeline.customer.stage.detail");
        assertThat(entries.getFirst().detail().args()).startsWith("#profile.stage.lead", "#profile.stage.prospect");

        profiles.changeStage(new CustomerId(id), LifecycleStage.AT_RISK, "no orders for 90 days", "test");
        assertThat(events.stream(LifecycleStageChanged.class).filter(e -> e.customerId().equals(id)))
                .singleElement().satisfies(e -> {
                    assertThat(e.from()).isEqualTo("prospect");
                    assertThat(e.to()).isEqualTo("at_risk");
                    assertThat(e.actor()).isEqualTo("test");
                });
    }

    @Test
    void theSummaryHoldsWhatATouchpointNeedsAndFollowsAMerge() {
        Api api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        String u = UUID.randomUUID().toString().substring(0, 8);
        JsonNode inbound = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"bilgi@ornek.com.tr","externalId":"<sum-%1$s@example.com>",
                 "from":{"email":"sum-%1$s@example.com","name":"Özet %1$s"},"subject":"Kart","text":"Kartım bloke oldu."}""".formatted(u)).json();
        UUID id = UUID.fromString(inbound.at("/customerId").asString());
        api.patch("/api/v1/customers/" + id + "/profile", "{\"vip\":true,\"segments\":[\"gold\"],\"preferredChannel\":\"voice\",\"language\":\"tr\"}");
        // A VIP at risk: the seeded alert rule "at risk and VIP" raises its alert, and the seeded score rules compute the scores,
        // both in the background after the change commits.
        api.post("/api/v1/customers/" + id + "/lifecycle", "{\"stage\":\"at_risk\"}");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        for (int i = 0; i < 7; i++) {
            jdbc.sql("""
                            insert into customer_events (id, customer_id, type, occurred_at, source_id, attributes, received_at)
                            values (?, ?, ?, ?, ?, ?::jsonb, ?)""")
                    .params(UUID.randomUUID(), id, i == 6 ? "atm.refused" : "branch.visit", Timestamp.from(now.minus(7 - i, ChronoUnit.HOURS)),
                            "sum-" + u + "-" + i, "{\"branch\":\"Kadıköy\",\"n\":" + i + "}", Timestamp.from(now)).update();
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode alerts = api.get("/api/v1/customers/" + id + "/summary").json().at("/alerts");
            assertThat(alerts.findValuesAsString("ruleId")).contains(AT_RISK_VIP);
        });
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode scores = api.get("/api/v1/customers/" + id + "/summary").json().at("/scores");
            List<String> stored = jdbc.sql("select score, value from customer_scores where customer_id = ? order by score").param(id)
                    .query((rs, n) -> rs.getString(1) + "=" + rs.getBigDecimal(2).stripTrailingZeros().toPlainString()).list();
            List<String> shown = new ArrayList<>();
            scores.forEach(x -> shown.add(x.at("/score").asString() + "="
                    + x.at("/value").decimalValue().stripTrailingZeros().toPlainString()));
            assertThat(shown).containsExactlyElementsOf(stored).anyMatch(x -> x.startsWith("risk="));
        });
        Api.Response summary = api.get("/api/v1/customers/" + id + "/summary");
        assertThat(summary.status()).as(summary.body()).isEqualTo(200);
        JsonNode s = summary.json();
        assertThat(s.at("/id").asString()).isEqualTo(id.toString());
        assertThat(s.at("/mergedInto").isNull()).isTrue();
        assertThat(s.at("/displayName").asString()).isEqualTo("Özet " + u);
        assertThat(s.at("/vip").asBoolean()).isTrue();
        assertThat(s.at("/segments/0").asString()).isEqualTo("gold");
        assertThat(s.at("/lifecycleStage").asString()).isEqualTo("at_risk");
        assertThat(s.at("/preferredLanguage").asString()).isEqualTo("tr");
        assertThat(s.at("/preferredChannel").asString()).isEqualTo("voice");
        assertThat(s.at("/openConversations").asInt()).isEqualTo(1);
        assertThat(s.at("/lastContact/channel").asString()).isEqualTo("email");
        assertThat(s.at("/lastContact/conversationId").asString()).isEqualTo(inbound.at("/conversationId").asString());
        JsonNode alert = s.at("/alerts/0");
        assertThat(alert.at("/ruleId").asString()).isEqualTo(AT_RISK_VIP);
        assertThat(alert.at("/severity").asString()).isEqualTo("critical");
        assertThat(alert.at("/message/en").asString()).isEqualTo("A VIP customer is at risk of leaving.");
        assertThat(alert.at("/name/tr").asString()).isNotBlank();
        assertThat(s.at("/recentEvents").size()).isEqualTo(5);
        assertThat(s.at("/recentEvents/0/type").asString()).isEqualTo("atm.refused");
        assertThat(s.at("/recentEvents/0/attributes/branch").asString()).isEqualTo("Kadıköy");
        assertThat(s.at("/recentEvents/4/sourceId").asString()).isEqualTo("sum-" + u + "-2");

        UUID absorbed = customer("absorbed-" + u);
        assertThat(api.post("/api/v1/customers/" + id + "/merge", "{\"otherCustomerId\":\"" + absorbed + "\"}").status()).isEqualTo(201);
        JsonNode merged = api.get("/api/v1/customers/" + absorbed + "/summary").json();
        assertThat(merged.at("/id").asString()).isEqualTo(id.toString());
        assertThat(merged.at("/requestedId").asString()).isEqualTo(absorbed.toString());
        assertThat(merged.at("/mergedInto").asString()).isEqualTo(id.toString());
        assertThat(merged.at("/lifecycleStage").asString()).isEqualTo("at_risk");

        Api.Response unknown = api.get("/api/v1/customers/" + UUID.randomUUID() + "/summary");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).contains("problem+json");
        assertThat(api.get("/api/v1/customers/12345/summary").status()).isEqualTo(400);
    }

    @Test
    void makingACustomerAtRiskAVipRaisesTheAlertAtOnceNotAtTheNextSweep() {
        Api api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        UUID id = customer("vip-later");
        api.post("/api/v1/customers/" + id + "/lifecycle", "{\"stage\":\"at_risk\"}");
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql("select count(*) from customer_scores where customer_id = ?")
                .param(id).query(Long.class).single() > 0);
        assertThat(openAlerts(id)).doesNotContain(AT_RISK_VIP);

        assertThat(api.patch("/api/v1/customers/" + id + "/profile", "{\"vip\":true}").status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(60)).until(() -> openAlerts(id).contains(AT_RISK_VIP));
    }

    private List<String> openAlerts(UUID customer) {
        return jdbc.sql("select rule_id::text from customer_alerts where customer_id = ? and cleared_at is null").param(customer)
                .query(String.class).list();
    }

    @Test
    void aMergeKeepsTheSurvivorsStageTheAbsorbedsWhenItHasNoneAndTheHistoryOfBoth() {
        Api api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        UUID survivor = customer("survivor");
        UUID absorbed = customer("absorbed");
        api.post("/api/v1/customers/" + survivor + "/lifecycle", "{\"stage\":\"customer\",\"reason\":\"first order\"}");
        api.post("/api/v1/customers/" + absorbed + "/lifecycle", "{\"stage\":\"lost\",\"reason\":\"closed the account\"}");
        api.patch("/api/v1/customers/" + absorbed + "/profile", "{\"city\":\"Gəncə\"}");
        String mergeId = api.post("/api/v1/customers/" + survivor + "/merge", "{\"otherCustomerId\":\"" + absorbed + "\"}").text("/mergeId");

        JsonNode kept = api.get("/api/v1/customers/" + survivor + "/profile").json();
        assertThat(kept.at("/lifecycleStage").asString()).isEqualTo("customer");
        assertThat(kept.at("/city").asString()).isEqualTo("Gəncə");
        assertThat(kept.at("/lifecycleHistory").findValuesAsString("reason")).containsExactlyInAnyOrder("first order", "closed the account");
        Api.Response onAbsorbed = api.post("/api/v1/customers/" + absorbed + "/lifecycle", "{\"stage\":\"loyal\"}");
        assertThat(onAbsorbed.status()).isEqualTo(409);

        assertThat(api.post("/api/v1/merges/" + mergeId + "/undo", "{}").status()).isEqualTo(200);
        JsonNode back = api.get("/api/v1/customers/" + survivor + "/profile").json();
        assertThat(back.at("/city").isNull()).isTrue();
        assertThat(back.at("/lifecycleHistory").size()).isEqualTo(1);
        assertThat(api.get("/api/v1/customers/" + absorbed + "/profile").json().at("/lifecycleStage").asString()).isEqualTo("lost");

        UUID empty = customer("empty");
        UUID staged = customer("staged");
        api.post("/api/v1/customers/" + staged + "/lifecycle", "{\"stage\":\"at-risk\"}");
        api.post("/api/v1/customers/" + empty + "/merge", "{\"otherCustomerId\":\"" + staged + "\"}");
        assertThat(api.get("/api/v1/customers/" + empty + "/profile").json().at("/lifecycleStage").asString()).isEqualTo("at_risk");
    }

    @Test
    void theFunnelCountsCustomersPerStageAndTheMovesOfThePeriod() {
        Api api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        JsonNode before = api.get("/api/v1/reports/lifecycle").json();
        UUID a = customer("funnel-a");
        UUID b = customer("funnel-b");
        UUID c = customer("funnel-c");
        for (UUID id : List.of(a, b, c)) {
            api.post("/api/v1/customers/" + id + "/lifecycle", "{\"stage\":\"lead\"}");
        }
        api.post("/api/v1/customers/" + a + "/lifecycle", "{\"stage\":\"prospect\"}");
        api.post("/api/v1/customers/" + b + "/lifecycle", "{\"stage\":\"prospect\"}");
        api.post("/api/v1/customers/" + b + "/lifecycle", "{\"stage\":\"customer\"}");
        JsonNode after = api.get("/api/v1/reports/lifecycle").json();

        assertThat(stage(after, "lead") - stage(before, "lead")).isEqualTo(1);
        assertThat(stage(after, "prospect") - stage(before, "prospect")).isEqualTo(1);
        assertThat(stage(after, "customer") - stage(before, "customer")).isEqualTo(1);
        assertThat(move(after, null, "lead") - move(before, null, "lead")).isEqualTo(3);
        assertThat(move(after, "lead", "prospect") - move(before, "lead", "prospect")).isEqualTo(2);
        assertThat(move(after, "prospect", "customer") - move(before, "prospect", "customer")).isEqualTo(1);

        JsonNode longAgo = api.get("/api/v1/reports/lifecycle?from=2020-01-01&to=2020-02-01").json();
        assertThat(longAgo.at("/moves").size()).isZero();
        refused(api.get("/api/v1/reports/lifecycle?from=yesterday"), "from");
        refused(api.get("/api/v1/reports/lifecycle?to=%2B1000000000-01-01T00:00:00Z"), "to");
        refused(api.get("/api/v1/reports/lifecycle?from=-1000000000-01-01T00:00:00Z"), "from");
        refused(api.get("/api/v1/reports/lifecycle?from=2026-02-01&to=2026-01-01"), "from");
    }

    @Test
    void theProfilesPersonalDataIsExportedAndErasedKeepingTheMovesForTheFunnel() {
        Api api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        UUID id = customer("privacy");
        api.patch("/api/v1/customers/" + id + "/profile", "{\"city\":\"Sivas\",\"occupation\":\"Avukat\",\"birthDate\":\"1970-01-01\"}");
        api.post("/api/v1/customers/" + id + "/lifecycle", "{\"stage\":\"lost\",\"reason\":\"taşındı, yeni adresi Sivas\"}");
        PersonalData part = parts.stream().filter(p -> p.kind().equals("profile")).findFirst().orElseThrow();

        List<java.util.Map<String, Object>> rows = part.export(new CustomerId(id));
        assertThat(rows.getFirst()).containsEntry("city", "Sivas").containsEntry("occupation", "Avukat").containsEntry("lifecycleStage", "lost");
        assertThat(rows).anySatisfy(r -> assertThat(r).containsEntry("reason", "taşındı, yeni adresi Sivas"));

        // The whole erasure, as an admin asks for it: every part, this one among them.
        Api.Response erased = api.post("/api/v1/customers/" + id + "/erase", "{\"reason\":\"KVKK başvurusu\"}");
        assertThat(erased.status()).as(erased.body()).isEqualTo(200);
        JsonNode after = api.get("/api/v1/customers/" + id + "/profile").json();
        assertThat(after.at("/city").isNull()).isTrue();
        assertThat(after.at("/birthDate").isNull()).isTrue();
        assertThat(after.at("/lifecycleHistory/0/to").asString()).isEqualTo("lost");
        assertThat(after.at("/lifecycleHistory/0/reason").isNull()).isTrue();
        assertThat(timeline.recent(new CustomerId(id), 10)).allSatisfy(e -> {
            assertThat(e.summary()).doesNotContain("Sivas");
            assertThat(e.detail() == null ? List.<String>of() : e.detail().args()).noneMatch(a -> a.contains("Sivas"));
        });
    }

    private static long stage(JsonNode report, String stage) {
        for (JsonNode row : report.at("/stages")) {
            if (stage.equals(row.at("/stage").asString(null))) {
                return row.at("/customers").asLong();
            }
        }
        throw new AssertionError("no stage " + stage + " in " + report);
    }

    private static long move(JsonNode report, String from, String to) {
        for (JsonNode row : report.at("/moves")) {
            if (java.util.Objects.equals(from, row.at("/from").isNull() ? null : row.at("/from").asString())
                    && to.equals(row.at("/to").asString())) {
                return row.at("/moves").asLong();
            }
        }
        return 0;
    }

    private static void refused(Api.Response response, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).contains("problem+json");
        assertThat(response.text("/field")).as(response.body()).isEqualTo(field);
    }

    private UUID customer(String name) {
        String u = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        return identities.resolve(List.of(Identifier.email(u + "@example.com")), "Profil " + u, null).customerId().value();
    }
}
