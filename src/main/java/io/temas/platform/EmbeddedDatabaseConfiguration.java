package io.temas.platform;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Starts a real PostgreSQL from the binaries on the class path when no external database is
 * configured ({@code spring.datasource.url} unset). Its data lives in {@code <data-dir>/postgres},
 * so a restart keeps everything; only Temas can reach it (see {@link EmbeddedDatabase}).
 *
 * <p>Which of the two is used is decided when the beans are made, not by a condition on the
 * configuration: a context processed ahead of time at build ({@code spring.aot.enabled}) fixes its
 * conditions then, and must still follow the database setting it is started with.
 */
@Configuration(proxyBeanMethods = false)
class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    /** The embedded PostgreSQL; none (a null bean) when an external database is configured. */
    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(Environment environment, DatabaseSettings settings, PostgresSettings sizes,
                                      ObjectProvider<EarlyDatabaseStart.Started> early) {
        if (external(environment)) {
            // Set after the environment was prepared (a test's dynamic property): a database started ahead is not wanted.
            early.ifAvailable(EarlyDatabaseStart.Started::destroy);
            return null;
        }
        try {
            EarlyDatabaseStart.Started ahead = early.getIfAvailable();
            EmbeddedDatabase taken = ahead == null ? null : ahead.take(settings, sizes);
            EmbeddedDatabase database = taken != null ? taken : EmbeddedDatabase.start(settings, sizes);
            log.info("Embedded PostgreSQL started on port {}{}", database.port(),
                    settings.ephemeral() ? " (ephemeral)" : " with data in " + settings.dataDir().toAbsolutePath().normalize());
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
        }
    }

    /**
     * The connection pool: to the embedded database, sized by {@code temas.pool-size} and
     * {@code temas.postgres.*} (which also size the server), or to the external one as Spring Boot
     * makes it, from {@code spring.datasource.*} and then {@code spring.datasource.hikari.*}.
     */
    @Bean
    HikariDataSource dataSource(ObjectProvider<EmbeddedDatabase> embedded, DataSourceProperties external, Environment environment,
                                DatabaseSettings settings, PostgresSettings sizes) {
        EmbeddedDatabase database = embedded.getIfAvailable();
        if (database != null) {
            return embeddedPool(database, settings, sizes);
        }
        // A pool given a data source class takes no driver class (Hikari refuses both).
        boolean dataSourceClass = StringUtils.hasText(environment.getProperty("spring.datasource.hikari.data-source-class-name"));
        HikariDataSource pool = (dataSourceClass
                ? DataSourceBuilder.create(external.getClassLoader()).url(external.determineUrl())
                        .username(external.determineUsername()).password(external.determinePassword())
                : external.initializeDataSourceBuilder())
                .type(HikariDataSource.class).build();
        if (StringUtils.hasText(external.getName())) {
            pool.setPoolName(external.getName());
        }
        Binder.get(environment).bind("spring.datasource.hikari", Bindable.ofInstance(pool));
        untypedStrings(pool);
        return pool;
    }

    /**
     * Strings and text nulls go to PostgreSQL as untyped parameters, which the server types from the statement. With
     * the driver's default, a string is sent as {@code varchar} but a null (which Spring binds without a type) is typed
     * by the server as {@code text}, so a statement run with and without nulls in the same place was prepared anew
     * each time its nulls moved: parsed and planned again on every run (about a fifth of PostgreSQL's time under load).
     * A {@code stringtype} in {@code spring.datasource.url} or {@code spring.datasource.hikari.data-source-properties}
     * still decides.
     */
    static void untypedStrings(HikariDataSource pool) {
        pool.getDataSourceProperties().putIfAbsent("stringtype", "unspecified");
    }

    static HikariDataSource embeddedPool(EmbeddedDatabase database, DatabaseSettings settings, PostgresSettings sizes) {
        // Configured, not started: the pool opens at its first use, after the settings above are bound.
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(database.jdbcUrl());
        pool.setUsername(EmbeddedDatabase.USER);
        pool.setPassword(database.password());
        pool.setMaximumPoolSize(settings.poolSize());
        // A quiet node keeps a few connections (each is a PostgreSQL process); the pool grows when asked.
        pool.setMinimumIdle(Math.min(Math.max(0, sizes.idleConnections()), settings.poolSize()));
        pool.setIdleTimeout(Math.max(10_000, sizes.idleTimeout().toMillis()));
        pool.setPoolName("temas");
        database.socket().ifPresent(socket -> {
            pool.addDataSourceProperty("socketFactory", UnixSocketFactory.class.getName());
            pool.addDataSourceProperty("socketFactoryArg", socket.toString());
        });
        untypedStrings(pool);
        return pool;
    }

    static boolean external(Environment environment) {
        return StringUtils.hasText(environment.getProperty("spring.datasource.url"));
    }
}
