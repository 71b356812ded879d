package io.temas.routing;

/** A queue, entry point, agent, rule, SLA policy or calendar that does not exist. */
public class RoutingItemNotFound extends RuntimeException {

    public RoutingItemNotFound(String kind, Object key) {
        super("No " + kind + " '" + key + "'");
    }
}
