/**
 * Live web chat: the widget's sessions and their event log, the knowledge-base bot that answers
 * first and hands over to a person, the chat transport that carries agents' replies back, and the
 * bus that lets a customer on one node and an agent on another talk.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
        "calls", "channels", "conversations", "customers", "inbound", "knowledge", "platform", "routing", "shared"
})
package io.temas.chat;
