/** The knowledge base: categories, articles in Turkish, Azerbaijani and English, Turkish-aware search, and what searches and votes say is missing. */
package io.temas.knowledge;
