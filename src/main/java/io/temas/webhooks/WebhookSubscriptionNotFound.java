package io.temas.webhooks;

import io.temas.shared.NotFound;
import java.util.UUID;

/** No subscription (or no delivery of it) with that id. */
public class WebhookSubscriptionNotFound extends NotFound {

    WebhookSubscriptionNotFound(String what, UUID id) {
        super("no webhook " + what + " " + id);
    }
}
