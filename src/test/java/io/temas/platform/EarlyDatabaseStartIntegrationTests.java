package io.temas.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The embedded PostgreSQL started ahead of the beans, on real PostgreSQL processes: the bean with
 * the same settings gets it, and otherwise it is stopped with the context, never left running.
 */
class EarlyDatabaseStartIntegrationTests {

    @TempDir
    Path dataDir;

    @Test
    void theBeanWithTheSameSettingsTakesTheStartedDatabaseAndStopsItItself() throws Exception {
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            EarlyDatabaseStart.Started started = startAhead(context, Map.of("temas.data-dir", dataDir.toString()));

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
    void startedWithOtherSettingsItIsStoppedAndTheBeanStartsItsOwn() throws Exception {
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            EarlyDatabaseStart.Started started = startAhead(context, Map.of("temas.data-dir", dataDir.toString()));

            assertThat(started.take(new DatabaseSettings(dataDir, false, 0, 7, true), PostgresSettings.DEFAULTS)).isNull();
            assertThat(postmasterRunning()).isFalse();
        }
    }

    @Test
    void neverTakenItIsStoppedWithTheContext() throws Exception {
        GenericApplicationContext context = new GenericApplicationContext();
        startAhead(context, Map.of("temas.data-dir", dataDir.toString()));
        context.refresh();
        context.close();
        assertThat(postmasterRunning()).isFalse();
    }

    @Test
    void anExternalDatabaseStartsNothing() {
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            EarlyDatabaseStart listener = new EarlyDatabaseStart();
            StandardEnvironment environment = environment(Map.of("temas.data-dir", dataDir.toString(),
                    "spring.datasource.url", "jdbc:postgresql://localhost:5432/temas"));
            listener.onApplicationEvent(new ApplicationEnvironmentPreparedEvent(new DefaultBootstrapContext(), new SpringApplication(),
                    new String[0], environment));
            listener.onApplicationEvent(new ApplicationPreparedEvent(new SpringApplication(), new String[0], context));
            assertThat(context.getBeanFactory().containsBean(EarlyDatabaseStart.Started.BEAN)).isFalse();
            assertThat(dataDir.resolve("postgres")).doesNotExist();
        }
    }

    private EarlyDatabaseStart.Started startAhead(GenericApplicationContext context, Map<String, Object> properties) {
        EarlyDatabaseStart listener = new EarlyDatabaseStart();
        listener.onApplicationEvent(new ApplicationEnvironmentPreparedEvent(new DefaultBootstrapContext(), new SpringApplication(),
                new String[0], environment(properties)));
        listener.onApplicationEvent(new ApplicationPreparedEvent(new SpringApplication(), new String[0], context));
        return context.getBeanFactory().getBean(EarlyDatabaseStart.Started.BEAN, EarlyDatabaseStart.Started.class);
    }

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }

    /** Whether a postmaster runs on the data directory: its pid file exists while it does. */
    private boolean postmasterRunning() {
        return dataDir.resolve("postgres").resolve(OrphanedPostmaster.PID_FILE).toFile().exists();
    }

    private static boolean opens(EmbeddedDatabase database) {
        try (Connection ignored = DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USER, database.password())) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
