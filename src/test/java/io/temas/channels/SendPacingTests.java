package io.temas.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SendPacingTests {

    private static final long MS = 1_000_000L;

    @Test
    void sendsAskingAtOnceGetSlotsOneIntervalApart() {
        AtomicLong now = new AtomicLong(-5 * MS);
        SendPacing pacing = new SendPacing(25, now::get);

        assertThat(pacing.reserve()).isZero();
        assertThat(pacing.reserve()).isEqualTo(40 * MS);
        assertThat(pacing.reserve()).isEqualTo(80 * MS);
    }

    @Test
    void aSendAskingAfterItsSlotWaitsOnlyForWhatIsLeftAndAnIdleLaneStartsAtOnce() {
        AtomicLong now = new AtomicLong(Long.MAX_VALUE - 50 * MS);
        SendPacing pacing = new SendPacing(10, now::get);
        pacing.reserve();
        pacing.reserve();

        now.addAndGet(30 * MS);
        assertThat(pacing.reserve()).as("its slot is 200 ms after the first").isEqualTo(170 * MS);

        // Past the end of the long's range, as nanoTime may be.
        now.addAndGet(10_000 * MS);
        assertThat(pacing.reserve()).isZero();
        assertThat(pacing.reserve()).isEqualTo(100 * MS);
    }

    @Test
    void aPaceBelowOneASecondIsRefused() {
        assertThatThrownBy(() -> new SendPacing(0, System::nanoTime)).isInstanceOf(IllegalArgumentException.class);
    }
}
