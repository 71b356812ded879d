package io.temas.console;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The console's own settings.
 *
 * @param zone the zone dates are shown in for a viewer whose browser has not said its own ({@link ViewerZone})
 */
@ConfigurationProperties("temas.console")
record ConsoleSettings(@DefaultValue("Europe/Istanbul") ZoneId zone) {
}
