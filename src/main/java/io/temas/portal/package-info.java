/**
 * The public help centre: customers browse, search and rate knowledge-base articles and write to the team without
 * signing in, and, signed in with a one-time code, see and answer their own requests, offers and consents.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
        "calls", "campaigns", "channels", "conversations", "customers", "knowledge", "platform", "routing", "shared"
})
package io.temas.portal;
