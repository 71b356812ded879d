package io.temas.api;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Start-up credentials set by the operator.
 *
 * @param apiToken when set, an admin API token with this value exists after start-up
 */
@ConfigurationProperties("temas.bootstrap")
public record BootstrapSettings(String apiToken) {
}
