package io.temas.channels.email;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Hands one mailbox's fetched messages to the pipeline from several workers at once. Each worker
 * (a virtual thread) has a lane of its own, and a message goes to the lane of its sender, so one
 * customer's mails are handed over in the order the server numbered them (a follow-up never
 * overtakes the mail it follows) while different customers' mails go in parallel. At most
 * {@code capacity} messages are queued or being handed over at a time: the fetcher reads ahead
 * only that far.
 */
final class MailboxLanes implements AutoCloseable {

    /** A fetched message: its UID, the key of its sender's lane and its bytes. */
    record Fetched(long uid, String sender, byte[] raw) {
    }

    private static final Fetched END = new Fetched(-1, "", new byte[0]);

    private final List<BlockingQueue<Fetched>> lanes = new ArrayList<>();
    private final List<Thread> workers = new ArrayList<>();
    private final Semaphore room;
    private final int capacity;

    /**
     * @param handOver called on a worker for each message; must not throw (it records failures itself)
     */
    MailboxLanes(String name, int parallelism, int capacity, Consumer<Fetched> handOver) {
        if (parallelism < 1 || capacity < parallelism) {
            throw new IllegalArgumentException("parallelism " + parallelism + ", capacity " + capacity);
        }
        this.capacity = capacity;
        this.room = new Semaphore(capacity);
        for (int i = 0; i < parallelism; i++) {
            BlockingQueue<Fetched> lane = new LinkedBlockingQueue<>();
            lanes.add(lane);
            workers.add(Thread.ofVirtual().name(name + "-" + i).start(() -> work(lane, handOver)));
        }
    }

    /** Queues a message on its sender's lane, waiting at most {@code wait} for room; false when there was none. */
    boolean offer(Fetched message, Duration wait) throws InterruptedException {
        if (!room.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            return false;
        }
        lanes.get(Math.floorMod(message.sender().hashCode(), lanes.size())).add(message);
        return true;
    }

    /** Waits at most {@code wait} until nothing is queued or being handed over; answers whether that is so. */
    boolean awaitIdle(Duration wait) throws InterruptedException {
        if (room.tryAcquire(capacity, wait.toMillis(), TimeUnit.MILLISECONDS)) {
            room.release(capacity);
            return true;
        }
        return false;
    }

    /** Lets the workers finish the messages they hold, drops what is still queued, then ends them. */
    @Override
    public void close() {
        for (BlockingQueue<Fetched> lane : lanes) {
            List<Fetched> dropped = new ArrayList<>();
            lane.drainTo(dropped);
            room.release(dropped.size());
            lane.add(END);
        }
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void work(BlockingQueue<Fetched> lane, Consumer<Fetched> handOver) {
        while (true) {
            Fetched message;
            try {
                message = lane.take();
            } catch (InterruptedException e) {
                return;
            }
            if (message == END) {
                return;
            }
            try {
                handOver.accept(message);
            } finally {
                room.release();
            }
        }
    }
}
