package io.temas.platform;

import io.temas.shared.Ids;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one clock, the one id generator and the file store every module uses. */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Ids ids(Clock clock) {
        return new Ids(clock);
    }

    /** Attachments and other files; in a temporary directory when the database is ephemeral. */
    @Bean
    FileStore fileStore(DatabaseSettings settings) throws java.io.IOException {
        if (settings.ephemeral()) {
            return new FileStore(java.nio.file.Files.createTempDirectory("temas-files-"), true);
        }
        return new FileStore(settings.dataDir().toAbsolutePath().normalize().resolve("files"));
    }
}
