package io.temas.api;

import java.util.EnumSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** Creates the operator's bootstrap API token at start-up. */
@Component
class BootstrapToken implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BootstrapToken.class);

    private final BootstrapSettings settings;
    private final ApiTokens tokens;

    BootstrapToken(BootstrapSettings settings, ApiTokens tokens) {
        this.settings = settings;
        this.tokens = tokens;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (settings.apiToken() != null && !settings.apiToken().isBlank()) {
            tokens.ensure("bootstrap", EnumSet.allOf(ApiScope.class), settings.apiToken());
            log.info("Bootstrap API token is ready (all scopes)");
        }
    }
}
