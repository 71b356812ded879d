/** The REST API under {@code /api/v1}: a thin adapter over the modules, with token authentication and problem details. */
package io.temas.api;
