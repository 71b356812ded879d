package io.temas.inbound;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The quarantine's size as a gauge, {@code temas.quarantine.size}: items no admin has released or
 * deleted yet, refused webhooks included. Counted every {@code temas.metrics.refresh-interval}
 * from the partial index of open items ({@code quarantine_open}), never on a scrape. Every node
 * reports the same shared figure.
 */
@Component
class QuarantineMeters {

    private static final Logger log = LoggerFactory.getLogger(QuarantineMeters.class);

    private final Quarantine quarantine;
    private final AtomicLong open = new AtomicLong();

    QuarantineMeters(Quarantine quarantine, MeterRegistry meters) {
        this.quarantine = quarantine;
        Gauge.builder("temas.quarantine.size", open, AtomicLong::get)
                .description("Quarantined inbound items not yet released or deleted").register(meters);
    }

    @Scheduled(fixedDelayString = "${temas.metrics.refresh-interval:5s}")
    void refresh() {
        try {
            open.set(quarantine.countOpen());
        } catch (RuntimeException e) {
            // The gauge keeps the last figure; the next round tries again.
            log.debug("Quarantine size not refreshed: {}", e.toString());
        }
    }
}
