package io.temas.channels;

import java.util.List;

/** A channel code no channel package registered. */
public class UnknownChannel extends IllegalArgumentException {

    UnknownChannel(String code, List<String> known) {
        super("unknown channel '" + code + "'; known channels: " + String.join(", ", known));
    }
}
