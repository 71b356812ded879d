package io.temas.chat;

/**
 * Whether a message shouts: mostly capitals with several exclamation marks ("NEDEN HALA
 * GELMEDİ!!!"). An angry customer is better served by a person than by an article.
 */
final class Shouting {

    /** Fewer letters than this is too little to tell shouting from an abbreviation. */
    static final int MIN_LETTERS = 8;
    static final double MIN_CAPITALS = 0.7;
    static final int MIN_EXCLAMATIONS = 3;

    private Shouting() {
    }

    static boolean shouts(String text) {
        if (text == null) {
            return false;
        }
        int letters = 0;
        int capitals = 0;
        int exclamations = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (Character.isLetter(c)) {
                letters++;
                if (Character.isUpperCase(c)) {
                    capitals++;
                }
            } else if (c == '!' || c == '\u00A1') {
                exclamations++;
            }
            i += Character.charCount(c);
        }
        return letters >= MIN_LETTERS && capitals >= MIN_CAPITALS * letters && exclamations >= MIN_EXCLAMATIONS;
    }
}
