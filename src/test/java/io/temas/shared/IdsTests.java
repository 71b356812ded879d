package io.temas.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.support.HandClock;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class IdsTests {

    private static final Instant NOW = Instant.parse("2026-04-20T07:30:00.123Z");

    @Test
    void producesVersion7UuidsOfTheRfcVariant() {
        UUID id = new Ids(Clock.fixed(NOW, ZoneOffset.UTC)).next();

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
    }

    @Test
    void carriesTheClockMillisecondsInTheFirst48Bits() {
        UUID id = new Ids(Clock.fixed(NOW, ZoneOffset.UTC)).next();

        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(NOW.toEpochMilli());
    }

    @Test
    void increasesStrictlyWithinOneMillisecond() {
        Ids ids = new Ids(Clock.fixed(NOW, ZoneOffset.UTC));
        List<UUID> generated = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) { // more than the 4096 a millisecond's counter holds
            generated.add(ids.next());
        }

        for (int i = 1; i < generated.size(); i++) {
            UUID previous = generated.get(i - 1);
            UUID current = generated.get(i);
            assertThat(current).isGreaterThan(previous);
            assertThat(current.toString()).isGreaterThan(previous.toString());
        }
    }

    @Test
    void restartsTheCounterInANewMillisecond() {
        HandClock clock = new HandClock(NOW);
        Ids ids = new Ids(clock);
        UUID first = ids.next();
        ids.next();
        clock.set(NOW.plusMillis(1));

        UUID later = ids.next();

        assertThat(later.getMostSignificantBits() >>> 16).isEqualTo(NOW.toEpochMilli() + 1);
        assertThat(later.getMostSignificantBits() & 0xFFF).isZero();
        assertThat(later).isGreaterThan(first);
    }

    @Test
    void keepsIncreasingWhenTheClockGoesBack() {
        HandClock clock = new HandClock(NOW);
        Ids ids = new Ids(clock);
        UUID before = ids.next();
        clock.set(NOW.minusSeconds(5));

        assertThat(ids.next()).isGreaterThan(before);
    }

    @Test
    void theRandomPartIsNeverHandedOutTwiceAcrossBlocksAndThreads() throws Exception {
        Ids ids = new Ids(Clock.fixed(NOW, ZoneOffset.UTC));
        int threads = 4;
        int each = 5_000; // 20,000 ids: the random bits of about forty blocks
        List<Future<List<UUID>>> made = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                made.add(pool.submit(() -> {
                    List<UUID> mine = new ArrayList<>(each);
                    for (int i = 0; i < each; i++) {
                        mine.add(ids.next());
                    }
                    return mine;
                }));
            }
            Set<Long> randomParts = new HashSet<>();
            long highBitsSet = 0;
            for (var future : made) {
                for (UUID id : future.get()) {
                    long random = id.getLeastSignificantBits() & 0x3FFFFFFFFFFFFFFFL;
                    assertThat(randomParts.add(random)).as("random part of %s handed out before", id).isTrue();
                    highBitsSet += random >>> 61;
                    assertThat(id.variant()).isEqualTo(2);
                }
            }
            assertThat(randomParts).hasSize(threads * each);
            assertThat(highBitsSet).as("the block's top bits come from the source, not zeros").isPositive();
        }
    }
}
