package io.temas.webhooks;

import io.temas.shared.InvalidInput;

/** A subscription refused for what it asks; {@link #key()} says why in the reader's language ({@code webhooks.error.*}). */
public class InvalidWebhookSubscription extends InvalidInput {

    private final String key;

    InvalidWebhookSubscription(String field, String problem, String message) {
        super(field, message);
        this.key = "webhooks.error." + problem;
    }

    /** The message key that explains the refusal. */
    public String key() {
        return key;
    }
}
