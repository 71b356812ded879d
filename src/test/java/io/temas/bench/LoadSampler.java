package io.temas.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The machine's one-minute load average, which every benchmark figure is written beside: read once ({@link #now()}), or
 * sampled every second while a phase runs ({@link #start()}, {@link #reset()} at the start of a phase, {@link #summary()}
 * at its end).
 */
final class LoadSampler implements AutoCloseable {

    private static final Path LOADAVG = Path.of("/proc/loadavg");

    private final List<Double> loads = new ArrayList<>();
    private volatile boolean running = true;
    private Thread thread;

    /** The one-minute load average now, or "?" where the system does not tell it. */
    static String now() {
        try {
            return Files.readString(LOADAVG).strip().split(" ", 2)[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    static LoadSampler start() {
        LoadSampler sampler = new LoadSampler();
        sampler.thread = Thread.ofPlatform().daemon().start(sampler::sample);
        return sampler;
    }

    /** Forgets the samples taken so far: a new phase begins. */
    void reset() {
        synchronized (loads) {
            loads.clear();
        }
    }

    /** Lowest, highest and mean one-minute load since the last {@link #reset()}. */
    String summary() {
        synchronized (loads) {
            if (loads.isEmpty()) {
                return "not sampled";
            }
            double min = loads.stream().mapToDouble(Double::doubleValue).min().orElse(0);
            double max = loads.stream().mapToDouble(Double::doubleValue).max().orElse(0);
            double mean = loads.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            return String.format(Locale.ROOT, "1-min load %.2f–%.2f, mean %.2f over %d samples", min, max, mean, loads.size());
        }
    }

    private void sample() {
        while (running) {
            try {
                double load = Double.parseDouble(Files.readString(LOADAVG).split(" ")[0]);
                synchronized (loads) {
                    loads.add(load);
                }
                Thread.sleep(1000);
            } catch (IOException | RuntimeException | InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join();
    }
}
