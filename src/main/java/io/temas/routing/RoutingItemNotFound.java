package io.temas.routing;

import io.temas.shared.NotFound;

/** A queue, entry point, agent, rule, SLA policy or calendar that does not exist. */
public class RoutingItemNotFound extends NotFound {

    public RoutingItemNotFound(String kind, Object key) {
        super("No " + kind + " '" + key + "'");
    }
}
