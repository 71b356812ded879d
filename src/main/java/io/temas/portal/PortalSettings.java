package io.temas.portal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param contactEntryPoint the web-form entry point the "write to us" form posts into
 * @param contactEmail      the address shown under "still need help?"
 * @param contactPhone      the phone number shown under "still need help?", as people write it
 * @param votesPerClient    "was this helpful?" votes one client address may cast per {@code voteWindow}
 * @param voteWindow        see {@code votesPerClient}
 * @param searchesPerClient searches one client address may run per {@code searchWindow}
 * @param searchWindow      see {@code searchesPerClient}
 */
@ConfigurationProperties("temas.portal")
record PortalSettings(@DefaultValue("web-iletisim") String contactEntryPoint,
                      @DefaultValue("bilgi@ornek.com.tr") String contactEmail,
                      @DefaultValue("+90 850 222 00 00") String contactPhone,
                      @DefaultValue("20") int votesPerClient,
                      @DefaultValue("1h") Duration voteWindow,
                      @DefaultValue("60") int searchesPerClient,
                      @DefaultValue("1m") Duration searchWindow) {

    String contactPhoneLink() {
        return "tel:" + contactPhone.replaceAll("[^+0-9]", "");
    }
}
