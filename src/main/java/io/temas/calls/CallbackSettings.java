package io.temas.calls;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Defaults for callbacks; the policy screen overrides all but {@code sweep} and {@code portalEntryPoint}.
 *
 * @param slotLength       how long one bookable slot is
 * @param leadTime         how far ahead of now the first bookable slot starts
 * @param daysAhead        how many days after today can still be booked
 * @param averageCallback  how long a callback takes on average, for the capacity forecast
 * @param callbackShare    the share of a slot's agent time (percent) given to callbacks, for the capacity forecast
 * @param offerTimeout     how long an agent has to take an offered callback before it goes to the next agent
 * @param attempts         how many times an unanswered customer is called before the callback fails
 * @param retryInterval    how long after an unanswered attempt the next one is due
 * @param sweep            how often due callbacks are offered and lapsed offers moved on
 * @param portalEntryPoint the number the help centre's callback page books for (default: the first voice entry point)
 */
@ConfigurationProperties("temas.callbacks")
public record CallbackSettings(@DefaultValue("30m") Duration slotLength, @DefaultValue("1h") Duration leadTime,
                               @DefaultValue("7") int daysAhead, @DefaultValue("6m") Duration averageCallback,
                               @DefaultValue("25") int callbackShare, @DefaultValue("2m") Duration offerTimeout,
                               @DefaultValue("3") int attempts, @DefaultValue("15m") Duration retryInterval,
                               @DefaultValue("15s") Duration sweep, String portalEntryPoint) {
}
