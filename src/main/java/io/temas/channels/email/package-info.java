/**
 * The e-mail channel: IMAP mailboxes fetched concurrently, mail piped in by an MTA, MIME parsing,
 * delivery status notifications, and SMTP sending through the outbox.
 */
@org.springframework.modulith.NamedInterface("email")
package io.temas.channels.email;
