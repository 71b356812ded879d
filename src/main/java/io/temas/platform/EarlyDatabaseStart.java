package io.temas.platform;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Starts the embedded PostgreSQL on a thread of its own as soon as the settings are read, so the
 * database boots (the binaries checked, the postmaster started and ready) while Spring prepares
 * the context on the main thread; the {@code embeddedDatabase} bean then takes the started
 * database instead of starting one. A run listener ({@code META-INF/spring.factories}): made once
 * per start, before any bean exists, and never a listener of the application's own events.
 *
 * <p>The database is handed over only to a bean asking with the same settings (a test may change
 * them after the environment is prepared); otherwise, and whenever the context never asks for it,
 * fails, or the JVM is stopped before the context exists, it is stopped, so no postmaster outlives
 * its Temas. Nothing starts while the build processes the application ahead of time.
 */
class EarlyDatabaseStart implements SpringApplicationRunListener {

    private static final Logger log = LoggerFactory.getLogger(EarlyDatabaseStart.class);

    private Started started;

    public EarlyDatabaseStart(SpringApplication application, String[] args) {
    }

    @Override
    public void environmentPrepared(ConfigurableBootstrapContext bootstrap, ConfigurableEnvironment environment) {
        if (Boolean.getBoolean(AbstractAotProcessor.AOT_PROCESSING) || EmbeddedDatabaseConfiguration.external(environment)) {
            return;
        }
        Binder binder = Binder.get(environment);
        DatabaseSettings settings = binder.bindOrCreate("temas", DatabaseSettings.class);
        PostgresSettings sizes = binder.bindOrCreate("temas.postgres", PostgresSettings.class);
        CompletableFuture<EmbeddedDatabase> database = new CompletableFuture<>();
        Thread.ofPlatform().name("embedded-postgres-start").daemon(true).start(() -> {
            try {
                database.complete(EmbeddedDatabase.start(settings, sizes));
            } catch (Throwable e) {
                database.completeExceptionally(e);
            }
        });
        started = new Started(settings, sizes, database);
        // Until the context exists, nothing else would stop it if the JVM is stopped now; afterwards this does nothing.
        SpringApplication.getShutdownHandlers().add(started::destroy);
    }

    @Override
    public void contextLoaded(ConfigurableApplicationContext context) {
        if (started != null) {
            ConfigurableListableBeanFactory beans = context.getBeanFactory();
            beans.registerSingleton(Started.BEAN, started);
            if (beans instanceof DefaultListableBeanFactory registry) {
                registry.registerDisposableBean(Started.BEAN, started);
            }
        }
    }

    @Override
    public void failed(ConfigurableApplicationContext context, Throwable exception) {
        if (started != null) {
            started.destroy();
        }
    }

    /** The database started ahead, until a bean takes it or the context ends. */
    static final class Started implements DisposableBean {

        static final String BEAN = "temas.earlyDatabaseStart";

        private final DatabaseSettings settings;
        private final PostgresSettings sizes;
        private final CompletableFuture<EmbeddedDatabase> database;
        private boolean taken;

        Started(DatabaseSettings settings, PostgresSettings sizes, CompletableFuture<EmbeddedDatabase> database) {
            this.settings = settings;
            this.sizes = sizes;
            this.database = database;
        }

        /**
         * The database started ahead with these settings, once its start has ended; null when it
         * was started with other settings (it is stopped then) or was taken already. A failed
         * start throws what it failed with.
         */
        synchronized EmbeddedDatabase take(DatabaseSettings wanted, PostgresSettings wantedSizes) throws IOException {
            if (taken) {
                return null;
            }
            if (!settings.equals(wanted) || !sizes.equals(wantedSizes)) {
                destroy();
                return null;
            }
            taken = true;
            try {
                return database.join();
            } catch (CompletionException e) {
                switch (e.getCause()) {
                    case IOException io -> throw io;
                    case RuntimeException runtime -> throw runtime;
                    case Error error -> throw error;
                    default -> throw e;
                }
            }
        }

        /** Stops the database unless a bean took it (that bean stops it). */
        @Override
        public synchronized void destroy() {
            if (taken) {
                return;
            }
            taken = true;
            // A start that failed left nothing to stop.
            EmbeddedDatabase ahead = database.exceptionally(failure -> null).join();
            if (ahead == null) {
                return;
            }
            try {
                ahead.close();
            } catch (IOException e) {
                log.warn("The embedded PostgreSQL started ahead could not be stopped cleanly", e);
            }
        }
    }
}
