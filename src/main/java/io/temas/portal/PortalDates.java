package io.temas.portal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Dates on the customer's own page, in the page's language and the business calendar's zone (the
 * one the customer is promised answers in). Templates call it as {@code @portalDates}.
 */
@Component("portalDates")
class PortalDates {

    private final ZoneId zone;

    PortalDates(@Value("${temas.routing.zone:Europe/Istanbul}") String zone) {
        this.zone = ZoneId.of(zone);
    }

    public String date(Instant at) {
        return at == null ? "" : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(LocaleContextHolder.getLocale()).withZone(zone).format(at);
    }
}
