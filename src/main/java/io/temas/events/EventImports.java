package io.temas.events;

import io.temas.customers.CustomerId;
import io.temas.shared.Ids;
import io.temas.shared.InvalidInput;
import io.temas.shared.ReasonCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports of events from CSV or NDJSON files. The file is stored first, as chunks of lines, in the transaction that
 * creates the job (lines that cannot even be read as text are refused there, by number); then a background runner
 * ({@link ImportRunner}) processes one chunk per transaction: its events stored, its refused lines recorded, the job's
 * counters moved on and the chunk deleted, all or nothing. A job interrupted anywhere (a stop, a crash, a node lost)
 * goes on from its first chunk not committed, and source ids keep any event from being stored twice.
 */
@Service
public class EventImports {

    /** The file formats, by the names the API and the console use. */
    public static final List<String> FORMATS = List.of("csv", "ndjson");

    private static final Pattern FILE_NAME = Pattern.compile("[^\\p{L}\\p{N} ._()-]");

    private final JdbcClient jdbc;
    private final CustomerEvents events;
    private final EventsSettings settings;
    private final Ids ids;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher publisher;

    EventImports(JdbcClient jdbc, CustomerEvents events, EventsSettings settings, Ids ids, Clock clock,
                 PlatformTransactionManager transactions, ApplicationEventPublisher publisher) {
        this.jdbc = jdbc;
        this.events = events;
        this.settings = settings;
        this.ids = ids;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.publisher = publisher;
    }

    /** Published once a new job's file is stored, for the runner to start. */
    record ImportQueued(UUID id) {
    }

    /**
     * Stores the file as a new job and starts it in the background; answers the job once the file is stored.
     *
     * @throws InvalidInput for an unknown format or a CSV file whose header cannot be used
     */
    public ImportJob start(String format, String fileName, InputStream content, String createdBy) {
        ImportJob job = store(format, fileName, content, createdBy, settings.chunkLines());
        publisher.publishEvent(new ImportQueued(job.id()));
        return job;
    }

