package io.temas.customers;

/** No customer has the given id. */
public class CustomerNotFound extends RuntimeException {

    public CustomerNotFound(Object id) {
        super("No customer with id " + id);
    }
}
