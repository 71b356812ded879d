package io.temas.calls;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The call centre's settings.
 *
 * @param pbx          the adapter that places calls ({@code asterisk}, {@code twilio}, {@code cti}, {@code simulated}),
 *                     unless the telephony settings screen names another; none by default
 * @param wrapUpLimit  how long after a call ends its agent counts as busy if they record no wrap-up; then the call is
 *                     wrapped up as {@code not-recorded}
 */
@ConfigurationProperties("temas.calls")
public record CallsSettings(String pbx, @DefaultValue("5m") Duration wrapUpLimit) {
}
