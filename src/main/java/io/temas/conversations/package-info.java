/** Conversations and their messages in every direction and channel, and the events they raise. */
package io.temas.conversations;
