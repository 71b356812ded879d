/**
 * Channels: the media-independent message every channel adapter produces, the channel
 * descriptor SPI and its registry, the transport SPI every channel implements for sending, and
 * the durable outbox all sends go through. Each channel lives in its own sub-package.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"platform", "shared"})
package io.temas.channels;
