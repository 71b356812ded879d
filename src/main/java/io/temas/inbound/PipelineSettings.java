package io.temas.inbound;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the pipeline groups messages into transactions (see {@link InboundLanes}).
 *
 * @param lanes     lanes working in parallel, each with its own database connection while it commits; a customer's
 *                  messages always take the same lane, so they stay in order
 * @param batchMax  at most this many messages share one transaction; a lane takes whatever waits, so under light
 *                  load a batch is one message and waits for nothing
 * @param batching  off: every message runs in its caller's thread and its own transaction, as a single message does
 * @param maxWaiting messages that may wait for their lanes on this node; one more is refused as busy (the API answers
 *                  503 with Retry-After, so the sender sends it again later) instead of waiting ever longer
 * @param genericPlans a pipeline transaction plans each statement once per connection instead of on every run
 *                  and without parallel workers ({@link io.temas.platform.GenericPlans}); off: PostgreSQL decides per statement, as elsewhere
 */
@ConfigurationProperties("temas.pipeline")
public record PipelineSettings(
        @DefaultValue("6") int lanes,
        @DefaultValue("64") int batchMax,
        @DefaultValue("true") boolean batching,
        @DefaultValue("5000") int maxWaiting,
        @DefaultValue("true") boolean genericPlans) {

    public PipelineSettings {
        if (lanes < 1 || lanes > 256) {
            throw new IllegalStateException("temas.pipeline.lanes must be between 1 and 256, not " + lanes);
        }
        if (maxWaiting < 1) {
            throw new IllegalStateException("temas.pipeline.max-waiting must be at least 1, not " + maxWaiting);
        }
        if (batchMax < 1 || batchMax > 10_000) {
            throw new IllegalStateException("temas.pipeline.batch-max must be between 1 and 10000, not " + batchMax);
        }
    }
}
