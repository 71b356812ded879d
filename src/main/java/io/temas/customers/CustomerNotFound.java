package io.temas.customers;

import io.temas.shared.NotFound;

/** No customer has the given id. */
public class CustomerNotFound extends NotFound {

    public CustomerNotFound(Object id) {
        super("No customer with id " + id);
    }
}
