/** The REST API under {@code /api/v1}: a thin adapter over the modules, with token authentication and problem details. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
        "calls", "calls::twilio", "campaigns", "channels", "channels::email", "channels::sms", "channels::whatsapp", "chat", "conversations", "customers", "feedback", "inbound", "knowledge",
        "channels::telegram", "channels::messenger",
        "complaints",
        "events", "scoring",
        "platform", "privacy", "routing", "shared", "webhooks"
})
package io.temas.api;
