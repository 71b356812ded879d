package io.temas.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits every HTTP request shares, whichever door it comes through.
 *
 * @param maxBody        the largest request body (JSON, forms), unless a path below allows more or less
 * @param maxWebhookBody the largest body on the open provider webhooks ({@code /api/v1/webhooks/**}): an SMS
 *                       or a delivery receipt is a few hundred bytes
 * @param maxEmailBody   the largest raw message on {@code /api/v1/inbound/email}; above
 *                       {@code temas.email.max-message-bytes} so that mail just over that limit is still
 *                       quarantined rather than refused at the door
 * @param maxChatFileBody the largest upload on a chat's {@code /files}; each chat entry point sets its own
 *                       smaller limit, checked with a clear answer after the upload
 * @param maxEventsBody  the largest batch of events on {@code /api/v1/customer-events} (NDJSON)
 * @param maxImportBody  the largest file sent to an events import ({@code /api/v1/customer-events/imports}, streamed
 *                       to the database in chunks, never held in memory whole); the console's import screen is let
 *                       through the door by it too, and its upload is then bounded by the multipart limits
 *                       ({@code spring.servlet.multipart.max-file-size})
 */
@ConfigurationProperties("temas.http")
public record HttpSettings(@DefaultValue("1MB") DataSize maxBody,
                           @DefaultValue("64KB") DataSize maxWebhookBody,
                           @DefaultValue("64MB") DataSize maxEmailBody,
                           @DefaultValue("26MB") DataSize maxChatFileBody,
                           @DefaultValue("16MB") DataSize maxEventsBody,
                           @DefaultValue("2GB") DataSize maxImportBody) {

    /** The body limit for a request path. */
    long maxBodyFor(String path) {
        if (path.startsWith("/api/v1/webhooks/")) {
            return maxWebhookBody.toBytes();
        }
        if (path.startsWith("/chat/v1/sessions/") && path.endsWith("/files")) {
            return maxChatFileBody.toBytes();
        }
        if (path.equals("/api/v1/customer-events/imports") || path.equals("/console/imports")) {
            return maxImportBody.toBytes();
        }
        if (path.equals("/api/v1/customer-events")) {
            return maxEventsBody.toBytes();
        }
        if (path.equals("/api/v1/inbound/email")) {
            return maxEmailBody.toBytes();
        }
        return maxBody.toBytes();
    }
}
