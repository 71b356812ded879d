package io.temas.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.shared.ChannelType;
import io.temas.shared.Language;
import io.temas.shared.Priority;
import io.temas.support.Api;
import io.temas.support.TemasIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Which of several routes a message takes, on the stored rules: the first enabled rule (by
 * position) whose conditions hold, else the entry point's queue, else the fallback queue, each
 * decision with its reason. The rules here all ask for a word nobody else uses, so the demo's
 * rules (VIP, short channels, English) stay out of the way of a Turkish e-mail.
 */
@TemasIntegrationTest
class RoutingPrecedenceIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    RoutingEngine engine;

    @Autowired
    RoutingRules rules;

    @Autowired
    Queues queues;

    @Autowired
    EntryPoints entryPoints;

    final List<UUID> created = new ArrayList<>();
    String word;
    String address;
    Queue first;
    Queue second;
    Queue entryQueue;

    @BeforeEach
    void queuesAndAnEntryPoint() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        word = "zirkon" + suffix.replaceAll("[0-9]", "");
        address = "oncelik-" + suffix + "@ornek.com.tr";
        first = queues.create("Birinci " + suffix, null, null);
        second = queues.create("İkinci " + suffix, null, null);
        entryQueue = queues.create("Giriş " + suffix, null, null);
        entryPoints.create(address, ChannelType.EMAIL, entryQueue.id(), "Öncelik", null, null);
    }

    @AfterEach
    void removeRules() {
        created.forEach(rules::delete);
    }

    @Test
    void theFirstEnabledMatchingRuleWinsAndDisabledOnesAreSkipped() {
        rule(1_000_000, "kapalı " + word, false, second);
        rule(1_000_010, "ilk " + word, true, first);
        rule(1_000_020, "sonraki " + word, true, second);

        RoutingDecision decision = engine.decide(mail(address, "Sorum var: " + word.toUpperCase()));

        assertThat(decision).isInstanceOf(RoutingDecision.RuleMatched.class);
        assertThat(decision.rule()).isEqualTo("ilk " + word);
        assertThat(decision.queueId()).isEqualTo(first.id());
        assertThat(decision.reason()).isEqualTo("channel is email; mentions '" + word + "'");
    }

    @Test
    void positionNotCreationDecidesWhichRuleIsFirst() {
        RoutingRule early = rule(1_000_010, "önce yazılan " + word, true, first);
        rule(1_000_000, "önde duran " + word, true, second);

        assertThat(engine.decide(mail(address, word)).queueId()).isEqualTo(second.id());

        rules.update(early.id(), new RoutingRules.Draft(999_990, early.name(), true, early.conditions(), early.queueId(), List.of(),
                null));

        assertThat(engine.decide(mail(address, word)).rule()).isEqualTo("önce yazılan " + word);
    }

    @Test
    void aDisabledRuleIsSkippedEvenWhenItIsTheOnlyOneThatHolds() {
        rule(1_000_000, "kapalı " + word, false, first);

        RoutingDecision decision = engine.decide(mail(address, word));

        assertThat(decision).isInstanceOf(RoutingDecision.EntryPointQueue.class);
        assertThat(decision.queueId()).isEqualTo(entryQueue.id());
    }

    @Test
    void withoutAMatchingRuleTheEntryPointsQueueTakesItAndSaysWhy() {
        rule(1_000_000, "ilk " + word, true, first);

        RoutingDecision decision = engine.decide(mail(address.toUpperCase(), "Başka bir konu"));

        assertThat(decision).isInstanceOf(RoutingDecision.EntryPointQueue.class);
        assertThat(decision.rule()).isEqualTo("entry point");
        assertThat(decision.queueId()).isEqualTo(entryQueue.id());
        assertThat(decision.reason()).isEqualTo("no rule matched; entry point " + address + " belongs to queue " + entryQueue.name());
    }

    @Test
    void withoutARuleOrAnEntryPointTheFallbackQueueTakesItAndSaysWhy() {
        String stranger = "kimse-" + UUID.randomUUID() + "@example.com";
        UUID genel = queues.findByName("Genel").orElseThrow().id();

        RoutingDecision unknown = engine.decide(mail(stranger, "Başka bir konu"));
        RoutingDecision none = engine.decide(mail(null, "Başka bir konu"));

        assertThat(unknown).isInstanceOf(RoutingDecision.Fallback.class);
        assertThat(unknown.rule()).isEqualTo("fallback");
        assertThat(unknown.queueId()).isEqualTo(genel);
        assertThat(unknown.reason()).isEqualTo("no rule matched and '" + stranger + "' is not an entry point; fallback queue Genel");
        assertThat(none.queueId()).isEqualTo(genel);
        assertThat(none.reason()).isEqualTo("no rule matched and no entry point was given; fallback queue Genel");
    }

    @Test
    void aMessageOverTheApiIsRoutedByTheFirstEnabledRuleAndTheConversationKeepsTheReason() {
        rule(1_000_000, "kapalı " + word, false, second);
        rule(1_000_010, "ilk " + word, true, first);
        Api api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);

        Api.Response created = api.post("/api/v1/inbound", """
                {"channel":"email","entryPoint":"%s","externalId":"%s","from":{"email":"%s@example.com"},
                 "subject":"Merhaba","text":"%s hakkında bir sorum var"}""".formatted(address, UUID.randomUUID(), UUID.randomUUID(), word));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode conversation = api.get("/api/v1/conversations/" + created.text("/conversationId")).json();
        assertThat(conversation.at("/queue").asString()).isEqualTo(first.name());
        assertThat(conversation.at("/routing/rule").asString()).isEqualTo("ilk " + word);
        assertThat(conversation.at("/routing/reason").asString()).isEqualTo("channel is email; mentions '" + word + "'");
    }

    private RoutingRule rule(int position, String name, boolean enabled, Queue queue) {
        RoutingRule rule = rules.create(new RoutingRules.Draft(position, name, enabled,
                new RuleConditions(null, List.of("email"), null, List.of(word), null, null), queue.id(), List.of(), Priority.NORMAL));
        created.add(rule.id());
        return rule;
    }

    private static RoutingInput mail(String entryPoint, String text) {
        return new RoutingInput(ChannelType.EMAIL, entryPoint, Language.TR, "Soru", text, List.of(), false);
    }
}
