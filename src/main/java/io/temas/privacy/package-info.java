/**
 * KVKK / GDPR for one person: the export of everything Temas holds about a customer (every module's
 * {@link io.temas.customers.PersonalData} part as JSON, with their attachments, in a zip) and the erasure of it,
 * audited (who, when, why, how many records each part held).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"customers", "platform", "shared"})
package io.temas.privacy;
