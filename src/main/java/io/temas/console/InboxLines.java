package io.temas.console;

import io.temas.conversations.Inbox;
import io.temas.customers.Customers;
import io.temas.routing.Agents;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Inbox rows with the customer, queue and agent names a list shows, read in one query each per page. */
@Component
class InboxLines {

    /** One inbox line with the names the table shows. */
    record Line(Inbox.Row row, String customer, String queue, String assignee, Instant now) {

        /** Until when a supervisor's unassign keeps it for the queue's other agents; null when it is not held (any more). */
        public Instant heldUntil() {
            return row.assigneeId() == null && row.heldUntil() != null && row.heldUntil().isAfter(now) ? row.heldUntil() : null;
        }

        /** The deadline for the browser's ticking clock; empty when there is none. */
        public String due() {
            return row.slaDue().equals(Instant.MAX) ? "" : row.slaDue().toString();
        }
    }

    private final Customers customers;
    private final Agents agents;

    private final java.time.Clock clock;

    InboxLines(Customers customers, Agents agents, java.time.Clock clock) {
        this.customers = customers;
        this.agents = agents;
        this.clock = clock;
    }

    List<Line> of(List<Inbox.Row> rows, Map<UUID, String> queueNames) {
        Set<UUID> customerIds = new HashSet<>();
        Set<UUID> agentIds = new HashSet<>();
        rows.forEach(r -> {
            customerIds.add(r.customerId());
            if (r.assigneeId() != null) {
                agentIds.add(r.assigneeId());
            }
        });
        Map<UUID, String> names = customers.names(customerIds);
        Map<UUID, String> agentNames = agents.names(agentIds);
        Instant now = clock.instant();
        return rows.stream().map(r -> new Line(r, names.get(r.customerId()), queueNames.get(r.queueId()),
                r.assigneeId() == null ? null : agentNames.get(r.assigneeId()), now)).toList();
    }
}
