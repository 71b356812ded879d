package io.temas.conversations;

import io.temas.customers.CustomerId;
import io.temas.customers.CustomerTimeline;
import io.temas.shared.ReasonCode;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * An agent who works on a conversation nobody has takes it, so it never ends up answered or
 * resolved with no owner. Only agents take (a supervisor or an integration acting for nobody
 * leaves it as it is), only what is unassigned (someone else's conversation stays theirs), and
 * the database decides once against the auto-assigner or another agent doing the same.
 */
@Component
class Takeover {

    private final Conversations conversations;
    private final CustomerTimeline timeline;
    private final Clock clock;

    Takeover(Conversations conversations, CustomerTimeline timeline, Clock clock) {
        this.conversations = conversations;
        this.timeline = timeline;
        this.clock = clock;
    }

    /** Gives the conversation to the acting agent if nobody has it; {@code replying} says how they took it. Answers whether they did. */
    boolean take(Conversation c, Actor by, boolean replying) {
        if (by == null || !by.isAgent() || c.assigneeId() != null || !conversations.take(c, by.agentId())) {
            return false;
        }
        timeline.record(new CustomerId(c.customerId()), List.of(new CustomerTimeline.Entry(clock.instant(), "conversation.taken",
                c.channel().code(), "Taken by " + by.name() + (replying ? " on replying" : ""), c.id(), null,
                ReasonCode.of(replying ? "timeline.conversation.taken.reply.detail" : "timeline.conversation.taken.detail", by.name()))));
        return true;
    }
}
