package io.temas.api;

/** The API has nothing under the given id. */
class NotFound extends RuntimeException {

    NotFound(String what) {
        super(what);
    }
}
