/** The voice channel: its descriptor; calls are logged through the inbound API and the call lists. */
package io.temas.channels.voice;
