package io.temas.channels;

import io.temas.shared.InvalidInput;
import java.util.List;

/** A channel code no channel package registered. */
public class UnknownChannel extends InvalidInput {

    UnknownChannel(String code, List<String> known) {
        super("channel", "unknown channel '" + code + "'; known channels: " + String.join(", ", known));
    }
}
