/** The public help centre: customers browse, search and rate knowledge-base articles and write to the team, without signing in. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"calls", "channels", "conversations", "knowledge", "platform", "shared"})
package io.temas.portal;
