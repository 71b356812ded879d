package io.temas.customers;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.shared.Identifier;
import io.temas.support.TemasIntegrationTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * A merge whose survivor had no lifecycle stage takes the absorbed customer's, and says so as a stage change (which
 * webhooks, scores and reports hear); a survivor with a stage of its own keeps it, and nothing is said.
 */
@TemasIntegrationTest
@RecordApplicationEvents
class MergeStageIntegrationTests {

    @Autowired
    IdentityResolver resolver;

    @Autowired
    Profiles profiles;

    @Autowired
    Merges merges;

    @Autowired
    Customers customers;

    @Autowired
    ApplicationEvents events;

    @Test
    void aSurvivorWithoutAStageTakesTheAbsorbedOnesAndTheChangeIsPublished() {
        CustomerId survivor = person();
        CustomerId absorbed = person();
        profiles.changeStage(absorbed, LifecycleStage.LOYAL, null, "selin");
        events.clear();

        merges.merge(survivor, absorbed, "the same person", "selin");

        assertThat(events.stream(LifecycleStageChanged.class)).singleElement().satisfies(changed -> {
            assertThat(changed.customerId()).isEqualTo(survivor.value());
            assertThat(changed.from()).isNull();
            assertThat(changed.to()).isEqualTo(LifecycleStage.LOYAL.code());
            assertThat(changed.actor()).isEqualTo("selin");
        });
    }

    @Test
    void aSurvivorWithAStageKeepsItAndNoChangeIsPublished() {
        CustomerId survivor = person();
        CustomerId absorbed = person();
        profiles.changeStage(survivor, LifecycleStage.CUSTOMER, null, "selin");
        profiles.changeStage(absorbed, LifecycleStage.LOST, null, "selin");
        events.clear();

        merges.merge(survivor, absorbed, "the same person", "selin");

        assertThat(events.stream(LifecycleStageChanged.class)).isEmpty();
    }

    private CustomerId person() {
        return resolver.resolve(List.of(Identifier.email("stage-" + UUID.randomUUID() + "@example.com")), null, null).customerId();
    }
}
