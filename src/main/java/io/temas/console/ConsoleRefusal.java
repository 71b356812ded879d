package io.temas.console;

import io.temas.shared.InvalidInput;

/** An action the console refuses, named by the message key that explains why to the user. */
class ConsoleRefusal extends InvalidInput {

    private final String key;

    ConsoleRefusal(String key) {
        super(key);
        this.key = key;
    }

    String key() {
        return key;
    }
}
