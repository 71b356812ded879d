/** The demo organisation: a Turkish company with billing, technical and general queues, agents and customers. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
        "calls", "campaigns", "channels", "complaints", "console", "conversations", "customers", "events", "inbound", "knowledge", "routing", "shared"
})
package io.temas.demo;
