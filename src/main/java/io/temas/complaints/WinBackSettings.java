package io.temas.complaints;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who the win-back list looks for, unless the screen or the API asks otherwise.
 *
 * @param lookBack   how far back a bad experience counts
 * @param quiet      how long a customer must have been silent (no inbound message, no open conversation)
 * @param csatAtMost the highest survey satisfaction score (1-5) that counts as a bad experience
 * @param limit      the most customers one list shows
 */
@ConfigurationProperties("temas.win-back")
public record WinBackSettings(@DefaultValue("90d") Duration lookBack, @DefaultValue("30d") Duration quiet,
                              @DefaultValue("2") int csatAtMost, @DefaultValue("1000") int limit) {
}
