package io.temas.api;

import io.temas.shared.SecretRules;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Start-up credentials set by the operator. Both follow the rule the console's user screens apply
 * to passwords ({@link SecretRules}: at least eight characters); a value that breaks it stops the
 * start with a message naming the setting, rather than creating an admin anybody could guess.
 *
 * @param apiToken      when set, an admin API token with this value exists after start-up
 * @param adminPassword when set, the console user {@code admin} exists with this password after start-up
 */
@ConfigurationProperties("temas.bootstrap")
public record BootstrapSettings(String apiToken, String adminPassword) {

    public BootstrapSettings {
        check("temas.bootstrap.api-token", "TEMAS_BOOTSTRAP_API_TOKEN", apiToken);
        check("temas.bootstrap.admin-password", "TEMAS_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
    }

    private static void check(String property, String variable, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        SecretRules.problem(value).ifPresent(problem -> {
            throw new IllegalArgumentException(property + " (" + variable + ") is " + problem.english() + ": it must have at least "
                    + SecretRules.MIN_LENGTH + " characters and at most " + SecretRules.MAX_BYTES
                    + " bytes, as passwords set in the console do. Choose another value, or leave it unset.");
        });
    }
}
