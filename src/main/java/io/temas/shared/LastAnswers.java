package io.temas.shared;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The last answers of a function that depends on nothing but its argument, one per slot: a fixed
 * table, each answer replaced by the next whose key lands in its slot. For answers asked again
 * moments later, many times a second, where a map with eviction would cost more than it saves.
 * Safe for any number of threads: a slot holds one immutable pair, read and written whole.
 *
 * @param <K> the argument, compared with {@code equals}
 * @param <V> the answer, never null
 */
public final class LastAnswers<K, V> {

    private record Answer<K, V>(K key, V value) {
    }

    private final AtomicReferenceArray<Answer<K, V>> slots;
    private final int shift;

    /** @param slots how many answers at most, a power of two from 2 */
    public LastAnswers(int slots) {
        if (slots < 2 || Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots must be a power of two from 2, not " + slots);
        }
        this.slots = new AtomicReferenceArray<>(slots);
        this.shift = Integer.SIZE - Integer.numberOfTrailingZeros(slots);
    }

    /**
     * The slot of a key with this hash: the hash multiplied by the golden ratio's fraction, top bits, so keys whose
     * hashes are neighbours (numbers, strings differing in their last letter) land apart.
     */
    public int slot(int hash) {
        return (hash * 0x9E3779B9) >>> shift;
    }

    /** The answer kept for the key, or null. */
    public V get(K key, int hash) {
        Answer<K, V> kept = slots.get(slot(hash));
        return kept != null && kept.key().equals(key) ? kept.value() : null;
    }

    /** Keeps the answer, in place of whatever its slot held. */
    public void put(K key, int hash, V value) {
        slots.set(slot(hash), new Answer<>(key, value));
    }
}
