package io.temas.channels.email;

import io.temas.channels.HtmlSanitiser;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;

/**
 * The text of an HTML body. Ordinary mail goes through {@link HtmlSanitiser#toText}; HTML with
 * thousands of line-breaking elements, which that method handles in time quadratic in their number,
 * is converted by marking the breaks in the source instead, with the same result for ordinary markup.
 */
final class HtmlText {

    /** Above this many breaking tags the source is marked instead of the parsed document. */
    static final int MAX_BREAKS_FOR_SANITISER = 1_000;

    private static final Pattern BREAK_BEFORE = Pattern.compile("(?i)<(?:p|div|li|tr|h[1-4])(?=[\\s/>])");

    private static final Pattern BREAK_AFTER = Pattern.compile("(?i)<br(?=[\\s/>])[^<>]{0,1000}+>");

    private static final String LINE_BREAK = "\uE000";

    private HtmlText() {
    }

    static String toText(String html) {
        if (html == null) {
            return null;
        }
        if (countBreaks(html) <= MAX_BREAKS_FOR_SANITISER) {
            return HtmlSanitiser.toText(html);
        }
        String marked = BREAK_AFTER.matcher(BREAK_BEFORE.matcher(html.replace(LINE_BREAK, "")).replaceAll(LINE_BREAK + "$0"))
                .replaceAll("$0" + LINE_BREAK);
        String text = Jsoup.parse(marked).text();
        return text.replace(LINE_BREAK, "\n").replaceAll("[ \\t]*\n[ \\t]*", "\n").replaceAll("\n{3,}", "\n\n").strip();
    }

    private static int countBreaks(String html) {
        int count = 0;
        Matcher before = BREAK_BEFORE.matcher(html);
        while (before.find()) {
            if (++count > MAX_BREAKS_FOR_SANITISER) {
                return count;
            }
        }
        Matcher after = BREAK_AFTER.matcher(html);
        while (after.find()) {
            if (++count > MAX_BREAKS_FOR_SANITISER) {
                return count;
            }
        }
        return count;
    }
}
