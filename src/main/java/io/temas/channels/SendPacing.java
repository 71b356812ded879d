package io.temas.channels;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Spaces a transport's sends on this node to at most its provider's rate ({@link OutboundTransport#sendsPerSecond}):
 * each send gets the next free slot, a 1/rate apart, and waits for it. Sends side by side share the slots, so a lane
 * with eight under way still starts no more than the rate a second; a lane that falls idle starts again at once.
 */
final class SendPacing {

    private final long interval;
    private final LongSupplier nanos;
    private long next;
    private boolean started;

    /** @param perSecond sends a second at most, at least 1 */
    SendPacing(int perSecond, LongSupplier nanos) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("a pace is at least one send a second, not " + perSecond);
        }
        this.interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
        this.nanos = nanos;
    }

    /** Takes the next slot: how many nanoseconds from now it starts (0: now). */
    synchronized long reserve() {
        long now = nanos.getAsLong();
        long slot = !started || now - next > 0 ? now : next;
        started = true;
        next = slot + interval;
        return slot - now;
    }

    /** Waits for the next slot. */
    void await() {
        long wait = reserve();
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
