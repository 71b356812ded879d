package io.temas.routing;

/** A routing item clashes with one that exists (the same name, address or channel and priority). */
public class RoutingItemConflict extends RuntimeException {

    public RoutingItemConflict(String message) {
        super(message);
    }
}
