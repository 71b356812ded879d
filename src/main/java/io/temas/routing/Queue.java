package io.temas.routing;

import java.util.UUID;

/** A queue of work for a team, with the business hours it keeps. */
public record Queue(UUID id, String name, String description, UUID businessHoursId) {
}
