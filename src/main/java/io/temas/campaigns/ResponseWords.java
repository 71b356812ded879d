package io.temas.campaigns;

import io.temas.shared.TextFolding;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads what a short reply says, in Turkish, Azerbaijani or English, typed with or without
 * Turkish letters: {@code KIS2026 EVET} accepts, {@code HAYIR} declines, {@code RET},
 * {@code IPTAL} and {@code STOP} opt out of commercial messages.
 */
final class ResponseWords {

    private static final Set<String> ACCEPT = Set.of("evet", "yes", "beli", "tamam", "kabul", "onay", "onayliyorum", "ok");
    private static final Set<String> DECLINE = Set.of("hayir", "no", "xeyr", "yox", "istemiyorum");
    private static final Set<String> OPT_OUT = Set.of("ret", "iptal", "stop", "dur", "unsubscribe");
    /** What separates words; compiled once, since every inbound message is read for its words. */
    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

    private ResponseWords() {
    }

    /** The words of a text, folded to lower-case ASCII. */
    static List<String> words(String text) {
        return Arrays.stream(SEPARATORS.split(TextFolding.fold(text))).filter(w -> !w.isEmpty()).toList();
    }

    /** What a word says, or null when it is not an answer. */
    static ResponseKind kindOf(String word) {
        if (word == null) {
            return null;
        }
        if (ACCEPT.contains(word)) {
            return ResponseKind.ACCEPTED;
        }
        if (DECLINE.contains(word)) {
            return ResponseKind.DECLINED;
        }
        return OPT_OUT.contains(word) ? ResponseKind.OPTED_OUT : null;
    }

    static boolean optOut(String word) {
        return word != null && OPT_OUT.contains(word);
    }
}
