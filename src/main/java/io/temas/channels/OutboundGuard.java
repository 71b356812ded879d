package io.temas.channels;

import java.time.Instant;

/**
 * Asked by the outbox dispatcher right before each send, outside the transaction that queued it:
 * a module whose sends depend on rules that can change while a message waits (a customer who
 * opts out, a campaign answered on another channel) says here whether it may still leave.
 */
public interface OutboundGuard {

    /** The guard's verdict on one queued message. */
    sealed interface Verdict {
    }

    /** Send it. */
    record Proceed() implements Verdict {
    }

    /** Not now: keep it queued until {@code until} (quiet hours). */
    record Hold(Instant until, String reason) implements Verdict {
    }

    /** Never: the message is dropped with the reason. */
    record Drop(String reason) implements Verdict {
    }

    Verdict PROCEED = new Proceed();

    /** Only messages this guard cares about need a look; everything else proceeds. */
    Verdict check(OutboundMessage message);
}
