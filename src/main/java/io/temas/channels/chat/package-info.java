/** The live chat channel: its descriptor (the chat itself is not built yet; messages arrive through the inbound API). */
package io.temas.channels.chat;
