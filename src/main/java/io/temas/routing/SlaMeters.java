package io.temas.routing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.temas.conversations.Conversations;
import io.temas.conversations.SlaBreached;
import io.temas.platform.AfterCommit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * SLA figures: {@code temas.sla.breaches}, a counter of breaches as the SLA monitor flags them
 * (tag {@code kind} = {@code first_response} or {@code resolution}), counted once each when the
 * flag commits (the flagging statement claims each conversation once, so the counters of all
 * nodes add up); and {@code temas.sla.breached.conversations}, a gauge per kind of the live
 * conversations breached now (still unanswered, or not resolved), refreshed every
 * {@code temas.metrics.refresh-interval} rather than on a scrape.
 */
@Component
class SlaMeters {

    private static final Logger log = LoggerFactory.getLogger(SlaMeters.class);

    private final Conversations conversations;
    private final Counter firstResponse;
    private final Counter resolution;
    private final AtomicReference<Conversations.Breached> now = new AtomicReference<>(new Conversations.Breached(0, 0));

    SlaMeters(Conversations conversations, MeterRegistry meters) {
        this.conversations = conversations;
        this.firstResponse = breaches(meters, "first_response");
        this.resolution = breaches(meters, "resolution");
        Gauge.builder("temas.sla.breached.conversations", now, b -> b.get().firstResponse())
                .description("Live conversations breached now").tag("kind", "first_response").register(meters);
        Gauge.builder("temas.sla.breached.conversations", now, b -> b.get().resolution())
                .description("Live conversations breached now").tag("kind", "resolution").register(meters);
    }

    private static Counter breaches(MeterRegistry meters, String kind) {
        return Counter.builder("temas.sla.breaches").description("SLA breaches flagged by the SLA monitor").tag("kind", kind)
                .register(meters);
    }

    /**
     * A plain listener counting once the flag commits: a transactional one would make the event publication
     * registry store a row per breach in the sweep's transaction and delete it in a commit of its own.
     */
    @EventListener
    void on(SlaBreached breach) {
        Counter counter = "resolution".equals(breach.target()) ? resolution : firstResponse;
        AfterCommit.run(counter::increment);
    }

    @Scheduled(fixedDelayString = "${temas.metrics.refresh-interval:5s}")
    void refresh() {
        try {
            now.set(conversations.breached());
        } catch (RuntimeException e) {
            // The gauges keep the last figures; the next round tries again.
            log.debug("SLA figures not refreshed: {}", e.toString());
        }
    }
}
