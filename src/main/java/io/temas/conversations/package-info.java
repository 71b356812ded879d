/** Conversations and their messages in every direction and channel, and the events they raise. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"channels", "customers", "platform", "shared"})
package io.temas.conversations;
