/**
 * Channels: the media-independent message every channel adapter produces, the transport SPI
 * every channel implements for sending, and the durable outbox all sends go through.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"platform", "shared"})
package io.temas.channels;
