package io.temas.events;

import java.time.Instant;
import java.util.UUID;

/**
 * An import of a CSV or NDJSON file: {@code totalLines} counts the file's event lines (not its header or blank
 * lines), {@code linesDone} those processed so far (taken, repeated or refused).
 */
public record ImportJob(UUID id, String format, String fileName, String status, int totalLines, int linesDone, int taken,
                        int repeated, int refused, String failure, String createdBy, Instant createdAt, Instant startedAt,
                        Instant finishedAt) {

    /** Whole per cent of lines processed; 100 for an empty file. */
    public int percent() {
        return totalLines == 0 ? 100 : (int) (100L * linesDone / totalLines);
    }

    public boolean finished() {
        return "done".equals(status) || "failed".equals(status);
    }
}
