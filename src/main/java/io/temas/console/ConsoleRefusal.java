package io.temas.console;

/** An action the console refuses, named by the message key that explains why to the user. */
class ConsoleRefusal extends RuntimeException {

    private final String key;

    ConsoleRefusal(String key) {
        super(key);
        this.key = key;
    }

    String key() {
        return key;
    }
}
