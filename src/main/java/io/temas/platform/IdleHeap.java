package io.temas.platform;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Lets the JVM return heap a quiet node no longer uses. G1 sizes the heap for the busiest moment
 * and gives memory back only after a collection; a node without traffic collects rarely, so
 * what a burst of work or the start itself took stays resident for hours. G1's periodic
 * collection (a concurrent cycle when none ran for a while, nothing while the node is busy) is
 * off by default and is a flag the JVM lets a running program set, so {@code java -jar} needs
 * no extra option. A value given on the command line wins; other collectors are left alone.
 */
@Component
class IdleHeap {

    static final String INTERVAL = "G1PeriodicGCInterval";

    private static final Logger log = LoggerFactory.getLogger(IdleHeap.class);

    private final MemorySettings settings;

    IdleHeap(MemorySettings settings) {
        this.settings = settings;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onReady() {
        long millis = settings.idleCollection().toMillis();
        if (millis <= 0) {
            return;
        }
        try {
            HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (hotspot == null || !"true".equals(hotspot.getVMOption("UseG1GC").getValue())) {
                return;
            }
            VMOption interval = hotspot.getVMOption(INTERVAL);
            if (interval.getOrigin() != VMOption.Origin.DEFAULT) {
                return;
            }
            hotspot.setVMOption(INTERVAL, Long.toString(millis));
            log.debug("G1 collects the heap after {} ms without a collection", millis);
        } catch (IllegalArgumentException | UnsupportedOperationException | SecurityException e) {
            log.info("The JVM does not let Temas set {}: {}", INTERVAL, e.getMessage());
        }
    }
}
