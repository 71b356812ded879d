package io.temas.customers;

/** The merge rules do not allow these two customers to become one; the message says why. */
public class MergeRefused extends RuntimeException {

    public MergeRefused(String reason) {
        super(reason);
    }
}
