package io.temas.channels;

/**
 * How a channel's automatic acknowledgement looks.
 *
 * @param shape     a letter with a subject, or one short text
 * @param maxLength the longest body the channel carries; longer texts are cut
 */
public record Acknowledgement(Shape shape, int maxLength) {

    /** A letter with subject and body (e-mail). */
    public static Acknowledgement letter(int maxLength) {
        return new Acknowledgement(Shape.LETTER, maxLength);
    }

    /** One short text (SMS, chat, messengers). */
    public static Acknowledgement text(int maxLength) {
        return new Acknowledgement(Shape.SHORT, maxLength);
    }

    public Acknowledgement {
        if (shape == null || maxLength <= 0) {
            throw new IllegalArgumentException("an acknowledgement needs a shape and a positive maximum length");
        }
    }

    public enum Shape {
        LETTER, SHORT
    }
}
