package io.temas.shared;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one id generator: time-ordered UUIDs (version 7, RFC 9562), so primary keys insert at
 * the right edge of their index and sort by creation.
 */
public final class Ids {

    private final Clock clock;
    /** Random bits read a block at a time: the system's source is read under a lock, and an id takes eight bytes of it. */
    private static final int BLOCK = 512;

    private final SecureRandom random = new SecureRandom();
    private final AtomicLong lastMillisAndCounter = new AtomicLong();
    private final ReentrantLock blockLock = new ReentrantLock();
    private final long[] block = new long[BLOCK];
    private int used = BLOCK;

    public Ids(Clock clock) {
        this.clock = clock;
    }

    public UUID next() {
        long millis = clock.millis();
        // 12 bits of a per-millisecond counter keep ids from one node monotonic.
        long stamp = lastMillisAndCounter.updateAndGet(prev -> {
            long prevMillis = prev >>> 12;
            if (millis > prevMillis) {
                return millis << 12;
            }
            return prev + 1;
        });
        long stampMillis = stamp >>> 12;
        long counter = stamp & 0xFFF;
        long msb = (stampMillis << 16) | 0x7000L | counter;
        long lsb = (randomBits() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    /** Eight random bytes from the block, which is filled again from the secure source once used up; none is handed out twice. */
    private long randomBits() {
        blockLock.lock();
        try {
            if (used == BLOCK) {
                byte[] bytes = new byte[BLOCK * Long.BYTES];
                random.nextBytes(bytes);
                ByteBuffer.wrap(bytes).asLongBuffer().get(block);
                used = 0;
            }
            return block[used++];
        } finally {
            blockLock.unlock();
        }
    }
}
