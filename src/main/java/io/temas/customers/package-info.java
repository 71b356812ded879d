/**
 * Customers: one profile per person, found through an identity graph of typed identifiers,
 * merged and unmerged with an audit trail, with a timeline of everything that happened.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared"})
package io.temas.customers;
