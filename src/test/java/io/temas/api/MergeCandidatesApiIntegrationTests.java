package io.temas.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.customers.CustomerId;
import io.temas.customers.IdentityResolver;
import io.temas.shared.Identifier;
import io.temas.support.Api;
import io.temas.support.TemasIntegrationTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The merge candidates API: list, merge (undone with the merges API), dismiss, and refusals as problem details. */
@TemasIntegrationTest
class MergeCandidatesApiIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    IdentityResolver resolver;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
    }

    /** [candidate id, customer with the e-mail, customer with the other account]. */
    String[] flag() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        CustomerId a = resolver.resolve(List.of(Identifier.email("api." + suffix + "@example.com"), Identifier.account("P-A-" + suffix)), null, null).customerId();
        CustomerId b = resolver.resolve(List.of(Identifier.account("P-B-" + suffix)), null, null).customerId();
        resolver.resolve(List.of(Identifier.email("api." + suffix + "@example.com"), Identifier.account("P-B-" + suffix)), null, null);
        JsonNode items = api.get("/api/v1/merge-candidates?limit=1000").json().at("/items");
        String id = items.valueStream().filter(i -> List.of(i.at("/firstCustomerId").asString(), i.at("/secondCustomerId").asString())
                .containsAll(List.of(a.value().toString(), b.value().toString()))).findFirst().orElseThrow().at("/id").asString();
        return new String[] {id, a.value().toString(), b.value().toString()};
    }

    @Test
    void listsMergesAndTheMergeIsUndoneLikeAnyOther() {
        String[] f = flag();
        Api.Response list = api.get("/api/v1/merge-candidates");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().at("/total").asInt()).isPositive();
        assertThat(list.text("/items/0/reason")).isNotBlank();

        Api.Response merged = api.post("/api/v1/merge-candidates/" + f[0] + "/merge", "{\"survivorId\":\"" + f[2] + "\"}");

        assertThat(merged.status()).isEqualTo(201);
        assertThat(merged.text("/candidate/decision")).isEqualTo("merged");
        assertThat(api.get("/api/v1/customers/" + f[1]).text("/mergedInto")).isEqualTo(f[2]);
        assertThat(api.post("/api/v1/merges/" + merged.text("/mergeId") + "/undo", "").status()).isEqualTo(200);
        assertThat(api.get("/api/v1/customers/" + f[1]).json().at("/mergedInto").isNull()).isTrue();
        assertThat(api.get("/api/v1/merge-candidates/" + f[0]).json().at("/decision").isNull()).as("open again").isTrue();
    }

    @Test
    void aCandidateOneOfWhomWasErasedIsShownAsOutdatedAndCannotBeMerged() {
        String[] f = flag();

        assertThat(api.post("/api/v1/customers/" + f[2] + "/erase", "{\"reason\":\"KVKK başvurusu\"}").status()).isEqualTo(200);

        Api.Response after = api.get("/api/v1/merge-candidates/" + f[0]);
        assertThat(after.status()).as(after.body()).isEqualTo(200);
        assertThat(after.text("/decision")).isEqualTo("outdated");
        assertThat(api.post("/api/v1/merge-candidates/" + f[0] + "/merge", "{\"survivorId\":\"" + f[1] + "\"}").status()).isEqualTo(409);
    }

    @Test
    void dismissingTwiceIsAConflict() {
        String[] f = flag();

        Api.Response dismissed = api.post("/api/v1/merge-candidates/" + f[0] + "/dismiss", "");
        Api.Response again = api.post("/api/v1/merge-candidates/" + f[0] + "/dismiss", "");
        Api.Response merge = api.post("/api/v1/merge-candidates/" + f[0] + "/merge", "{\"survivorId\":\"" + f[1] + "\"}");

        assertThat(dismissed.status()).isEqualTo(200);
        assertThat(dismissed.text("/decision")).isEqualTo("dismissed");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).contains("application/problem+json");
        assertThat(merge.status()).isEqualTo(409);
        assertThat(api.get("/api/v1/customers/" + f[1]).json().at("/mergedInto").isNull()).isTrue();
    }

    @Test
    void badRequestsAreProblemsNotErrors() {
        String[] f = flag();

        assertThat(api.post("/api/v1/merge-candidates/" + f[0] + "/merge", "{}").status()).isEqualTo(400);
        assertThat(api.post("/api/v1/merge-candidates/" + f[0] + "/merge", "{\"survivorId\":\"" + UUID.randomUUID() + "\"}").status()).isEqualTo(400);
        assertThat(api.post("/api/v1/merge-candidates/" + f[0] + "/merge", "{\"survivorId\":42}").status()).isEqualTo(400);
        assertThat(api.post("/api/v1/merge-candidates/" + f[0] + "/merge", "{\"survivorId\":\"a\\u0000b\"}").status()).isEqualTo(400);
        assertThat(api.post("/api/v1/merge-candidates/" + UUID.randomUUID() + "/dismiss", "").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/merge-candidates/not-an-id").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/merge-candidates/" + f[0]).text("/decision")).isNull();
    }
}
