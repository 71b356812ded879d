package io.temas.knowledge;

import io.temas.shared.TextFolding;
import java.io.IOException;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;

/**
 * The knowledge base's analysis chain, the same for articles and queries in every language:
 * words (Unicode word breaks) → cut at an apostrophe ("Örnek'in" → "örnek") → lower-case with
 * Turkish rules and fold to ASCII (ç→c, ğ→g, ı/İ/I→i, ö→o, ş→s, ü→u, ə→e) → drop filler words
 * → {@link TurkicStemmer}. Folding before anything else makes "musteri" and "müşteri",
 * "FATURAMI" and "faturamı" the same word. Fields whose name starts with {@value #PREFIX_FIELD}
 * keep the first {@value #PREFIX_LENGTH} letters of the folded word instead of its stem: a cheap,
 * well-tried stemmer for Turkish that catches the suffixes the light stemmer misses.
 */
final class TurkicAnalyzer extends Analyzer {

    static final String PREFIX_FIELD = "pre";
    /** Folded words without filler words, neither stemmed nor cut: how searches are grouped in reports. */
    static final String PLAIN_FIELD = "plain";
    static final int PREFIX_LENGTH = 5;

    /** Question words, particles, pronouns and light verbs in Turkish, Azerbaijani and English, folded. */
    static final CharArraySet STOP_WORDS = new CharArraySet(List.of(
            // Turkish
            "acaba", "ama", "ancak", "bana", "beni", "benim", "ben", "bile", "bir", "biz", "bizim", "bu", "bunu", "buna", "cok",
            "da", "daha", "de", "diye", "en", "gibi", "hangi", "hem", "hic", "icin", "ile", "ise", "kac", "kadar", "ki", "lutfen",
            "merhaba", "mi", "mu", "mudur", "midir", "nasil", "ne", "neden", "nedir", "nerede", "nerde", "nereden", "neresi", "nere", "neler", "nicin",
            "niye", "o", "olan", "olarak", "olur", "olabilir", "sen", "siz", "sizin", "size", "sizi", "su", "ve", "veya", "ya",
            "yani", "istiyorum", "isterim", "etmek", "ederim", "edebilirim", "eder", "edilir", "ettim", "yapabilirim",
            "yapmak", "yapilir", "yapiyorum", "var", "mumkun", "tesekkurler", "selam",
            // Azerbaijani (folded: nə → ne, üçün → ucun, necə → nece)
            "nece", "ucun", "men", "menim", "bize", "sizin", "hansi", "harada", "niye", "edim", "ede", "bilerem", "zehmet",
            "olmaq", "etmek",
            // English
            "a", "an", "and", "are", "be", "can", "do", "does", "for", "how", "i", "in", "is", "it", "me", "my", "of", "on",
            "or", "the", "to", "what", "when", "where", "why", "with", "you", "your", "please", "hello", "hi"), false);

    TurkicAnalyzer() {
        // Fields get different chains (stems, prefixes, plain words), so components are reused per field.
        super(PER_FIELD_REUSE_STRATEGY);
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer words = new StandardTokenizer();
        TokenStream stream = new FoldingFilter(words);
        stream = new StopFilter(stream, STOP_WORDS);
        if (fieldName.startsWith(PREFIX_FIELD)) {
            stream = new PrefixFilter(stream);
        } else if (!fieldName.equals(PLAIN_FIELD)) {
            stream = new StemFilter(stream);
        }
        return new TokenStreamComponents(words, stream);
    }

    /** Cuts a word at its apostrophe and folds it; drops words that fold to nothing. */
    static final class FoldingFilter extends TokenFilter {

        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

        FoldingFilter(TokenStream input) {
            super(input);
        }

        @Override
        public boolean incrementToken() throws IOException {
            while (input.incrementToken()) {
                String word = term.toString();
                int apostrophe = indexOfApostrophe(word);
                if (apostrophe > 0) {
                    word = word.substring(0, apostrophe);
                }
                String folded = TextFolding.fold(word);
                if (!folded.isEmpty()) {
                    term.setEmpty().append(folded);
                    return true;
                }
            }
            return false;
        }

        private static int indexOfApostrophe(String word) {
            for (int i = 0; i < word.length(); i++) {
                char c = word.charAt(i);
                if (c == '\'' || c == '’' || c == 'ʼ') {
                    return i;
                }
            }
            return -1;
        }
    }

    static final class StemFilter extends TokenFilter {

        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final KeywordAttribute keyword = addAttribute(KeywordAttribute.class);

        StemFilter(TokenStream input) {
            super(input);
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (!input.incrementToken()) {
                return false;
            }
            if (!keyword.isKeyword() && term.length() > TurkicStemmer.MIN_STEM && Character.isLetter(term.charAt(0))) {
                String stem = TurkicStemmer.stem(term.toString());
                term.setEmpty().append(stem);
            }
            return true;
        }
    }

    static final class PrefixFilter extends TokenFilter {

        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

        PrefixFilter(TokenStream input) {
            super(input);
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (!input.incrementToken()) {
                return false;
            }
            if (term.length() > PREFIX_LENGTH) {
                term.setLength(PREFIX_LENGTH);
            }
            return true;
        }
    }
}
