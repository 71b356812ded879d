package io.temas.shared;

import java.util.Locale;

/**
 * Folds Turkish and Azerbaijani text to plain lower-case ASCII letters, so text typed without
 * Turkish letters ("musteri", "FATURAMI") compares equal to text written with them.
 */
public final class TextFolding {

    private TextFolding() {
    }

    public static String fold(String text) {
        if (text == null) {
            return "";
        }
        // Upper-case ASCII I may mean ı (Turkish) or i (typed on another keyboard); both fold to i. Lower-cased by the
        // root locale's rules İ becomes i and a combining dot, which is dropped below: the same letters Turkish rules give,
        // without their character-by-character path (Java's Turkish lower-casing looks every letter up once it meets an I).
        String lower = text.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            out.append(switch (c) {
                case 'ç' -> 'c';
                case 'ğ' -> 'g';
                case 'ı', 'î', 'ï', 'í' -> 'i';
                case 'ö', 'ô', 'ó' -> 'o';
                case 'ş' -> 's';
                case 'ü', 'û', 'ú' -> 'u';
                case 'ə', 'é', 'è', 'ê' -> 'e';
                case 'â', 'á', 'à', 'ä' -> 'a';
                case '\u0307' -> '\0';
                default -> c;
            });
        }
        return out.toString().replace("\0", "");
    }
}
