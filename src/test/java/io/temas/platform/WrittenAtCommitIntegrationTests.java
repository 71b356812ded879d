package io.temas.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.support.TemasIntegrationTest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rows held for a transaction are written together when it asks or just before it commits, never after a rollback,
 * and a transaction started inside another holds its own.
 */
@TemasIntegrationTest
class WrittenAtCommitIntegrationTests {

    @Autowired
    PlatformTransactionManager manager;

    private final List<List<String>> written = new CopyOnWriteArrayList<>();
    private final WrittenAtCommit<String> rows = new WrittenAtCommit<>(written::add);

    @Test
    void rowsAreHeldUntilTheCommitAndWrittenInOneBatchInTheirOrder() {
        new TransactionTemplate(manager).executeWithoutResult(tx -> {
            assertThat(rows.hold("a")).isTrue();
            assertThat(rows.hold("b")).isTrue();
            rows.hold("c");
            assertThat(written).as("nothing written before the commit").isEmpty();
            assertThat(rows.held()).containsExactly("a", "b", "c");
        });

        assertThat(written).containsExactly(List.of("a", "b", "c"));
        List<String> heldAfter = new TransactionTemplate(manager).execute(tx -> rows.held());
        assertThat(heldAfter).as("a new transaction holds nothing").isEmpty();
    }

    @Test
    void aFlushWritesWhatIsHeldAndLaterRowsGoAtTheCommit() {
        new TransactionTemplate(manager).executeWithoutResult(tx -> {
            rows.hold("a");
            rows.hold("b");
            rows.flush();
            assertThat(written).containsExactly(List.of("a", "b"));
            assertThat(rows.held()).isEmpty();
            rows.flush();
            rows.hold("c");
        });

        assertThat(written).as("an empty flush writes nothing").containsExactly(List.of("a", "b"), List.of("c"));
    }

    @Test
    void aRollbackWritesNothingAndWithoutATransactionNothingIsHeld() {
        new TransactionTemplate(manager).executeWithoutResult(tx -> {
            rows.hold("a");
            tx.setRollbackOnly();
        });
        assertThat(written).isEmpty();

        assertThat(rows.hold("b")).as("no transaction: the caller writes it").isFalse();
        assertThat(rows.held()).isEmpty();
        rows.flush();
        assertThat(written).isEmpty();
    }

    @Test
    void aTransactionStartedInsideAnotherHoldsItsOwnRows() {
        TransactionTemplate inner = new TransactionTemplate(manager);
        inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        new TransactionTemplate(manager).executeWithoutResult(tx -> {
            rows.hold("outer");
            inner.executeWithoutResult(nested -> {
                assertThat(rows.held()).as("the outer transaction's rows are not the inner one's").isEmpty();
                rows.hold("inner");
            });
            assertThat(written).as("the inner transaction committed its own").containsExactly(List.of("inner"));
            assertThat(rows.held()).containsExactly("outer");
        });

        assertThat(written).containsExactly(List.of("inner"), List.of("outer"));
    }
}
