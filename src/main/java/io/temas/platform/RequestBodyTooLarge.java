package io.temas.platform;

import java.io.IOException;
import java.util.Optional;

/**
 * A request body sent in chunks that passed its limit while it was read (see {@code WebDoors}): whatever the reader
 * made of the failed read, the answer is 413, not the reader's error.
 */
public final class RequestBodyTooLarge extends IOException {

    private final long limit;

    RequestBodyTooLarge(long limit) {
        super("the request body is larger than " + limit + " bytes");
        this.limit = limit;
    }

    /** The body limit of the request's path, in bytes. */
    public long limit() {
        return limit;
    }

    /** What the 413 problem says, at the door or after a read (the API's English, as every problem detail). */
    public static String detail(long limit) {
        return "Request bodies here are limited to " + limit + " bytes.";
    }

    /** This failure among the causes of {@code e}, if it is one. */
    public static Optional<RequestBodyTooLarge> among(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RequestBodyTooLarge tooLarge) {
                return Optional.of(tooLarge);
            }
        }
        return Optional.empty();
    }
}
