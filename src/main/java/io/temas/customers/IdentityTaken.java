package io.temas.customers;

/** An identifier that already belongs to another customer; the two profiles are merged instead. */
public class IdentityTaken extends RuntimeException {

    private final transient CustomerId owner;

    public IdentityTaken(String identifier, CustomerId owner) {
        super(identifier + " belongs to customer " + owner.value());
        this.owner = owner;
    }

    public CustomerId owner() {
        return owner;
    }
}
