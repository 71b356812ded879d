package io.temas.routing;

import io.temas.shared.Priority;
import java.util.List;
import java.util.UUID;

/**
 * One routing rule: when its conditions hold, the conversation goes to its queue with its skills and priority.
 *
 * @param personAnswers a person answers this topic (money matters): the chat bot hands such a message over at once
 *                      instead of suggesting articles
 * @param offerCall     a chat or e-mail on this topic gets the offer of a callback at a time the customer chooses
 */
public record RoutingRule(UUID id, int position, String name, boolean enabled, RuleConditions conditions, UUID queueId,
                          List<String> skills, Priority priority, boolean personAnswers, boolean offerCall) {

    /** A rule that offers no call. */
    public RoutingRule(UUID id, int position, String name, boolean enabled, RuleConditions conditions, UUID queueId,
                       List<String> skills, Priority priority, boolean personAnswers) {
        this(id, position, name, enabled, conditions, queueId, skills, priority, personAnswers, false);
    }

    /** A rule the bot may answer. */
    public RoutingRule(UUID id, int position, String name, boolean enabled, RuleConditions conditions, UUID queueId, List<String> skills,
                       Priority priority) {
        this(id, position, name, enabled, conditions, queueId, skills, priority, false);
    }
}
