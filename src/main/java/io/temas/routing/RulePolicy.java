package io.temas.routing;

import io.temas.shared.ReasonCode;
import io.temas.shared.TextFolding;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;

/**
 * A routing rule read as a named policy: it either holds, with the reasons why, or it does not.
 * Keywords match at the start of a word with Turkish letters folded, so "fatura" finds
 * "Faturamı" and "FATURAMI".
 */
final class RulePolicy {

    private RulePolicy() {
    }

    /** The reasons the rule holds, or empty when one of its conditions fails. */
    static Optional<String> evaluate(RoutingRule rule, RoutingInput input) {
        return evaluate(rule, input, new FoldedText(input));
    }

    /** As {@link #evaluate(RoutingRule, RoutingInput)}, with the input's folded text worked out once for all rules. */
    static Optional<String> evaluate(RoutingRule rule, RoutingInput input, FoldedText foldedText) {
        return explain(rule, input, foldedText).map(Held::reason);
    }

    /** Why a rule holds: in English for the audit trail, and as a code the console says in the reader's language. */
    record Held(String reason, ReasonCode why) {
    }

    /** The reasons the rule holds, in English and as codes, or empty when one of its conditions fails. */
    static Optional<Held> explain(RoutingRule rule, RoutingInput input, FoldedText foldedText) {
        RuleConditions c = rule.conditions();
        List<String> reasons = new ArrayList<>();
        List<ReasonCode> whys = new ArrayList<>();
        if (!c.entryPoints().isEmpty()) {
            String entryPoint = EntryPointAddresses.normalise(input.entryPoint());
            if (!c.entryPoints().contains(entryPoint)) {
                return Optional.empty();
            }
            reasons.add("entry point is " + entryPoint);
            whys.add(ReasonCode.of("routing.why.entryPoint", entryPoint));
        }
        if (!c.channels().isEmpty()) {
            if (!c.channels().contains(input.channel().code())) {
                return Optional.empty();
            }
            reasons.add("channel is " + input.channel().code());
            whys.add(ReasonCode.of("routing.why.channel", ReasonCode.key("channel." + input.channel().code())));
        }
        if (!c.languages().isEmpty()) {
            if (input.language() == null || !c.languages().contains(input.language().code())) {
                return Optional.empty();
            }
            reasons.add("language is " + input.language().code());
            whys.add(ReasonCode.of("routing.why.language", ReasonCode.key("admin.language." + input.language().code())));
        }
        if (!c.keywords().isEmpty()) {
            String text = foldedText.get();
            Optional<String> hit = c.keywords().stream().filter(k -> containsWord(text, k)).findFirst();
            if (hit.isEmpty()) {
                return Optional.empty();
            }
            reasons.add("mentions '" + hit.get() + "'");
            whys.add(ReasonCode.of("routing.why.keyword", hit.get()));
        }
        if (!c.segments().isEmpty()) {
            Optional<String> hit = c.segments().stream()
                    .filter(s -> input.segments().stream().anyMatch(t -> t.equalsIgnoreCase(s))).findFirst();
            if (hit.isEmpty()) {
                return Optional.empty();
            }
            reasons.add("customer is in segment " + hit.get());
            whys.add(ReasonCode.of("routing.why.segment", hit.get()));
        }
        if (c.vip() != null) {
            if (c.vip() != input.vip()) {
                return Optional.empty();
            }
            reasons.add(input.vip() ? "customer is VIP" : "customer is not VIP");
            whys.add(ReasonCode.of(input.vip() ? "routing.why.vip" : "routing.why.notVip"));
        }
        if (reasons.isEmpty()) {
            reasons.add("the rule has no conditions");
            whys.add(ReasonCode.of("routing.why.noConditions"));
        }
        return Optional.of(new Held(String.join("; ", reasons), ReasonCode.list(whys)));
    }

    /** Whether the folded text has the keyword at the start of a word: not right after a letter or a digit. */
    static boolean containsWord(String foldedText, String keyword) {
        String word = KEYWORDS.computeIfAbsent(keyword, RulePolicy::wordStart);
        if (word.isEmpty()) {
            return false;
        }
        for (int at = foldedText.indexOf(word); at >= 0; at = foldedText.indexOf(word, at + 1)) {
            if (at == 0 || !letterOrNumber(foldedText.codePointBefore(at))) {
                return true;
            }
        }
        return false;
    }

    // Keywords come from a handful of rules; each is folded once, not per message.
    private static final Map<String, String> KEYWORDS = new ConcurrentHashMap<>();

    private static String wordStart(String keyword) {
        return TextFolding.fold(keyword).trim().toLowerCase(Locale.ROOT);
    }

    /** {@code \p{L}} or {@code \p{N}}: any letter, any number (decimal, letter-like, other). */
    private static boolean letterOrNumber(int codePoint) {
        int type = Character.getType(codePoint);
        return Character.isLetter(codePoint) || type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }
}
