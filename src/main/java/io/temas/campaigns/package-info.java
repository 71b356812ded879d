/**
 * Campaigns: the live campaign database, attribution of responses to the entry point used,
 * audiences, contact policies, outbound sends and call lists, and suppression that takes a
 * customer who answered on one channel off every other channel's list at once.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
        "channels", "channels::sms", "customers", "inbound", "platform", "routing", "shared"
})
package io.temas.campaigns;
