/**
 * What customers say about the service: a survey after resolution on the channel they used
 * (e-mail links, an SMS digit, the chat's own rating; a web form's by e-mail or SMS to the address
 * it left), "was this answer helpful?" on every agent
 * e-mail reply, and the satisfaction figures drawn from both.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
        "campaigns", "channels", "chat", "conversations", "customers", "platform", "routing", "shared"
})
package io.temas.feedback;
