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
 */
@ConfigurationProperties("temas.pipeline")
public record PipelineSettings(
        @DefaultValue("6") int lanes,
        @DefaultValue("64") int batchMax,
        @DefaultValue("true") boolean batching) {

    public PipelineSettings {
        if (lanes < 1 || lanes > 256) {
            throw new IllegalStateException("temas.pipeline.lanes must be between 1 and 256, not " + lanes);
        }
        if (batchMax < 1 || batchMax > 10_000) {
            throw new IllegalStateException("temas.pipeline.batch-max must be between 1 and 10000, not " + batchMax);
        }
    }
}
