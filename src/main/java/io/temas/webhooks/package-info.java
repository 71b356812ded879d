/**
 * Outbound webhooks: subscriptions per event type, a signed delivery written in the transaction of each change it
 * tells about, sent and retried after the commit, and the log of every attempt.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"campaigns", "channels", "conversations", "customers", "platform", "shared"})
package io.temas.webhooks;
