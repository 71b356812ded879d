/** The knowledge base: categories, articles in Turkish, Azerbaijani and English, Turkish-aware search, and what searches and votes say is missing. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"channels", "platform", "shared"})
package io.temas.knowledge;
