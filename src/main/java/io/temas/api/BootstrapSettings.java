package io.temas.api;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Start-up credentials set by the operator.
 *
 * @param apiToken      when set, an admin API token with this value exists after start-up
 * @param adminPassword when set, the console user {@code admin} exists with this password after start-up
 */
@ConfigurationProperties("temas.bootstrap")
public record BootstrapSettings(String apiToken, String adminPassword) {
}
