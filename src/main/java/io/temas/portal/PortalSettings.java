package io.temas.portal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param contactEntryPoint the web-form entry point the "write to us" form posts into
 * @param contactEmail      the address shown under "still need help?"
 * @param contactPhone      the phone number shown under "still need help?", as people write it
 */
@ConfigurationProperties("temas.portal")
record PortalSettings(@DefaultValue("web-iletisim") String contactEntryPoint,
                      @DefaultValue("bilgi@ornek.com.tr") String contactEmail,
                      @DefaultValue("+90 850 222 00 00") String contactPhone) {

    String contactPhoneLink() {
        return "tel:" + contactPhone.replaceAll("[^+0-9]", "");
    }
}
