package io.temas.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Starts a real PostgreSQL from the binaries on the class path when no external database is
 * configured. Its data lives in {@code <data-dir>/postgres}, so a restart keeps everything; only
 * Temas can reach it (see {@link EmbeddedDatabase}).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoExternalDatabase.class)
class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(DatabaseSettings settings, PostgresSettings sizes) {
        try {
            EmbeddedDatabase database = EmbeddedDatabase.start(settings, sizes);
            log.info("Embedded PostgreSQL started on port {}{}", database.port(),
                    settings.ephemeral() ? " (ephemeral)" : " with data in " + settings.dataDir().toAbsolutePath().normalize());
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
        }
    }

    @Bean
    DataSource dataSource(EmbeddedDatabase database, DatabaseSettings settings, PostgresSettings sizes) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database.jdbcUrl());
        config.setUsername(EmbeddedDatabase.USER);
        config.setPassword(database.password());
        config.setMaximumPoolSize(settings.poolSize());
        // A quiet node keeps a few connections (each is a PostgreSQL process); the pool grows when asked.
        config.setMinimumIdle(Math.min(Math.max(0, sizes.idleConnections()), settings.poolSize()));
        config.setIdleTimeout(Math.max(10_000, sizes.idleTimeout().toMillis()));
        config.setPoolName("temas");
        return new HikariDataSource(config);
    }
}
