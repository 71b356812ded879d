package io.temas.scoring;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How scores and alerts are kept current.
 *
 * @param sweepInterval how often every customer is recomputed as a safety net (periods such as "today" or "30 days"
 *                      move on without any change to the customer, and a mark lost in a crash is caught here)
 * @param batchSize     customers recomputed in one transaction
 * @param gather        how long the recomputation waits after a change marks a customer before it recomputes, so
 *                      the changes of that moment (the pipeline's messages, a batch of events) are recomputed in one
 *                      round of a few statements instead of one round each
 */
@ConfigurationProperties("temas.scores")
record ScoringSettings(@DefaultValue("1h") Duration sweepInterval, @DefaultValue("500") int batchSize,
                       @DefaultValue("500ms") Duration gather) {

    ScoringSettings {
        if (batchSize < 1 || batchSize > 5000) {
            throw new IllegalArgumentException("temas.scores.batch-size must be between 1 and 5000");
        }
        if (gather.isNegative() || gather.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("temas.scores.gather must be between 0 and 1m");
        }
    }
}
