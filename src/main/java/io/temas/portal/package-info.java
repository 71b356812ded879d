/** The public help centre: customers browse, search and rate knowledge-base articles and write to the team, without signing in. */
package io.temas.portal;
