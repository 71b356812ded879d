package io.temas.calls;

import java.time.Instant;

/** A time a customer can be called back in: from {@code start} (inclusive) to {@code end}. */
public record CallbackSlot(Instant start, Instant end) {
}
