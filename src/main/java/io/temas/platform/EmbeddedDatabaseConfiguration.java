package io.temas.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Starts a real PostgreSQL from the binaries on the class path when no external database is
 * configured. Its data lives in {@code <data-dir>/postgres}, so a restart keeps everything.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoExternalDatabase.class)
class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(DatabaseSettings settings) {
        try {
            // Spring stops the database after everything that uses it, so no JVM hook of its own.
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setRegisterShutdownHook(false)
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("shared_buffers", "256MB")
                    .setServerConfig("max_wal_size", "2GB")
                    // The embedded server is started with fsync off; a committed message must survive a power cut.
                    .setServerConfig("fsync", settings.durable() ? "on" : "off")
                    .setServerConfig("synchronous_commit", settings.durable() ? "on" : "off")
                    .setServerConfig("full_page_writes", settings.durable() ? "on" : "off");
            if (settings.ephemeral()) {
                // A throw-away database in the temporary directory, deleted on close; the unpacked
                // binaries are cached there too and shared between runs.
                builder.setDataDirectory(Files.createTempDirectory("temas-db-")).setCleanDataDirectory(true);
            } else {
                Path root = settings.dataDir().toAbsolutePath().normalize();
                Path data = root.resolve("postgres");
                Path binaries = root.resolve("postgres-bin");
                Files.createDirectories(data);
                Files.createDirectories(binaries);
                builder.setDataDirectory(data).setCleanDataDirectory(false).setOverrideWorkingDirectory(binaries.toFile());
            }
            if (settings.embeddedPort() > 0) {
                builder.setPort(settings.embeddedPort());
            }
            EmbeddedPostgres postgres = builder.start();
            log.info("Embedded PostgreSQL started on port {}{}", postgres.getPort(),
                    settings.ephemeral() ? " (ephemeral)" : " with data in " + settings.dataDir().toAbsolutePath().normalize());
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
        }
    }

    @Bean
    DataSource dataSource(EmbeddedPostgres postgres, DatabaseSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        config.setMaximumPoolSize(settings.poolSize());
        config.setPoolName("temas");
        return new HikariDataSource(config);
    }
}
