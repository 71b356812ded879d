/**
 * The ground Temas stands on: the clock, the id generator and the database, an embedded
 * PostgreSQL kept in the data directory unless
 * {@code spring.datasource.url} names an external one; and what every HTTP request meets first
 * (body size cap, privacy headers, per-client windows).
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN,
        allowedDependencies = {"shared"})
package io.temas.platform;
