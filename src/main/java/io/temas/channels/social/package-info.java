/** The social messenger channel: its descriptor; messages arrive through the inbound API. */
package io.temas.channels.social;
