package io.temas.channels.whatsapp;

import io.temas.shared.InvalidInput;

/**
 * A template parameter WhatsApp would refuse (a line break, a tab, more than three spaces in a
 * row, more than 1024 characters), refused before the template is queued so the agent can fix it.
 */
public class TemplateParameterRefused extends InvalidInput {

    private final int position;

    TemplateParameterRefused(int position, String message) {
        super("parameters", message);
        this.position = position;
    }

    /** Which parameter, counting from 1. */
    public int position() {
        return position;
    }
}
