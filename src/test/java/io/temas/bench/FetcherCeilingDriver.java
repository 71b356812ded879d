package io.temas.bench;

import io.temas.channels.InboundBounce;
import io.temas.channels.InboundMessage;
import io.temas.channels.InboundRejected;
import io.temas.channels.InboundSink;
import io.temas.channels.Receipt;
import io.temas.channels.email.StandaloneFetcher;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * What the IMAP fetcher can do without the pipeline behind it: the same Dovecot and Maildir as
 * {@link DovecotLoadDriver}, the real fetcher (reading, MIME parsing, lanes, flagging), and a
 * sink that answers at once, or after {@code bench.service-ms} to stand in for a pipeline that
 * takes that long per call. One run per value of {@code bench.parallelism} (a comma-separated
 * list), each on a fresh Dovecot.
 */
public final class FetcherCeilingDriver {

    private static final PrintStream OUT = System.out;

    public static void main(String[] args) throws Exception {
        DovecotMailbox.requireInstalled();
        int mails = Integer.getInteger("bench.mails", 10_000);
        double serviceMs = Double.parseDouble(System.getProperty("bench.service-ms", "0"));
        OUT.printf("load before: %s%n", Files.readString(Path.of("/proc/loadavg")).strip());
        for (String value : System.getProperty("bench.parallelism", "1,8").split(",")) {
            int parallelism = Integer.parseInt(value.strip());
            String run = "c" + Long.toHexString(System.nanoTime());
            try (DovecotMailbox dovecot = DovecotMailbox.start("fatura@ornek.com.tr", PackagedJar.secret(),
                    DovecotLoadDriver.generate(run, mails, Long.getLong("bench.seed", 42), 1_000))) {
                AtomicInteger received = new AtomicInteger();
                long start = System.nanoTime();
                int taken = StandaloneFetcher.fetchAll("127.0.0.1", dovecot.port(), dovecot.user(), dovecot.password(), parallelism,
                        new Answering(received, (long) (serviceMs * 1_000_000)));
                double seconds = (System.nanoTime() - start) / 1e9;
                OUT.printf("parallelism %d, %.1f ms per call: %,d of %,d handed over in %.1f s = %.1f messages/s, %,d flagged%n",
                        parallelism, serviceMs, taken, mails, seconds, taken / seconds, dovecot.seen());
            }
        }
        OUT.printf("load after: %s%n", Files.readString(Path.of("/proc/loadavg")).strip());
    }

    /** A pipeline that takes every message at once (or after a fixed time). */
    private record Answering(AtomicInteger received, long serviceNanos) implements InboundSink {

        @Override
        public Receipt receive(InboundMessage message) {
            received.incrementAndGet();
            if (serviceNanos > 0) {
                LockSupport.parkNanos(serviceNanos);
            }
            return new Receipt(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), false);
        }

        @Override
        public InboundRejected reject(String channel, String entryPoint, String externalId, String reason, String contentType, byte[] raw) {
            return new InboundRejected(reason, UUID.randomUUID(), true, null);
        }

        @Override
        public UUID rejectUnauthenticated(String channel, String reason, String contentType, byte[] head, boolean truncated) {
            return UUID.randomUUID();
        }

        @Override
        public boolean bounced(InboundBounce bounce) {
            return true;
        }
    }
}
