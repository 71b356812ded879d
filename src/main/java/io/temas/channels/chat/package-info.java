/** The live chat channel's descriptor; the chat itself (widget sessions, bot, transport) is the {@code chat} module. */
package io.temas.channels.chat;
