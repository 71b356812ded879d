package io.temas.channels;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What the open provider webhooks do with requests whose signature is missing or wrong.
 *
 * @param refusalsPerClient refused requests from one client address kept per {@code refusalWindow}; more are
 *                          answered 429 and not kept
 * @param refusalWindow     see {@code refusalsPerClient}
 * @param refusedBodyLimit  how much of a refused body is kept in the quarantine (enough to see what a
 *                          misconfigured provider sends); the rest is dropped and the item marked truncated
 */
@ConfigurationProperties("temas.webhooks")
record WebhookSettings(@DefaultValue("10") int refusalsPerClient,
                       @DefaultValue("1m") Duration refusalWindow,
                       @DefaultValue("4KB") DataSize refusedBodyLimit) {
}
