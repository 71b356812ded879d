package io.temas.inbound;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Forgets input refused before its sender was authenticated once it is older than the retention
 * period: it is kept to diagnose a misconfigured provider, not for ever, since anybody can send it.
 */
@Component
class QuarantineRetention {

    private static final Logger log = LoggerFactory.getLogger(QuarantineRetention.class);

    private final Quarantine quarantine;
    private final QuarantineSettings settings;
    private final Clock clock;

    QuarantineRetention(Quarantine quarantine, QuarantineSettings settings, Clock clock) {
        this.quarantine = quarantine;
        this.settings = settings;
        this.clock = clock;
    }

    /** Deletes what is past the retention period; answers how many items went. */
    @Scheduled(fixedDelayString = "${temas.quarantine.cleanup-interval:1h}")
    int clean() {
        int deleted = quarantine.forgetUnauthenticatedBefore(clock.instant().minus(settings.unauthenticatedRetention()));
        if (deleted > 0) {
            log.info("Deleted {} unauthenticated quarantine items older than {}", deleted, settings.unauthenticatedRetention());
        }
        return deleted;
    }
}
