package io.temas.inbound;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param unauthenticatedRetention how long input refused before its sender was authenticated (a bad webhook
 *                                 signature) stays in the quarantine; authenticated input stays until an admin
 *                                 deals with it
 * @param cleanupInterval          how often expired input is deleted
 */
@ConfigurationProperties("temas.quarantine")
record QuarantineSettings(@DefaultValue("7d") Duration unauthenticatedRetention,
                          @DefaultValue("1h") Duration cleanupInterval) {
}
