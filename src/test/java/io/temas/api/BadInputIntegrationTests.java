package io.temas.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.support.Api;
import io.temas.support.TemasIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The inputs that once answered 500 with SQL in the detail: each is now a 4xx problem detail that
 * names the field, and an inbound message is refused for good (quarantined, once) instead of
 * failing in a way a sender retries.
 */
@TemasIntegrationTest
class BadInputIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private static void refused(Api.Response response, int status, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body()).doesNotContainIgnoringCase("sql").doesNotContain("violates").doesNotContain("jdbc");
        if (field != null) {
            assertThat(response.text("/field")).isEqualTo(field);
        }
    }

    @Test
    void aNulInAJsonTextFieldIsRefusedNamingTheField() {
        Api.Response response = api.post("/api/v1/queues", "{\"name\":\"Kuyruk\\u0000\"}");

        refused(response, 400, "name");
        assertThat(response.text("/detail")).contains("control character");
    }

    @Test
    void aNulInAFreeTextFieldIsRefusedButLineBreaksAreNot() {
        Api.Response nul = api.post("/api/v1/queues", "{\"name\":\"%s\",\"description\":\"bir\\u0000iki\"}".formatted(unique("q")));
        refused(nul, 400, "description");

        Api.Response lines = api.post("/api/v1/queues", "{\"name\":\"%s\",\"description\":\"bir\\r\\n\\tiki\"}".formatted(unique("q")));
        assertThat(lines.status()).as(lines.body()).isEqualTo(201);
    }

    @Test
    void anOverlongDisplayNameIsRefusedNamingTheField() {
        Api.Response response = api.post("/api/v1/agents", "{\"username\":\"%s\",\"displayName\":\"%s\"}"
                .formatted(unique("a").substring(0, 20), "Ş".repeat(9 * 1024)));

        refused(response, 400, "displayName");
        assertThat(response.text("/detail")).contains("longer than 500 characters");
    }

    @Test
    void aNulInAQueryParameterIsRefusedNamingIt() {
        refused(api.get("/api/v1/kb/search?q=fatura%00"), 400, "q");
        refused(api.get("/api/v1/customers?identifier=a%00b@example.com"), 400, "identifier");
        refused(api.get("/api/v1/outbox?status=pending%00"), 400, "status");
        refused(api.get("/api/v1/outbox?status=zz"), 400, "status");
        assertThat(api.get("/api/v1/outbox?status=pending").status()).isEqualTo(200);
    }

    @Test
    void anOverlongQueryParameterIsRefusedNamingIt() {
        refused(api.get("/api/v1/kb/search?q=" + "fatura".repeat(100)), 400, "q");
    }

    @Test
    void aCursorThatIsNoCursorIsRefused() {
        refused(api.get("/api/v1/conversations?after=zzzz"), 400, "after");
    }

    @Test
    void aLanguageThatIsNoLanguageIsRefused() {
        refused(api.get("/api/v1/kb/search?q=fatura&language=_"), 400, "language");
    }

    @Test
    void aReportReachingBeforeAnyDateIsRefused() {
        refused(api.get("/api/v1/kb/reports/pareto?days=100000000"), 400, "days");
        assertThat(api.get("/api/v1/kb/reports/pareto?days=30").status()).isEqualTo(200);
    }

    @Test
    void aNullInAListIsRefused() {
        refused(api.post("/api/v1/agents", "{\"username\":\"nulls\",\"displayName\":\"N\",\"queues\":[null]}"), 400, "queues");
    }

    @Test
    void inboundWithAnOverlongExternalIdIsRefusedForGoodAndQuarantined() {
        Api.Response response = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"fatura@ornek.com.tr","externalId":"%s","from":{"email":"uzun@example.com"},"text":"merhaba"}"""
                .formatted("x".repeat(300 * 1024)));

        refused(response, 422, null);
        assertThat(response.text("/detail")).contains("externalId");
        assertThat(response.text("/quarantineId")).isNotBlank();
    }

    @Test
    void inboundWithANulInTheTextOrANullReferenceIsRefusedForGood() {
        Api.Response nul = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"fatura@ornek.com.tr","externalId":"%s","from":{"email":"nul@example.com"},"text":"a\\u0000b"}"""
                .formatted(unique("nul")));
        refused(nul, 422, null);
        assertThat(nul.text("/detail")).contains("text");

        Api.Response references = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"fatura@ornek.com.tr","externalId":"%s","from":{"email":"ref@example.com"},"text":"x",
                 "references":[null]}""".formatted(unique("ref")));
        refused(references, 422, null);
        assertThat(references.text("/detail")).contains("references");
    }

    @Test
    void theSameRefusedMessageSentAgainIsQuarantinedOnce() {
        String body = """
                {"channel":"email","entryPoint":"fatura@ornek.com.tr","externalId":"%s","from":{"name":"Nobody"},"text":"hi"}"""
                .formatted(unique("again"));

        Api.Response first = api.post("/api/v1/inbound", body);
        Api.Response again = api.post("/api/v1/inbound", body);

        assertThat(first.status()).isEqualTo(422);
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.text("/quarantineId")).isEqualTo(first.text("/quarantineId"));
        assertThat(jdbc.sql("select count(*) from quarantine where payload = ?").param(body.getBytes(StandardCharsets.UTF_8))
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aValueOfTheWrongTypeIsRefusedNamingTheField() {
        refused(api.post("/api/v1/business-hours", "{\"name\":\"x\",\"zone\":\"UTC\",\"holidays\":[{\"day\":\"zzzz\"}]}"), 400,
                "holidays.day");
        refused(api.get("/api/v1/kb/reports/pareto?days=many"), 400, "days");
        refused(api.get("/api/v1/customers"), 400, "identifier");
        Api.Response inbound = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"fatura@ornek.com.tr","externalId":"%s","from":"deniz@example.com","text":"t"}"""
                .formatted(unique("type")));
        assertThat(inbound.status()).isEqualTo(400);
        assertThat(inbound.text("/detail")).contains("from has a value of the wrong type").doesNotContain("io.temas");
    }

    @Test
    void aMalformedIdIsA400AndAnUnknownOneA404() {
        refused(api.get("/api/v1/conversations/not-a-uuid"), 400, "id");
        refused(api.get("/api/v1/conversations/" + UUID.randomUUID()), 404, null);
    }

    @Test
    void aParameterThatIsNotUtf8IsRefusedNamingItNotAFailure() {
        refused(api.get("/api/v1/queues?x=%FF"), 400, "x");
        refused(api.get("/api/v1/kb/search?q=%C0%80"), 400, "q");
        refused(api.get("/api/v1/customers?identifier=%ED%A0%80"), 400, "identifier");
    }

    @Test
    void aWebhookFormBodyThatIsNotUtf8IsRefusedWithoutAToken() {
        Api.Response response = new Api(port, null).postRaw("/api/v1/webhooks/sms/twilio", "application/x-www-form-urlencoded",
                "From=%2B905321112233&Body=%FF".getBytes(StandardCharsets.US_ASCII));

        refused(response, 400, null);
    }

    @Test
    void aPageParameterThatIsNotUtf8IsABadRequestNotAFailure() {
        Api visitor = new Api(port, null);
        assertThat(visitor.get("/portal?x=%FF").status()).isEqualTo(400);
        assertThat(visitor.get("/login?lang=%C0%80").status()).isEqualTo(400);
    }

    @Test
    void aNulInTheIdsOfAnInboundMessageKeepsItInTheQuarantineWithCleanLabels() {
        String externalId = unique("nul");
        Api.Response response = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"fatura@ornek.com.tr","externalId":"%s\\u0000x","from":{"email":"nul@example.com"},"text":"t"}"""
                .formatted(externalId));

        refused(response, 422, null);
        String quarantineId = response.text("/quarantineId");
        assertThat(jdbc.sql("select external_id from quarantine where id = ?::uuid").param(quarantineId).query(String.class).single())
                .isEqualTo(externalId + "x");
        assertThat(api.get("/api/v1/quarantine/" + quarantineId).status()).isEqualTo(200);
    }
}
