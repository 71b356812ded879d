package io.temas.platform;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Temas keeps its files and how the embedded PostgreSQL runs.
 *
 * @param dataDir    directory for the embedded database and stored attachments
 * @param ephemeral  start an empty embedded database in a fresh temporary directory (tests)
 * @param port       embedded database port; 0 picks a free one
 * @param poolSize   connection pool size
 * @param durable    the embedded database syncs every commit to disk (fsync, synchronous commit); only
 *                   throw-away test databases turn this off
 */
@ConfigurationProperties("temas")
public record DatabaseSettings(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("false") boolean ephemeral,
        @DefaultValue("0") int embeddedPort,
        @DefaultValue("20") int poolSize,
        @DefaultValue("true") boolean durable) {
}
