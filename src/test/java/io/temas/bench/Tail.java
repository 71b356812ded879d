package io.temas.bench;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Where a phase's slow messages fell in time: the messages over {@link #SLOW_MILLIS}, how many of
 * the phase's seconds held one, and the worst seconds with their wall-clock time (UTC), so a tail
 * can be told apart as a few stalls (a pause, a checkpoint, a lock) or as queueing spread
 * everywhere, and the stalls matched against the server's and PostgreSQL's logs.
 *
 * @param over    messages slower than {@link #SLOW_MILLIS}
 * @param seconds seconds of the phase in which at least one such message was sent
 * @param span    seconds the phase's sending took
 * @param worst   the seconds with the most slow messages, most first
 */
record Tail(int over, int seconds, int span, List<Second> worst) {

    static final long SLOW_MILLIS = 100;

    private static final int SHOWN = 8;

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    /**
     * One second of sending.
     *
     * @param at    when the second began (wall clock)
     * @param slow  its messages over {@link #SLOW_MILLIS}
     * @param sent  its messages in all
     * @param worst its slowest message, in milliseconds
     */
    record Second(Instant at, int slow, int sent, double worst) {

        String clock() {
            return CLOCK.format(at);
        }
    }

    /**
     * @param latencies each message's latency in nanoseconds, -1 when it failed
     * @param began     each message's start ({@link System#nanoTime()}): when it was due, or sent
     * @param sent      how many of the arrays' entries were sent
     * @param start     the phase's start ({@link System#nanoTime()})
     * @param startedAt the same moment on the wall clock
     */
    static Tail of(long[] latencies, long[] began, int sent, long start, Instant startedAt) {
        long slow = TimeUnit.MILLISECONDS.toNanos(SLOW_MILLIS);
        TreeMap<Long, int[]> counts = new TreeMap<>();
        TreeMap<Long, Long> maxima = new TreeMap<>();
        long last = 0;
        int over = 0;
        for (int i = 0; i < sent; i++) {
            if (latencies[i] < 0) {
                continue;
            }
            long second = TimeUnit.NANOSECONDS.toSeconds(began[i] - start);
            last = Math.max(last, second);
            int[] c = counts.computeIfAbsent(second, s -> new int[2]);
            c[1]++;
            maxima.merge(second, latencies[i], Math::max);
            if (latencies[i] > slow) {
                c[0]++;
                over++;
            }
        }
        List<Second> withSlow = new ArrayList<>();
        counts.forEach((second, c) -> {
            if (c[0] > 0) {
                withSlow.add(new Second(startedAt.plusSeconds(second), c[0], c[1], maxima.get(second) / 1e6));
            }
        });
        int seconds = withSlow.size();
        withSlow.sort(Comparator.comparingInt(Second::slow).reversed().thenComparing(Second::at));
        return new Tail(over, seconds, (int) last + 1, List.copyOf(withSlow.subList(0, Math.min(SHOWN, withSlow.size()))));
    }
}
