package io.temas.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The embedded PostgreSQL started ahead of the beans, on real PostgreSQL processes: the bean with
 * the same settings gets it, and otherwise it is stopped with the context, never left running.
 * A database that was started leaves {@code postmaster.opts} behind; one that runs, {@code postmaster.pid}.
 */
class EarlyDatabaseStartIntegrationTests {

    @TempDir
    Path dataDir;

    @Test
    void theBeanWithTheSameSettingsTakesTheStartedDatabaseAndTheContextsEndLeavesItToTheBean() throws Exception {
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            EarlyDatabaseStart.Started started = startAhead(context, Map.of("temas.data-dir", dataDir.toString()));
            context.refresh();

            EmbeddedDatabase database = started.take(new DatabaseSettings(dataDir, false, 0, 20, true), PostgresSettings.DEFAULTS);
            try (database) {
                assertThat(database).isNotNull();
                assertThat(started.take(new DatabaseSettings(dataDir, false, 0, 20, true), PostgresSettings.DEFAULTS))
                        .as("taken once").isNull();
                context.close();
                assertThat(opens(database)).as("the context's end leaves a taken database to its bean").isTrue();
            }
            assertThat(opens(database)).isFalse();
        }
    }

    @Test
    void startedWithOtherSettingsItIsStopped() throws Exception {
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            EarlyDatabaseStart.Started started = startAhead(context, Map.of("temas.data-dir", dataDir.toString()));

            assertThat(started.take(new DatabaseSettings(dataDir, false, 0, 7, true), PostgresSettings.DEFAULTS)).isNull();
            assertThat(postmaster("postmaster.opts")).as("it was started").isTrue();
            assertThat(postmaster("postmaster.pid")).as("and is stopped").isFalse();
        }
    }

    @Test
    void neverTakenItIsStoppedWithTheContext() {
        GenericApplicationContext context = new GenericApplicationContext();
        startAhead(context, Map.of("temas.data-dir", dataDir.toString()));
        context.refresh();
        context.close();
        assertThat(postmaster("postmaster.opts")).as("it was started").isTrue();
        assertThat(postmaster("postmaster.pid")).as("and is stopped").isFalse();
    }

    @Test
    void aContextThatFailsStopsIt() {
        GenericApplicationContext context = new GenericApplicationContext();
        EarlyDatabaseStart listener = listener(context, Map.of("temas.data-dir", dataDir.toString()));
        listener.failed(context, new IllegalStateException("a bean could not be made"));
        assertThat(postmaster("postmaster.opts")).as("it was started").isTrue();
        assertThat(postmaster("postmaster.pid")).as("and is stopped").isFalse();
    }

    @Test
    void anExternalDatabaseOrTheBuildsProcessingStartsNothing() {
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            listener(context, Map.of("temas.data-dir", dataDir.toString(), "spring.datasource.url", "jdbc:postgresql://localhost:5432/temas"));
            assertThat(context.getBeanFactory().containsBean(EarlyDatabaseStart.Started.BEAN)).isFalse();
        }
        System.setProperty(AbstractAotProcessor.AOT_PROCESSING, "true");
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            listener(context, Map.of("temas.data-dir", dataDir.toString()));
            assertThat(context.getBeanFactory().containsBean(EarlyDatabaseStart.Started.BEAN)).isFalse();
        } finally {
            System.clearProperty(AbstractAotProcessor.AOT_PROCESSING);
        }
        assertThat(dataDir.resolve("postgres")).doesNotExist();
    }

    private EarlyDatabaseStart.Started startAhead(GenericApplicationContext context, Map<String, Object> properties) {
        listener(context, properties);
        return context.getBeanFactory().getBean(EarlyDatabaseStart.Started.BEAN, EarlyDatabaseStart.Started.class);
    }

    /** The listener as a start runs it: the environment prepared, then the context loaded. */
    private static EarlyDatabaseStart listener(GenericApplicationContext context, Map<String, Object> properties) {
        EarlyDatabaseStart listener = new EarlyDatabaseStart(new SpringApplication(), new String[0]);
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        listener.environmentPrepared(new DefaultBootstrapContext(), environment);
        listener.contextLoaded(context);
        return listener;
    }

    private boolean postmaster(String file) {
        return dataDir.resolve("postgres").resolve(file).toFile().exists();
    }

    private static boolean opens(EmbeddedDatabase database) {
        try (Connection ignored = DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USER, database.password())) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
