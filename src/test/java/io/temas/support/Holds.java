package io.temas.support;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Requests a test keeps waiting where they are, as a slow provider or a busy guard would: the test {@linkplain #hold
 * holds} a key (a recipient, a handle), and the fake {@linkplain #pass passes} the key where its request is, which waits
 * there until the test lets it go.
 */
public final class Holds {

    /** A request kept waiting: {@code reached} completes when it arrives, {@code release} lets it go. */
    public record Held(CompletableFuture<Void> reached, CompletableFuture<Void> release) {
    }

    private final Map<String, Held> held = new ConcurrentHashMap<>();

    /** The next request with {@code key} waits where it {@linkplain #pass passes} until {@link Held#release} completes. */
    public Held hold(String key) {
        Held hold = new Held(new CompletableFuture<>(), new CompletableFuture<>());
        held.put(key, hold);
        return hold;
    }

    /** Where a request with {@code key} is: held, it is marked reached and waits for its release; otherwise it goes on. */
    public void pass(String key) {
        Held hold = key == null ? null : held.remove(key);
        if (hold != null) {
            hold.reached().complete(null);
            hold.release().join();
        }
    }

    /**
     * Runs {@code work} on another thread until every one of {@code holds} is reached, then {@code whileHeld}; lets them
     * all go, whatever happened, and answers what the work answered.
     */
    public static <T> T whileAllReached(Supplier<T> work, Runnable whileHeld, Held... holds) throws Exception {
        CompletableFuture<T> running = CompletableFuture.supplyAsync(work);
        try {
            for (Held hold : holds) {
                hold.reached().get(1, TimeUnit.MINUTES);
            }
            whileHeld.run();
        } finally {
            for (Held hold : holds) {
                hold.release().complete(null);
            }
        }
        return running.get(1, TimeUnit.MINUTES);
    }
}
