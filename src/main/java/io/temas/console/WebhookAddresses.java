package io.temas.console;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The addresses providers are to post webhooks to, for the settings screens: always under the
 * configured {@code temas.public-url}, never guessed from the request's Host or X-Forwarded-Host
 * headers, which whoever sends the request chooses (registering a webhook hands its secret to that
 * address). Without the setting the screens name it instead of an address.
 */
@Component
class WebhookAddresses {

    private final String publicUrl;

    WebhookAddresses(@Value("${temas.public-url:}") String publicUrl) {
        this.publicUrl = usable(publicUrl);
    }

    /** The address of the webhook at {@code path}; empty while {@code temas.public-url} is unset or not an http(s) URL. */
    Optional<String> of(String path) {
        return publicUrl == null ? Optional.empty() : Optional.of(publicUrl + path);
    }

    /** The address of the webhook at {@code path}, for registering it with a provider. */
    String require(String path) {
        return of(path).orElseThrow(() -> new ConsoleRefusal("webhooks.publicUrlMissing"));
    }

    private static String usable(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String stripped = value.strip().replaceAll("/+$", "");
        try {
            URI uri = URI.create(stripped);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null && uri.getQuery() == null
                    && uri.getFragment() == null ? stripped : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
