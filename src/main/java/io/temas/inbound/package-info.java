/**
 * The inbound pipeline every channel feeds: receive (raw payload kept, retries deduplicated),
 * identify, thread, attribute, route, assign, acknowledge, record. Input that cannot be
 * processed goes to the quarantine.
 */
package io.temas.inbound;
