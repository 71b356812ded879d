package io.temas.console;

import io.temas.feedback.ReplyRatings;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.web.context.annotation.RequestScope;

/**
 * Each agent's helpful share over the last 30 days, as the supervisor board shows it beside the
 * agent: read once per page however many agents it lists. Templates call it as {@code @helpfulShares}.
 */
@Component("helpfulShares")
@RequestScope
class HelpfulShares {

    static final Duration PERIOD = Duration.ofDays(30);

    private final ReplyRatings ratings;
    private Map<UUID, ReplyRatings.Share> shares;

    HelpfulShares(ReplyRatings ratings) {
        this.ratings = ratings;
    }

    /** The agent's share; null when nobody rated their replies in the period. */
    public ReplyRatings.Share of(UUID agentId) {
        if (shares == null) {
            shares = ratings.byAgent(PERIOD);
        }
        return shares.get(agentId);
    }
}
