package io.temas.campaigns;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Campaign settings.
 *
 * @param zone           the zone quiet hours are read in
 * @param requireConsent commercial contact needs a recorded consent (İYS), the default: having written to support is no
 *                       consent to marketing. False only where consents are kept elsewhere and not imported: then only a
 *                       withdrawn consent refuses
 * @param sendRate       campaign messages per second handed to a channel's provider
 * @param guardShare     share by which a send's audience may differ from its preview or the last send
 * @param publicUrl      the address customers reach Temas at, for the tracked links in campaign e-mail ({@code temas.public-url}
 *                       unless set apart)
 */
@ConfigurationProperties("temas.campaigns")
public record CampaignSettings(
        @DefaultValue("Europe/Istanbul") ZoneId zone,
        @DefaultValue("true") boolean requireConsent,
        @DefaultValue("20") int sendRate,
        @DefaultValue("0.2") double guardShare,
        @DefaultValue("http://localhost:8080") String publicUrl) {
}
