/**
 * What customers say about the service: a survey after resolution on the channel they used
 * (e-mail links, an SMS digit, the chat's own rating), "was this answer helpful?" on every agent
 * e-mail reply, and the satisfaction figures drawn from both.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
        "campaigns", "channels", "chat", "conversations", "customers", "platform", "shared"
})
package io.temas.feedback;
