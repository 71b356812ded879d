package io.temas.customers;

import java.util.UUID;

/** The id of a customer profile. */
public record CustomerId(UUID value) {

    public static CustomerId of(String value) {
        return new CustomerId(UUID.fromString(value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
