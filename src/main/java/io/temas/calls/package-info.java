/**
 * The call centre: calls from any PBX turned into voice conversations of the resolved customer,
 * the screen pop for the agent whose extension rings, wrap-up, click-to-call through the
 * configured {@link io.temas.calls.Pbx}, and the extensions that tie agents to phones.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
        "campaigns", "channels", "channels::sms", "conversations", "customers", "inbound", "platform", "routing", "shared"
})
package io.temas.calls;
