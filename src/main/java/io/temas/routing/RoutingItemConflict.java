package io.temas.routing;

import io.temas.shared.Conflict;

/** A routing item clashes with one that exists (the same name, address or channel and priority). */
public class RoutingItemConflict extends Conflict {

    public RoutingItemConflict(String message) {
        super(message);
    }
}
