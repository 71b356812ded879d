package io.temas.inbound;

import io.temas.shared.Language;
import io.temas.shared.TextFolding;
import java.util.Optional;
import java.util.Set;

/**
 * A cheap guess at the language of a short customer message, enough to answer in it: the
 * schwa (ə) says Azerbaijani, Turkish letters say Turkish, otherwise common words decide.
 */
final class LanguageGuesser {

    private static final java.util.regex.Pattern NON_LETTERS = java.util.regex.Pattern.compile("[^a-z]+");

    private static final Set<String> ENGLISH = Set.of("the", "and", "please", "hello", "hi", "my", "is", "you", "your", "i",
            "with", "not", "have", "thanks", "thank", "order", "bill", "invoice", "dear", "can", "what", "why", "when");
    private static final Set<String> TURKISH = Set.of("ve", "bir", "bu", "merhaba", "lutfen", "fatura", "icin", "ne", "nasil",
            "mi", "mu", "da", "de", "ben", "siz", "tesekkurler", "iyi", "gunler", "neden", "ama", "cok", "var", "yok");
    private static final Set<String> AZERBAIJANI = Set.of("salam", "men", "sizin", "zehmet", "olmasa", "tesekkur", "edirem",
            "xahis", "hesab", "ne", "niye", "bele", "deyil", "var", "yox");

    private LanguageGuesser() {
    }

    static Optional<Language> guess(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        if (lower.indexOf('ə') >= 0) {
            return Optional.of(Language.AZ);
        }
        int english = 0;
        int turkish = 0;
        int azerbaijani = 0;
        for (String word : NON_LETTERS.split(TextFolding.fold(text))) {
            if (ENGLISH.contains(word)) {
                english++;
            }
            if (TURKISH.contains(word)) {
                turkish++;
            }
            if (AZERBAIJANI.contains(word)) {
                azerbaijani++;
            }
        }
        boolean turkishLetters = lower.chars().anyMatch(c -> "çğıöşü".indexOf(c) >= 0);
        if (turkishLetters) {
            return Optional.of(azerbaijani > turkish ? Language.AZ : Language.TR);
        }
        if (english > turkish && english > azerbaijani) {
            return Optional.of(Language.EN);
        }
        if (azerbaijani > turkish) {
            return Optional.of(Language.AZ);
        }
        return turkish > 0 ? Optional.of(Language.TR) : Optional.empty();
    }
}
