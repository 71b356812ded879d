/**
 * Facebook Messenger and Instagram direct messages through Meta's Messenger Platform: the signed
 * webhook (page and Instagram objects) into the pipeline with media, delivery and read receipts,
 * and replies through the Send API within Meta's 24-hour messaging window.
 */
@org.springframework.modulith.NamedInterface("messenger")
package io.temas.channels.messenger;
