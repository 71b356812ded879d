package io.temas.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.temas.support.TemasIntegrationTest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An import interrupted mid-way goes on from its last committed chunk: nothing is taken twice, no refused line is
 * reported twice, and a chunk whose transaction died is done again whole.
 */
@TemasIntegrationTest
class ImportResumeIntegrationTests {

    @Autowired
    EventImports imports;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ImportRunner runner;

    @Autowired
    DataSource dataSource;

    @org.junit.jupiter.api.AfterEach
    void release() {
        runner.release();
    }

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void anImportLeftMidWayGoesOnFromItsLastCommittedChunkAndTakesEveryLineOnce() {
        String prefix = "resume-" + UUID.randomUUID().toString().substring(0, 8);
        StringBuilder ndjson = new StringBuilder();
        int bad = 0;
        for (int i = 1; i <= 20; i++) {
            boolean refused = i % 7 == 0;
            bad += refused ? 1 : 0;
            ndjson.append("{\"type\":\"payment\",\"at\":\"").append(refused ? "soon" : "2026-12-01T10:00:00Z").append("\",\"sourceId\":\"")
                    .append(prefix).append('-').append(i).append("\",\"identifiers\":{\"accountNumber\":\"TR").append(prefix.hashCode() & 0xffff)
                    .append(i % 4).append("\"},\"attributes\":{\"amount\":").append(i).append("}}\n");
        }
        // This node is down; the job is stored in chunks of 3 lines.
        runner.hold();
        ImportJob job = imports.store("ndjson", "resume.ndjson", new ByteArrayInputStream(ndjson.toString().getBytes(StandardCharsets.UTF_8)),
                "test", 3);
        assertThat(job.totalLines()).isEqualTo(20);
        assertThat(chunksLeft(job.id())).isEqualTo(7);

        // Two chunks committed, then the run stops.
        imports.runChunk(job.id());
        imports.runChunk(job.id());
        ImportJob midWay = imports.get(job.id());
        assertThat(midWay.linesDone()).isEqualTo(6);
        assertThat(midWay.status()).isEqualTo("running");
        int stored = stored(prefix);

        // A third chunk dies inside its transaction (a kill mid-chunk): nothing of it stays.
        TransactionTemplate dying = new TransactionTemplate(transactions);
        dying.executeWithoutResult(status -> {
            imports.runChunk(job.id());
            status.setRollbackOnly();
        });
        assertThat(stored(prefix)).isEqualTo(stored);
        assertThat(imports.get(job.id()).linesDone()).isEqualTo(midWay.linesDone());

        // The node comes back: the runner's round takes every pending job to its end.
        runner.release();
        await().atMost(Duration.ofSeconds(30)).until(() -> imports.get(job.id()).finished());

        ImportJob done = imports.get(job.id());
        assertThat(done.status()).isEqualTo("done");
        assertThat(done.linesDone()).isEqualTo(20);
        assertThat(done.taken()).isEqualTo(20 - bad);
        // Had the import started again from zero, the first chunks' events would count as repeated here.
        assertThat(done.repeated()).isZero();
        assertThat(done.refused()).isEqualTo(bad);
        assertThat(stored(prefix)).isEqualTo(20 - bad);
        List<Integer> refusedLines = imports.refusals(job.id(), 100).stream().map(EventRefusal::line).toList();
        assertThat(refusedLines).containsExactly(7, 14);
        assertThat(chunksLeft(job.id())).isZero();
    }

    @Test
    void stoppingLetsTheChunkUnderWayCommitRatherThanBreakItsStatement() throws Exception {
        String prefix = "stop-" + UUID.randomUUID().toString().substring(0, 8);
        StringBuilder ndjson = new StringBuilder();
        for (int i = 1; i <= 9; i++) {
            ndjson.append("{\"type\":\"payment\",\"at\":\"2026-12-01T10:00:00Z\",\"sourceId\":\"").append(prefix).append('-').append(i)
                    .append("\",\"identifiers\":{\"accountNumber\":\"TR").append(prefix.hashCode() & 0xffff).append(i % 3)
                    .append("\"},\"attributes\":{\"amount\":").append(i).append("}}\n");
        }
        runner.hold();
        ImportJob job = imports.store("ndjson", "stop.ndjson", new ByteArrayInputStream(ndjson.toString().getBytes(StandardCharsets.UTF_8)),
                "test", 3);
        ImportRunner stopping = new ImportRunner(imports);
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement lock = other.prepareStatement("select 1 from customer_event_imports where id = ? for update")) {
                // Someone holds the job's row, so the runner's first chunk waits inside its commit's first statement.
                lock.setObject(1, job.id());
                lock.execute();
            }
            stopping.wake();
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("""
                    select count(*) from pg_stat_activity
                    where wait_event_type = 'Lock' and query like '%select next_chunk from customer_event_imports%'""")
                    .query(Integer.class).single() == 1);

            Thread stopper = Thread.ofPlatform().start(stopping::stop);
            // The stop has begun: it waits for the chunk, or (interrupting) it is over already.
            await().atMost(Duration.ofSeconds(30)).until(() -> stopper.getState() == Thread.State.TIMED_WAITING || !stopper.isAlive());
            other.commit();
            stopper.join();
        }
        // The chunk under way committed, and the runner took no other.
        assertThat(imports.get(job.id()).linesDone()).isEqualTo(3);
        assertThat(stored(prefix)).isEqualTo(3);
    }

    private int stored(String prefix) {
        return jdbc.sql("select count(*) from customer_events where source_id like ?").param(prefix + "-%").query(Integer.class).single();
    }

    private int chunksLeft(UUID job) {
        return jdbc.sql("select count(*) from customer_event_import_chunks where job_id = ?").param(job).query(Integer.class).single();
    }
}
