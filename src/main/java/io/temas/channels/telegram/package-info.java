/**
 * The Telegram channel: updates from the Bot API's webhook (checked by its secret token) into the
 * pipeline with their media, the "share my phone number" button that links a Telegram user to a
 * phone number, and replies through {@code sendMessage}.
 */
@org.springframework.modulith.NamedInterface("telegram")
package io.temas.channels.telegram;
