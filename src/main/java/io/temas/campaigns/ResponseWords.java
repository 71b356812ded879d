package io.temas.campaigns;

import io.temas.shared.TextFolding;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Reads what a short reply says, in Turkish, Azerbaijani or English, typed with or without
 * Turkish letters: {@code KIS2026 EVET} accepts, {@code HAYIR} declines, {@code RET},
 * {@code IPTAL} and {@code STOP} opt out of commercial messages.
 */
final class ResponseWords {

    private static final Set<String> ACCEPT = Set.of("evet", "yes", "beli", "tamam", "kabul", "onay", "onayliyorum", "ok");
    private static final Set<String> DECLINE = Set.of("hayir", "no", "xeyr", "yox", "istemiyorum");
    private static final Set<String> OPT_OUT = Set.of("ret", "iptal", "stop", "dur", "unsubscribe");

    private ResponseWords() {
    }

    /**
     * The words of a text, folded to lower-case ASCII: the runs of letters and digits (Unicode's L and N), all else
     * separating them. A scan, since every inbound message is read for its words, twice.
     */
    static List<String> words(String text) {
        String folded = TextFolding.fold(text);
        List<String> words = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < folded.length(); ) {
            int c = folded.codePointAt(i);
            boolean inWord = Character.isLetter(c) || number(c);
            if (inWord && start < 0) {
                start = i;
            } else if (!inWord && start >= 0) {
                words.add(folded.substring(start, i));
                start = -1;
            }
            i += Character.charCount(c);
        }
        if (start >= 0) {
            words.add(folded.substring(start));
        }
        return Collections.unmodifiableList(words);
    }

    private static boolean number(int c) {
        int type = Character.getType(c);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
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
