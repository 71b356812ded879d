/**
 * WhatsApp through Meta's Cloud API: signed webhooks in (messages, media, delivery statuses),
 * sending through the Graph API, the 24-hour customer-service window and the approved message
 * templates that are the only thing allowed outside it.
 */
@org.springframework.modulith.NamedInterface("whatsapp")
package io.temas.channels.whatsapp;
