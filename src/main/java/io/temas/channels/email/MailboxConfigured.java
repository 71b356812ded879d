package io.temas.channels.email;

/** A mailbox exists (from configuration or the API): its address should be an entry point for {@code queue}. */
public record MailboxConfigured(String address, String queue) {
}
