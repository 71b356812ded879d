package io.temas.routing;

/** A message's subject and text with Turkish letters folded, worked out on first use and then kept. */
final class FoldedText {

    private final RoutingInput input;
    private String folded;

    FoldedText(RoutingInput input) {
        this.input = input;
    }

    String get() {
        if (folded == null) {
            folded = input.foldedText();
        }
        return folded;
    }
}
