/**
 * The agent console under {@code /console}: sign-in with roles (agent, supervisor, admin), inbox,
 * conversation, customer 360, supervisor board and admin screens, server-rendered with live updates.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
        "api", "calls", "campaigns", "channels", "chat", "channels::email", "channels::whatsapp", "conversations", "customers", "feedback", "inbound", "knowledge", "platform", "privacy", "reporting",
        "channels::telegram", "channels::messenger",
        "complaints",
        "events", "scoring",
        "routing", "shared", "webhooks"
})
package io.temas.console;
