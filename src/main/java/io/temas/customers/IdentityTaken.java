package io.temas.customers;

import io.temas.shared.Conflict;

/** An identifier that already belongs to another customer; the two profiles are merged instead. */
public class IdentityTaken extends Conflict {

    private final transient CustomerId owner;

    public IdentityTaken(String identifier, CustomerId owner) {
        super(identifier + " belongs to customer " + owner.value());
        this.owner = owner;
    }

    public CustomerId owner() {
        return owner;
    }
}
