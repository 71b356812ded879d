/**
 * Reporting: figures pre-aggregated per hour from conversations, surveys, reply ratings, chat sessions
 * and article views, kept current by a scheduled job, and the queries the console's reports run on them.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"platform", "shared"})
package io.temas.reporting;
