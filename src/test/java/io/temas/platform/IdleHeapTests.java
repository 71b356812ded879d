package io.temas.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** On G1 the running JVM is told to collect a quiet heap; a value somebody else gave is kept. */
class IdleHeapTests {

    private final HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);

    @AfterEach
    void turnPeriodicCollectionOffAgain() {
        if ("true".equals(hotspot.getVMOption("UseG1GC").getValue())) {
            hotspot.setVMOption(IdleHeap.INTERVAL, "0");
        }
    }

    @Test
    void onG1TheQuietHeapIsCollectedAfterTheIntervalAndALaterOrOtherValueIsNotForced() {
        assumeThat(hotspot.getVMOption("UseG1GC").getValue()).as("this JVM runs G1").isEqualTo("true");
        assumeThat(hotspot.getVMOption(IdleHeap.INTERVAL).getOrigin()).as("nobody set the interval yet")
                .isEqualTo(com.sun.management.VMOption.Origin.DEFAULT);

        new IdleHeap(new MemorySettings(Duration.ZERO)).onReady();
        assertThat(hotspot.getVMOption(IdleHeap.INTERVAL).getValue()).as("0 leaves the JVM as it is").isEqualTo("0");

        new IdleHeap(new MemorySettings(Duration.ofSeconds(45))).onReady();
        assertThat(hotspot.getVMOption(IdleHeap.INTERVAL).getValue()).isEqualTo("45000");

        new IdleHeap(new MemorySettings(Duration.ofSeconds(90))).onReady();
        assertThat(hotspot.getVMOption(IdleHeap.INTERVAL).getValue()).as("a value set before is kept").isEqualTo("45000");
    }
}
