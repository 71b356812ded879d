package io.temas.chat;

import io.temas.shared.TextFolding;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A list of words and phrases the bot looks for in a customer's message, read from a resource an
 * operator can read ({@code chat/person-words.txt}, {@code chat/complaint-words.txt}). Text and
 * phrases are compared folded ({@link TextFolding}), as whole words; a phrase's last word may carry
 * a Turkish or Azerbaijani ending ("temsilciyle", "operatöre", "canlı desteğe", "şikayetlerim").
 * A line starting with {@code =} matches only as written; one starting with {@code !} matches only
 * as written and only in a message of at most {@value #ALONE_WORDS} words, so "insan lütfen" asks
 * for a person and "insanlar hakkında bir makale" or "insan kaynakları" do not.
 */
final class WordList {

    /** How many words a message may have for a {@code !} entry to count. */
    static final int ALONE_WORDS = 4;

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    /**
     * Endings after a folded word: plural, possessive (-(s)ı, -(ı)m, -(ı)mız, -(ı)nız), then case (dative, accusative,
     * genitive, with, locative, ablative), then a personal ending or copula (-dır, -sınız, -(y)ım). Vowel harmony
     * is folded away (ı/i → i, u/ü → u), so one pattern serves both languages.
     */
    private static final Pattern ENDING = Pattern.compile(
            "(?:l[ae]r)?(?:s?[iu]|[iu]?m(?:[iu]z)?|[iu]?n[iu]z)?"
                    + "(?:[yn]?[aeiu]|[yn]?[iu]n|y?l[ae]|n?[dt][ae]n?)?"
                    + "(?:[dt][iu]r|s[iu]n(?:[iu]z)?|y?[iu]m|y?[iu]z|d[iu]m)?");

    /** One line of the list: as written, its folded words, and how it may match. */
    record Entry(String written, List<String> words, boolean exact, boolean alone) {
    }

    private final List<Entry> entries;
    private final Set<String> vocabulary = new HashSet<>();

    private WordList(List<Entry> entries) {
        entries.forEach(e -> vocabulary.addAll(e.words()));
        // Longest first, so "müşteri temsilcisi" is named rather than "temsilci".
        this.entries = entries.stream()
                .sorted(Comparator.comparingInt((Entry e) -> -e.words().size()).thenComparingInt(e -> -String.join(" ", e.words()).length()))
                .toList();
    }

    /** Reads a list from the class path. */
    static WordList load(String resource) {
        try (InputStream in = WordList.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a list: one word or phrase a line, {@code #} comments and blank lines skipped. */
    static WordList parse(String text) {
        List<Entry> entries = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean alone = line.startsWith("!");
            boolean exact = alone || line.startsWith("=");
            String written = exact ? line.substring(1).strip() : line;
            List<String> words = words(written);
            if (!words.isEmpty()) {
                entries.add(new Entry(written, words, exact, alone));
            }
        }
        return new WordList(entries);
    }

    /** The folded words of a text, in order; punctuation, apostrophes and emoji separate words. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        var matcher = WORD.matcher(TextFolding.fold(text));
        while (matcher.find()) {
            words.add(matcher.group());
        }
        return words;
    }

    /** The first entry (longest first) the words contain, as written in the list. */
    Optional<String> find(List<String> words) {
        for (Entry entry : entries) {
            if (entry.alone() && words.size() > ALONE_WORDS) {
                continue;
            }
            int n = entry.words().size();
            for (int i = 0; i + n <= words.size(); i++) {
                if (matchesAt(entry, words, i)) {
                    return Optional.of(entry.written());
                }
            }
        }
        return Optional.empty();
    }

    /** Whether every word is one of the list's (single) words; true for no words at all. */
    boolean coversAll(List<String> words) {
        return vocabulary.containsAll(words);
    }

    int size() {
        return entries.size();
    }

    private static boolean matchesAt(Entry entry, List<String> words, int at) {
        int last = entry.words().size() - 1;
        for (int k = 0; k < last; k++) {
            if (!entry.words().get(k).equals(words.get(at + k))) {
                return false;
            }
        }
        String word = words.get(at + last);
        String wanted = entry.words().get(last);
        if (word.equals(wanted)) {
            return true;
        }
        return !entry.exact() && withEnding(word, wanted);
    }

    /** The word is the wanted one with an ending, the stem's last consonant softened before a vowel (destek → desteğe). */
    private static boolean withEnding(String word, String wanted) {
        if (word.startsWith(wanted) && ENDING.matcher(word.substring(wanted.length())).matches()) {
            return true;
        }
        String stem = wanted.substring(0, wanted.length() - 1);
        if (wanted.length() < 3 || !word.startsWith(stem) || word.length() <= wanted.length()) {
            return false;
        }
        char hard = wanted.charAt(wanted.length() - 1);
        char soft = word.charAt(stem.length());
        String ending = word.substring(stem.length() + 1);
        boolean softened = switch (hard) {
            case 'k' -> soft == 'g' || soft == 'y';
            case 'q' -> soft == 'g';
            case 'p' -> soft == 'b';
            case 't' -> soft == 'd';
            default -> false;
        };
        return softened && !ending.isEmpty() && "aeiou".indexOf(ending.charAt(0)) >= 0 && ENDING.matcher(ending).matches();
    }
}
