package io.temas.calls;

/** The slot asked for is not one Temas offers: full, past, too soon, outside business hours, too far ahead or not a slot start. */
public class SlotNotOffered extends io.temas.shared.RefusedByRule {

    public SlotNotOffered(String message) {
        super(message);
    }
}
