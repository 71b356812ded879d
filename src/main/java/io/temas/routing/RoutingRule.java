package io.temas.routing;

import io.temas.shared.Priority;
import java.util.List;
import java.util.UUID;

/** One routing rule: when its conditions hold, the conversation goes to its queue with its skills and priority. */
public record RoutingRule(UUID id, int position, String name, boolean enabled, RuleConditions conditions, UUID queueId,
                          List<String> skills, Priority priority) {
}
