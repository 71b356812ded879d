package io.temas.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Property: whatever bytes arrive, {@link MimeParser#parse} returns a {@link ParsedEmail} or throws
 * {@link MalformedEmail}, nothing else. Inputs are mutations of the sample corpus, drawn from a
 * fixed seed so that a failure can be replayed. A MalformedEmail that wraps a RuntimeException counts
 * as a failure too: it means a bug made a message unreadable.
 */
class MimeParserFuzzTests {

    private static final long SEED = 0x7E3A5L;

    private static final int RUNS = 4000;

    private static final String[] ABSURD_CHARSETS = {
        "", "\"\"", "utf-9", "x-\u0000", "ISO-8859-99", "windows-1254\"; charset=\"utf-8", "UTF-16", "UTF-32BE", "utf-7",
        "a".repeat(300), "../../etc/passwd", "=?utf-8?q?x?=", "ĞÜŞİÖÇ", "unicode-1-1-utf-8", "x-unknown", "*", "'", "IBM037"};

    private final MimeParser parser = new MimeParser(new EmailLimits(2 * 1024 * 1024, 64 * 1024));

    private record Mutation(String name, BiFunction<byte[], Random, byte[]> apply) {
    }

    private final List<Mutation> mutations = List.of(
            new Mutation("truncate", MimeParserFuzzTests::truncate),
            new Mutation("flip bytes", MimeParserFuzzTests::flipBytes),
            new Mutation("insert NUL and control bytes", MimeParserFuzzTests::insertControlBytes),
            new Mutation("duplicate a boundary", MimeParserFuzzTests::duplicateBoundary),
            new Mutation("remove a boundary", MimeParserFuzzTests::removeBoundary),
            new Mutation("break base64", MimeParserFuzzTests::breakBase64),
            new Mutation("break quoted-printable", MimeParserFuzzTests::breakQuotedPrintable),
            new Mutation("absurd charset", MimeParserFuzzTests::absurdCharset),
            new Mutation("absurd transfer encoding", MimeParserFuzzTests::absurdTransferEncoding),
            new Mutation("huge header line", MimeParserFuzzTests::hugeHeaderLine),
            new Mutation("many encoded words", MimeParserFuzzTests::manyEncodedWords),
            new Mutation("line endings", MimeParserFuzzTests::lineEndings),
            new Mutation("duplicate a slice", MimeParserFuzzTests::duplicateSlice),
            new Mutation("delete a slice", MimeParserFuzzTests::deleteSlice),
            new Mutation("empty boundary", MimeParserFuzzTests::emptyBoundary),
            new Mutation("broken RFC 2231 parameters", MimeParserFuzzTests::brokenParameters),
            new Mutation("drop the header section", MimeParserFuzzTests::dropHeader));

    @Test
    void parseReturnsAnEmailOrThrowsMalformedEmailForAnyInput() {
        List<byte[]> corpus = new ArrayList<>();
        for (String name : MimeParserCorpusTests.CORPUS) {
            corpus.add(Eml.resource(name));
        }
        Random random = new Random(SEED);
        List<String> escapes = new ArrayList<>();
        int parsed = 0;
        int malformed = 0;
        for (int run = 0; run < RUNS; run++) {
            byte[] input;
            String description;
            if (run % 50 == 49) {
                int depth = 1 + random.nextInt(120);
                input = MimeParserMalformedTests.nested(depth);
                description = "nesting " + depth + " deep";
            } else if (run % 97 == 96) {
                input = splice(corpus.get(random.nextInt(corpus.size())), corpus.get(random.nextInt(corpus.size())), random);
                description = "spliced messages";
            } else {
                int source = random.nextInt(corpus.size());
                input = corpus.get(source);
                StringBuilder applied = new StringBuilder(MimeParserCorpusTests.CORPUS.get(source));
                int count = 1 + random.nextInt(3);
                for (int i = 0; i < count; i++) {
                    Mutation mutation = mutations.get(random.nextInt(mutations.size()));
                    input = mutation.apply().apply(input, random);
                    applied.append(", ").append(mutation.name());
                }
                description = applied.toString();
            }
            try {
                ParsedEmail email = parser.parse(input);
                checkInvariants(email);
                parsed++;
            } catch (MalformedEmail e) {
                assertThat(e.getMessage()).isNotBlank();
                if (e.getCause() instanceof RuntimeException || e.getCause() instanceof Error) {
                    // wrapped, so the contract holds, but a programming error made a readable message unreadable
                    escapes.add("run " + run + " (" + description + "): " + e.getCause());
                }
                malformed++;
            } catch (Throwable e) {
                escapes.add("run " + run + " (" + description + "): " + e);
            }
        }

        assertThat(escapes).as("exceptions other than MalformedEmail, or wrapped in one").isEmpty();
        assertThat(parsed).as("mutated messages still read").isGreaterThan(RUNS / 2);
        assertThat(malformed).as("mutated messages refused").isPositive();
    }

    @Test
    void readsEveryMessageOfTheCorpusUnmutated() {
        for (String name : MimeParserCorpusTests.CORPUS) {
            ParsedEmail email = parser.parse(Eml.resource(name));
            checkInvariants(email);
        }
    }

    private static void checkInvariants(ParsedEmail email) {
        assertThat(email.text()).isNotNull().doesNotContain("\u0000").doesNotContain("\r");
        assertThat(email.displayText()).isNotNull().doesNotContain("\u0000");
        if (!email.text().isBlank()) {
            assertThat(email.displayText()).isNotBlank();
        }
        assertThat(email.references()).isNotNull().allSatisfy(id -> assertThat(id).startsWith("<").endsWith(">"));
        assertThat(email.recipients()).isNotNull().allSatisfy(address -> assertThat(address).contains("@").isLowerCase());
        assertThat(email.attachments()).isNotNull().allSatisfy(attachment -> {
            assertThat(attachment.filename()).isNotBlank();
            assertThat(attachment.content().length).isLessThanOrEqualTo(64 * 1024);
        });
        assertThat(email.automation()).isNotNull();
        if (email.fromAddress() != null) {
            assertThat(email.fromAddress()).contains("@").isLowerCase();
        }
        if (email.subject() != null) {
            assertThat(email.subject()).doesNotContain("\u0000");
        }
    }

    // ---- mutations ------------------------------------------------------------------------------

    private static byte[] truncate(byte[] in, Random random) {
        return java.util.Arrays.copyOf(in, random.nextInt(in.length + 1));
    }

    private static byte[] flipBytes(byte[] in, Random random) {
        byte[] out = in.clone();
        int flips = 1 + random.nextInt(12);
        for (int i = 0; i < flips && out.length > 0; i++) {
            out[random.nextInt(out.length)] = (byte) random.nextInt(256);
        }
        return out;
    }

    private static byte[] insertControlBytes(byte[] in, Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + 16);
        for (byte b : in) {
            if (random.nextInt(40) == 0) {
                out.write(random.nextBoolean() ? 0 : random.nextInt(32));
            }
            out.write(b);
        }
        return out.toByteArray();
    }

    private static byte[] duplicateBoundary(byte[] in, Random random) {
        List<String> lines = lines(in);
        List<Integer> boundaries = boundaryLines(lines);
        if (boundaries.isEmpty()) {
            return in;
        }
        int at = boundaries.get(random.nextInt(boundaries.size()));
        int times = 1 + random.nextInt(3);
        for (int i = 0; i < times; i++) {
            lines.add(at, lines.get(at));
        }
        return join(lines);
    }

    private static byte[] removeBoundary(byte[] in, Random random) {
        List<String> lines = lines(in);
        List<Integer> boundaries = boundaryLines(lines);
        if (boundaries.isEmpty()) {
            return in;
        }
        lines.remove((int) boundaries.get(random.nextInt(boundaries.size())));
        return join(lines);
    }

    private static byte[] breakBase64(byte[] in, Random random) {
        List<String> lines = lines(in);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.length() >= 16 && line.matches("[A-Za-z0-9+/=]+") && random.nextBoolean()) {
                StringBuilder broken = new StringBuilder(line);
                int edits = 1 + random.nextInt(4);
                for (int e = 0; e < edits; e++) {
                    broken.setCharAt(random.nextInt(broken.length()), "=*%!-_ \u00ff".charAt(random.nextInt(8)));
                }
                if (random.nextBoolean()) {
                    broken.setLength(random.nextInt(broken.length()));
                }
                lines.set(i, broken.toString());
            }
        }
        return join(lines);
    }

    private static byte[] breakQuotedPrintable(byte[] in, Random random) {
        String text = latin1(in);
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c);
            if (c == '=' && random.nextInt(3) == 0) {
                out.append(List.of("", "\r", "G", "\n", "=", "\u00ff", "  \r\n").get(random.nextInt(7)));
            }
        }
        if (random.nextBoolean()) {
            out.append('=');
        }
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] absurdCharset(byte[] in, Random random) {
        String charset = ABSURD_CHARSETS[random.nextInt(ABSURD_CHARSETS.length)];
        String text = new String(in, StandardCharsets.ISO_8859_1)
                .replaceAll("(?i)charset=\"?[A-Za-z0-9_.:-]*\"?", java.util.regex.Matcher.quoteReplacement("charset=\"" + charset + "\""));
        String replaced = text.replaceAll("=\\?[A-Za-z0-9_-]+\\?", java.util.regex.Matcher.quoteReplacement("=?" + charset + "?"));
        return replaced.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] absurdTransferEncoding(byte[] in, Random random) {
        String encoding = List.of("base64", "quoted-printable", "x-uuencode", "uuencode", "binary", "7bit", "bogus", "", "base64; x=y")
                .get(random.nextInt(9));
        String text = latin1(in);
        if (!text.contains("Content-Transfer-Encoding:")) {
            text = text.replaceFirst("\r\n", "\r\nContent-Transfer-Encoding: " + encoding + "\r\n");
        }
        return text.replaceAll("Content-Transfer-Encoding: [^\r\n]*", "Content-Transfer-Encoding: " + encoding)
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] hugeHeaderLine(byte[] in, Random random) {
        String name = List.of("Subject", "X-Huge", "References", "To", "Content-Type", "From").get(random.nextInt(6));
        String unit = List.of("a", "<x@y> ", "ş", "=?utf-8?B?xZ5p?=", "\"", "(", "a@b.c, ", ";x=", "> ").get(random.nextInt(9));
        String header = name + ": " + unit.repeat(20_000 + random.nextInt(40_000) / unit.length()) + "\r\n";
        return Eml.concat(header.getBytes(StandardCharsets.UTF_8), in);
    }

    private static byte[] manyEncodedWords(byte[] in, Random random) {
        String word = List.of("=?utf-8?Q?=C5?=", "=?utf-8?B?", "=?x?Q?", "=?utf-8?Q?_?= ", "=?").get(random.nextInt(5));
        String header = "Subject: " + word.repeat(500 + random.nextInt(2000)) + "\r\n";
        return Eml.concat(header.getBytes(StandardCharsets.UTF_8), in);
    }

    private static byte[] lineEndings(byte[] in, Random random) {
        String text = latin1(in);
        String replaced = switch (random.nextInt(3)) {
            case 0 -> text.replace("\r\n", "\n");
            case 1 -> text.replace("\r\n", "\r");
            default -> text.replace("\r\n", "\u0000");
        };
        return replaced.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] duplicateSlice(byte[] in, Random random) {
        if (in.length == 0) {
            return in;
        }
        int from = random.nextInt(in.length);
        int to = from + random.nextInt(in.length - from);
        int at = random.nextInt(in.length);
        return Eml.concat(java.util.Arrays.copyOfRange(in, 0, at), java.util.Arrays.copyOfRange(in, from, to),
                java.util.Arrays.copyOfRange(in, at, in.length));
    }

    private static byte[] deleteSlice(byte[] in, Random random) {
        if (in.length == 0) {
            return in;
        }
        int from = random.nextInt(in.length);
        int to = from + random.nextInt(Math.min(200, in.length - from) + 1);
        return Eml.concat(java.util.Arrays.copyOfRange(in, 0, from), java.util.Arrays.copyOfRange(in, to, in.length));
    }

    private static byte[] emptyBoundary(byte[] in, Random random) {
        String replacement = List.of("boundary=\"\"", "boundary=", "boundary=\"--\"", "boundary=\"\\\"", "boundary*0=\"a\"")
                .get(random.nextInt(5));
        return latin1(in).replaceAll("boundary=\"?[^\";\r\n]*\"?", java.util.regex.Matcher.quoteReplacement(replacement))
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] brokenParameters(byte[] in, Random random) {
        String parameter = List.of("; filename*=utf-8''%ZZ%", "; filename*0*=%C5; filename*999999*=x", "; name*=''", "; filename=\"unterminated",
                "; ;;=; =x; filename*1=b", "; filename*=x-bad'tr'%FE%FC").get(random.nextInt(6));
        return latin1(in).replaceAll("(Content-(?:Type|Disposition): [^\r\n]*)", "$1" + java.util.regex.Matcher.quoteReplacement(parameter))
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] dropHeader(byte[] in, Random random) {
        String text = latin1(in);
        int end = text.indexOf("\r\n\r\n");
        return end < 0 ? in : text.substring(end + (random.nextBoolean() ? 2 : 4)).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] splice(byte[] first, byte[] second, Random random) {
        return Eml.concat(java.util.Arrays.copyOf(first, random.nextInt(first.length + 1)),
                java.util.Arrays.copyOfRange(second, random.nextInt(second.length + 1), second.length));
    }

    private static List<Integer> boundaryLines(List<String> lines) {
        List<Integer> boundaries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("--")) {
                boundaries.add(i);
            }
        }
        return boundaries;
    }

    private static String latin1(byte[] in) {
        return new String(in, StandardCharsets.ISO_8859_1);
    }

    private static List<String> lines(byte[] in) {
        return new ArrayList<>(List.of(latin1(in).split("\r\n", -1)));
    }

    private static byte[] join(List<String> lines) {
        return String.join("\r\n", lines).getBytes(StandardCharsets.ISO_8859_1);
    }
}