    /** Stores the file as a new job of chunks of {@code chunkLines} lines, without starting it. */
    ImportJob store(String format, String fileName, InputStream content, String createdBy, int chunkLines) {
        String kind = format == null ? "" : format.trim().toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(kind)) {
            throw new InvalidInput("format", "the format must be csv or ndjson").saying(ReasonCode.of("events.file.format"));
        }
        LineReader reader = new LineReader(content, (int) settings.maxLineSize().toBytes());
        String header = null;
        if (kind.equals("csv")) {
            LineReader.RawLine first = reader.next();
            if (first == null || first.unreadable() != null) {
                if (first == null) {
                    throw new InvalidInput("file", "the CSV file is empty: its first line must name the columns")
                            .saying(ReasonCode.of("events.file.empty"));
                }
                throw new InvalidInput("file", "the CSV header " + first.unreadable())
                        .saying(ReasonCode.of("events.file.header.unreadable", ReasonCode.nested(first.code())));
            }
            EventParser.header(first.text());
            header = first.text().startsWith("\uFEFF") ? first.text().substring(1) : first.text();
        }
        UUID id = ids.next();
        String name = fileName == null ? null : FILE_NAME.matcher(fileName).replaceAll("_");
        String storedHeader = header;
        transaction.executeWithoutResult(status -> {
            Instant now = clock.instant();
            jdbc.sql("""
                            insert into customer_event_imports (id, format, file_name, header, status, created_by, created_at)
                            values (?, ?, ?, ?, 'queued', ?, ?)""")
                    .params(id, kind, name == null ? null : name.substring(0, Math.min(200, name.length())), storedHeader, createdBy,
                            Timestamp.from(now))
                    .update();
            List<EventRefusal> refused = new ArrayList<>();
            List<Integer> numbers = new ArrayList<>(chunkLines);
            List<String> lines = new ArrayList<>(chunkLines);
            int chunks = 0;
            int total = 0;
            for (LineReader.RawLine line = reader.next(); line != null; line = reader.next()) {
                if (line.unreadable() == null && line.text().isBlank()) {
                    continue;
                }
                total++;
                if (line.unreadable() != null || line.text().indexOf('\0') >= 0) {
                    refused.add(line.unreadable() != null
                            ? new EventRefusal(line.number(), null, line.unreadable(), EventParser.storable(line.text()), line.code())
                            : new EventRefusal(line.number(), null, "contains a NUL byte", EventParser.storable(line.text()),
                            io.temas.shared.ReasonCode.of("events.refused.nul")));
                    continue;
                }
                numbers.add(line.number());
                lines.add(line.text());
                if (lines.size() == chunkLines) {
                    chunk(id, chunks++, numbers, lines);
                }
            }
            if (!lines.isEmpty()) {
                chunk(id, chunks++, numbers, lines);
            }
            events.refuse(refused, id, now);
            jdbc.sql("""
                            update customer_event_imports set total_lines = ?, chunks = ?, lines_done = ?, refused = ?,
                            status = case when ? = 0 then 'done' else 'queued' end, finished_at = case when ? = 0 then ?::timestamptz end
                            where id = ?""")
                    .params(total, chunks, refused.size(), refused.size(), chunks, chunks, Timestamp.from(now), id)
                    .update();
        });
        return find(id).orElseThrow();
    }

    private void chunk(UUID job, int number, List<Integer> numbers, List<String> lines) {
        jdbc.sql("insert into customer_event_import_chunks (job_id, chunk_no, line_nos, lines) values (?, ?, ?::int[], ?::text[])")
                .params(job, number, numbers.toArray(Integer[]::new), lines.toArray(String[]::new))
                .update();
        numbers.clear();
        lines.clear();
    }

    /** Jobs not finished, oldest first: the runner's work, including jobs a stopped node left mid-way. */
    List<UUID> pending() {
        return jdbc.sql("select id from customer_event_imports where status in ('queued', 'running') order by created_at")
                .query(UUID.class).list();
    }

    /**
     * Processes the job's next chunk in one transaction; answers whether the job has more to do. Two nodes on the same
     * job never process a chunk twice: the job's row is locked while its next chunk is read, and a node that finds the
     * chunk already done goes on to the one after.
     */
    boolean runChunk(UUID id) {
        Prepared chunk = prepare(id, -1);
        return chunk != null && commit(id, chunk);
    }

    /**
     * A chunk read, checked and resolved, ready to be stored by {@link #commit}; what costs most in Java (parsing) and
     * identity look-ups happen here, outside the storing transaction, so the runner can prepare one chunk while the
     * one before it is stored.
     */
    record Prepared(int number, int lines, List<EventParser.Parsed> parsed, Map<Integer, CustomerId> customers, List<EventRefusal> refused) {
    }

    /**
     * Reads chunk {@code number} of the job (the job's next chunk when negative), parses its lines and resolves their
     * customers. Answers null when the job is finished or has no such chunk; a job whose chunks are all done is then
     * marked done.
     */
    Prepared prepare(UUID id, int number) {
        ImportJob job = find(id).orElse(null);
        if (job == null || job.finished()) {
            return null;
        }
        Chunk chunk = read(id, number);
        if (chunk == null) {
            finishIfDone(id);
            return null;
        }
        List<EventParser.Parsed> parsed = new ArrayList<>();
        List<EventRefusal> refused = new ArrayList<>();
        EventParser parser = events.parser();
        EventParser.Columns columns = chunk.header == null ? null : EventParser.header(chunk.header);
        for (int i = 0; i < chunk.lines.length; i++) {
            int line = chunk.numbers[i];
            String raw = chunk.lines[i];
            if (raw.isEmpty()) {
                // A line an erasure blanked: the person it named is gone.
                continue;
            }
            try {
                parsed.add(columns == null ? parser.json(line, raw) : parser.csv(line, raw, columns));
            } catch (EventParser.LineRefused e) {
                refused.add(new EventRefusal(line, e.field, e.getMessage(), EventParser.storable(raw), e.code));
            }
        }
        Map<Integer, CustomerId> customers = events.resolve(parsed, refused);
        refused.sort(java.util.Comparator.comparingInt(EventRefusal::line));
        return new Prepared(chunk.number, chunk.lines.length, parsed, customers, refused);
    }

    /**
     * Stores a prepared chunk and moves the job on, in one transaction, if the chunk is still the job's next one (not
     * stored by another node meanwhile). Answers whether the job has chunks left.
     */
    boolean commit(UUID id, Prepared chunk) {
        Boolean more = transaction.execute(status -> {
            Integer next = jdbc.sql("select next_chunk from customer_event_imports where id = ? and status in ('queued', 'running') for update")
                    .param(id).query(Integer.class).optional().orElse(null);
            if (next == null || next != chunk.number()) {
                return next != null;
            }
            // Lines an erasure blanked after the chunk was prepared are left out, refusals and all: the person is gone.
            Integer[] blanked = jdbc.sql("""
                            select coalesce((select array_agg(n) from unnest(c.line_nos, c.lines) as l(n, line) where line = ''), '{}')
                            from customer_event_import_chunks c where c.job_id = ? and c.chunk_no = ? for update""")
                    .params(id, chunk.number()).query((rs, n) -> (Integer[]) rs.getArray(1).getArray()).optional().orElse(new Integer[0]);
            if (blanked.length > 0) {
                java.util.Set<Integer> gone = new java.util.HashSet<>(java.util.Arrays.asList(blanked));
                chunk.parsed().removeIf(p -> gone.contains(p.line()));
                chunk.refused().removeIf(r -> gone.contains(r.line()));
            }
            EventOutcome outcome = events.store(chunk.parsed(), chunk.customers(), chunk.refused(), id);
            Instant now = clock.instant();
            String after = jdbc.sql("""
                            update customer_event_imports set next_chunk = next_chunk + 1, lines_done = lines_done + ?, taken = taken + ?,
                            repeated = repeated + ?, refused = refused + ?, started_at = coalesce(started_at, ?),
                            status = case when next_chunk + 1 >= chunks then 'done' else 'running' end,
                            finished_at = case when next_chunk + 1 >= chunks then ?::timestamptz end
                            where id = ? returning status""")
                    .params(chunk.lines(), outcome.taken(), outcome.repeated(), outcome.refused().size(), Timestamp.from(now),
                            Timestamp.from(now), id)
                    .query(String.class).single();
            jdbc.sql("delete from customer_event_import_chunks where job_id = ? and chunk_no = ?").params(id, chunk.number()).update();
            return !"done".equals(after);
        });
        return Boolean.TRUE.equals(more);
    }

    private record Chunk(int number, String header, int[] numbers, String[] lines) {
    }

    private Chunk read(UUID id, int number) {
        return jdbc.sql("""
                        select c.chunk_no, j.header, c.line_nos, c.lines from customer_event_imports j
                        join customer_event_import_chunks c on c.job_id = j.id
                        and c.chunk_no = case when ? < 0 then j.next_chunk else ? end where j.id = ?""")
                .params(number, number, id)
                .query((rs, n) -> new Chunk(rs.getInt("chunk_no"), rs.getString("header"),
                        java.util.Arrays.stream((Integer[]) rs.getArray("line_nos").getArray()).mapToInt(Integer::intValue).toArray(),
                        (String[]) rs.getArray("lines").getArray()))
                .optional().orElse(null);
    }

    private void finishIfDone(UUID id) {
        jdbc.sql("""
                        update customer_event_imports set status = 'done', finished_at = ? where id = ? and status in ('queued', 'running')
                        and next_chunk >= chunks""")
                .params(Timestamp.from(clock.instant()), id).update();
    }

    /** Marks a job failed with the reason (an error that is no line's fault); its chunks stay for {@link #resume}. */
    void fail(UUID id, String reason) {
        jdbc.sql("update customer_event_imports set status = 'failed', failure = ?, finished_at = ? where id = ? and status in ('queued', 'running')")
                .params(reason == null ? "failed" : reason.substring(0, Math.min(reason.length(), 500)), Timestamp.from(clock.instant()), id)
                .update();
    }

    /** Starts a failed job again from its first chunk not done. */
    public ImportJob resume(UUID id) {
        ImportJob job = find(id).orElseThrow(() -> new ImportNotFound(id));
        if ("failed".equals(job.status())) {
            jdbc.sql("update customer_event_imports set status = 'running', failure = null, finished_at = null where id = ? and status = 'failed'")
                    .param(id).update();
            publisher.publishEvent(new ImportQueued(id));
        }
        return find(id).orElseThrow();
    }

    public Optional<ImportJob> find(UUID id) {
        return jdbc.sql("select * from customer_event_imports where id = ?").param(id).query(EventImports::job).optional();
    }

    public ImportJob get(UUID id) {
        return find(id).orElseThrow(() -> new ImportNotFound(id));
    }

    /** The latest jobs, newest first. */
    public List<ImportJob> recent(int limit) {
        return jdbc.sql("select * from customer_event_imports order by created_at desc, id limit ?").param(limit).query(EventImports::job).list();
    }

    /** The job's refused lines in line order. */
    public List<EventRefusal> refusals(UUID id, int limit) {
        return jdbc.sql("select * from customer_event_refusals where job_id = ? order by line_no, id limit ?")
                .params(id, limit)
                .query((rs, n) -> refusal(rs))
                .list();
    }

    private static EventRefusal refusal(java.sql.ResultSet rs) throws java.sql.SQLException {
        java.sql.Array args = rs.getArray("reason_args");
        return new EventRefusal(rs.getInt("line_no"), rs.getString("field"), rs.getString("reason"), rs.getString("raw"),
                io.temas.shared.ReasonCode.stored(rs.getString("reason_key"), args == null ? null : (String[]) args.getArray()));
    }

    /**
     * Writes the job's refused lines as CSV ({@code line,field,reason,raw}), safe to open in a spreadsheet: a cell that
     * would be taken for a formula gets a leading apostrophe. The reason is written as {@code reason} says it (the
     * English sentence for the API, the reader's language for the console).
     */
    public void writeRefusals(UUID id, Writer out, java.util.function.Function<EventRefusal, String> reason) {
        get(id);
        try {
            out.write("line,field,reason,raw\r\n");
            jdbc.sql("select * from customer_event_refusals where job_id = ? order by line_no, id")
                    .param(id)
                    .query(rs -> {
                        try {
                            EventRefusal r = refusal(rs);
                            out.write(r.line() + "," + cell(r.field()) + "," + cell(reason.apply(r)) + "," + cell(r.raw()) + "\r\n");
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String cell(String value) {
        if (value == null) {
            return "";
        }
        boolean formula = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 && !value.matches("-?\\d+(\\.\\d+)?");
        String safe = formula ? "'" + value : value;
        return formula || safe.contains(",") || safe.contains(";") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")
                ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
    }

    private static ImportJob job(ResultSet rs, int n) throws SQLException {
        return new ImportJob(rs.getObject("id", UUID.class), rs.getString("format"), rs.getString("file_name"), rs.getString("status"),
                rs.getInt("total_lines"), rs.getInt("lines_done"), rs.getInt("taken"), rs.getInt("repeated"), rs.getInt("refused"),
                rs.getString("failure"), rs.getString("created_by"), instant(rs, "created_at"), instant(rs, "started_at"),
                instant(rs, "finished_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
