/**
 * The inbound pipeline every channel feeds: receive (raw payload kept, retries deduplicated),
 * identify, thread, attribute, route, assign, acknowledge, record. Input that cannot be
 * processed goes to the quarantine.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
        "channels", "conversations", "customers", "platform", "routing", "shared"
})
package io.temas.inbound;
