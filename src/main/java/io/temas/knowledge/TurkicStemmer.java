package io.temas.knowledge;

import java.util.Arrays;
import java.util.Comparator;

/**
 * A light stemmer for folded (ASCII) Turkish and Azerbaijani words: strips inflectional
 * suffixes (case, possession, plural, common verb endings) from the end, longest first, a few
 * rounds, and never below three letters. It works on folded text, where vowel harmony collapses
 * (ı/i, ü/u, ə/e), so one list serves both languages and both spellings ("faturanızın",
 * "faturanizin" → "fatur"). It over-stems now and then; index and query are stemmed alike, so a
 * wrong stem still matches itself, and the light stemmers' typical failure (a missed suffix) is
 * covered by prefix and fuzzy matching in the query.
 */
final class TurkicStemmer {

    static final int MIN_STEM = 3;
    private static final int ROUNDS = 4;

    private static final String[] SUFFIXES = sortedLongestFirst(
            // verbs: ability, progressive, future, past, negative, infinitive, nominalisation
            "abilirmiyim", "ebilirmiyim", "abilirmiyiz", "ebilirmiyiz", "yabilirim", "yebilirim", "yabiliriz", "yebiliriz",
            "yabilir", "yebilir", "abilirim", "ebilirim", "abiliriz", "ebiliriz", "abilir", "ebilir", "bilerem", "bilerik",
            "amiyorum", "emiyorum", "amiyor", "emiyor", "miyorum", "muyorum", "miyor", "muyor", "iyorum", "uyorum", "iyoruz",
            "uyoruz", "iyor", "uyor", "yacagim", "yecegim", "acagim", "ecegim", "acak", "ecek", "madim", "medim", "madi",
            "medi", "mamis", "memis", "mis", "mus", "mir", "mur",
            "dim", "dik", "tim", "tik", "dum", "duk", "tum", "tuk", "din", "tin", "dun", "tun", "di", "ti", "du", "tu",
            "mak", "mek", "maq", "ma", "me",
            // plural and possessive
            "larimiz", "lerimiz", "lariniz", "leriniz", "larin", "lerin", "lari", "leri", "lar", "ler",
            "imiz", "umuz", "iniz", "unuz", "miz", "muz", "niz", "nuz", "im", "um", "m",
            "sini", "sunu", "sine", "sune", "sinde", "sunde", "sinden", "sunden", "si", "su",
            // case
            "nin", "nun", "in", "un", "ni", "nu", "yi", "yu", "ya", "ye", "na", "ne", "nda", "nde", "ndan", "nden",
            "daki", "deki", "da", "de", "ta", "te", "dan", "den", "tan", "ten", "yla", "yle", "la", "le",
            "dir", "dur", "tir", "tur", "i", "u", "a", "e",
            // the one derivational suffix worth stripping: dolandırıcılık → dolandırıcı
            "lik", "luk");

    private TurkicStemmer() {
    }

    /** The stem of one folded, lower-case word. */
    static String stem(String word) {
        String current = word;
        for (int round = 0; round < ROUNDS; round++) {
            String next = stripOnce(current);
            if (next.equals(current)) {
                break;
            }
            current = next;
        }
        return hardened(current);
    }

    /**
     * Undoes consonant softening at the end of a stem (kitabı → kitap, rengi → renk, and the
     * Azerbaijani spelling hesab → hesap), so every form of a word ends alike.
     */
    private static String hardened(String stem) {
        char last = stem.charAt(stem.length() - 1);
        char hard = switch (last) {
            case 'b' -> 'p';
            case 'd' -> 't';
            case 'g' -> 'k';
            default -> last;
        };
        return hard == last ? stem : stem.substring(0, stem.length() - 1) + hard;
    }

    private static String stripOnce(String word) {
        // Longest first, looked up by length: a dozen set look-ups per word instead of a scan of every suffix.
        for (int length = Math.min(LONGEST, word.length() - MIN_STEM); length >= 1; length--) {
            int stem = word.length() - length;
            String suffix = word.substring(stem);
            if (SUFFIX_SET.contains(suffix) && fits(word.charAt(stem - 1), suffix)) {
                return word.substring(0, stem);
            }
        }
        return word;
    }

    private static final java.util.Set<String> SUFFIX_SET = java.util.Set.of(SUFFIXES);
    private static final int LONGEST = SUFFIXES[0].length();

    /**
     * Consonant harmony keeps a few suffixes from eating a root: a suffix starting with t (-ta,
     * -ti, -tım) follows only a voiceless consonant (sepette, gecikti), so "kartı" is kart + ı,
     * not kar + tı; a bare -m (possessive) and the buffer-n forms (-nın, -ni) follow only a
     * vowel (faturam, but not film), and -na, -nda only the possessive (kartı-na, but Azerbaycan-a).
     */
    private static boolean fits(char before, String suffix) {
        if (suffix.charAt(0) == 't') {
            return VOICELESS.indexOf(before) >= 0;
        }
        if (AFTER_POSSESSIVE.contains(suffix)) {
            return before == 'i' || before == 'u';
        }
        if (suffix.equals("m") || suffix.charAt(0) == 'n') {
            return VOWELS.indexOf(before) >= 0;
        }
        return true;
    }

    private static final String VOICELESS = "pctksfh";
    /** Case endings with a buffer n that only follow the possessive -ı/-i/-u/-ü (kartı-na, not Azerbayca-na). */
    private static final java.util.Set<String> AFTER_POSSESSIVE = java.util.Set.of("na", "ne", "nda", "nde", "ndan", "nden");
    private static final String VOWELS = "aeiou";

    private static String[] sortedLongestFirst(String... suffixes) {
        String[] sorted = Arrays.stream(suffixes).distinct().toArray(String[]::new);
        Arrays.sort(sorted, Comparator.comparingInt(String::length).reversed());
        return sorted;
    }
}
