package io.temas.channels.email;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;

/**
 * Finds what the sender wrote in a reply: drops "&gt;" quoted lines, cuts at attribution lines ("On …
 * wrote:", "… tarihinde … şunu yazdı:"), at Outlook's original-message separators and header blocks
 * (English, Turkish, Azerbaijani), and at the "-- " signature separator.
 */
final class QuoteStripper {

    /** How many lines an attribution may be wrapped over. */
    private static final int ATTRIBUTION_LINES = 3;

    private static final int MAX_ATTRIBUTION_LENGTH = 400;

    private static final Pattern ATTRIBUTION_END = Pattern.compile(
            "(?iu).*\\b(wrote|yazd[ıi]|yazıb|yazib|schrieb|a écrit|escribió|ha scritto)\\s*:\\s*$");

    private static final Pattern ENGLISH_START = Pattern.compile("(?iu)^\\s*on\\s.+");

    private static final Pattern TURKIC_DATE = Pattern.compile("(?iu).*\\b(tarihinde|tarixində|tarixinde)\\b.*");

    private static final Pattern ORIGINAL_MESSAGE = Pattern.compile(
            "(?iu)^\\s*-{2,}\\s*(original message|özgün ileti|orijinal ileti|orijinal mesaj|asıl ileti|ilkin məktub|orijinal məktub)\\s*-{2,}\\s*$");

    private static final Pattern HEADER_FROM = Pattern.compile("(?iu)^\\s*\\*?(from|kimden|gönderen|kimdən|göndərən)\\s*:\\*?\\s*\\S.*");

    private static final Pattern HEADER_SENT = Pattern.compile("(?iu)^\\s*\\*?(sent|date|gönderildi|gönderilme tarihi|tarih|göndərilib|tarix)\\s*:.*");

    private static final Pattern HEADER_TO = Pattern.compile("(?iu)^\\s*\\*?(to|kime|kimə|cc|bilgi)\\s*:.*");

    private static final Pattern HEADER_SUBJECT = Pattern.compile("(?iu)^\\s*\\*?(subject|konu|mövzu)\\s*:.*");

    private static final Pattern FORWARD_MARKER = Pattern.compile(
            "(?iu).*(forwarded message|begin forwarded message|iletilen ileti|iletilen mesaj|yönlendirilen ileti|yönlendirilmiş ileti|göndərilmiş məktub).*");

    private static final Pattern SEPARATOR = Pattern.compile("^\\s*(_{8,}|-{8,})\\s*$");

    /** Quote containers of the common web and desktop clients. */
    private static final String HTML_QUOTES = String.join(", ",
            ".gmail_quote", ".gmail_quote_container", ".gmail_attr", ".gmail_extra", ".gmail_signature",
            "blockquote[type=cite]", ".moz-cite-prefix", ".moz-signature", ".yahoo_quoted", "#appendonsend",
            "div.OutlookMessageHeader", "#divRplyFwdMsg");

    private QuoteStripper() {
    }

    /** The reply without history and signature; the whole text when nothing would be left. */
    static String displayText(String text) {
        if (text == null || text.isBlank()) {
            return text == null ? "" : text.strip();
        }
        String stripped = strip(text);
        return stripped.isBlank() ? text.strip() : stripped;
    }

    /** The text a person would read in the HTML, without the quote blocks of the common clients. */
    static String htmlWithoutQuotes(String html) {
        Document document = Jsoup.parse(html);
        List<Node> history = new ArrayList<>();
        Element outlookHeader = document.selectFirst("#divRplyFwdMsg");
        if (outlookHeader != null && outlookHeader.parent() != null) {
            // Outlook on the web puts the quoted message after its reply header, as siblings
            List<Node> siblings = outlookHeader.parent().childNodes();
            history.addAll(siblings.subList(outlookHeader.siblingIndex() + 1, siblings.size()));
        }
        history.addAll(document.select(HTML_QUOTES));
        // last first: removing a node renumbers only the siblings after it
        for (Node node : history.reversed()) {
            if (node.parentNode() != null) {
                node.remove();
            }
        }
        return document.outerHtml();
    }

    private static String strip(String text) {
        String[] lines = text.split("\n", -1);
        List<String> kept = new ArrayList<>(lines.length);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String trimmed = line.strip();
            if (trimmed.startsWith(">")) {
                continue;
            }
            if (line.equals("-- ") || line.equals("--")) {
                break;
            }
            if (ORIGINAL_MESSAGE.matcher(line).matches()) {
                dropTrailingSeparator(kept);
                break;
            }
            if (isHeaderBlock(lines, i) && !afterForwardMarker(kept)) {
                dropTrailingSeparator(kept);
                break;
            }
            int start = attributionStart(lines, i);
            if (start >= 0) {
                int attributionLines = i - start;
                for (int k = 0; k < attributionLines && !kept.isEmpty(); k++) {
                    kept.removeLast();
                }
                if (nextContentIsQuoted(lines, i + 1)) {
                    continue;
                }
                break;
            }
            kept.add(line);
        }
        return String.join("\n", kept).replaceAll("\n{3,}", "\n\n").strip();
    }

    /** Where an attribution ending on line {@code end} starts, or -1. */
    private static int attributionStart(String[] lines, int end) {
        String last = lines[end];
        if (last.length() > MAX_ATTRIBUTION_LENGTH || !ATTRIBUTION_END.matcher(last).matches()) {
            return -1;
        }
        String candidate = "";
        for (int start = end; start >= 0 && start > end - ATTRIBUTION_LINES; start--) {
            candidate = (lines[start].strip() + " " + candidate).strip();
            if (candidate.length() > MAX_ATTRIBUTION_LENGTH) {
                return -1;
            }
            if (lines[start].strip().startsWith(">")) {
                return -1;
            }
            if (isAttribution(candidate)) {
                return start;
            }
        }
        return -1;
    }

    private static boolean isAttribution(String candidate) {
        if (ENGLISH_START.matcher(candidate).matches()) {
            return true;
        }
        boolean digit = candidate.chars().anyMatch(Character::isDigit);
        return digit && (candidate.contains("@") || TURKIC_DATE.matcher(candidate).matches());
    }

    private static boolean nextContentIsQuoted(String[] lines, int from) {
        for (int i = from; i < lines.length; i++) {
            String trimmed = lines[i].strip();
            if (!trimmed.isEmpty()) {
                return trimmed.startsWith(">");
            }
        }
        return true;
    }

    /** Outlook's "From: … Sent: … To: … Subject: …" block starting at {@code i}. */
    private static boolean isHeaderBlock(String[] lines, int i) {
        if (lines[i].length() > MAX_ATTRIBUTION_LENGTH || !HEADER_FROM.matcher(lines[i]).matches()) {
            return false;
        }
        boolean sent = false;
        boolean to = false;
        boolean subject = false;
        int seen = 0;
        for (int j = i + 1; j < lines.length && seen < 6; j++) {
            String line = lines[j];
            if (line.isBlank()) {
                continue;
            }
            seen++;
            if (line.length() > MAX_ATTRIBUTION_LENGTH) {
                continue;
            }
            sent |= HEADER_SENT.matcher(line).matches();
            to |= HEADER_TO.matcher(line).matches();
            subject |= HEADER_SUBJECT.matcher(line).matches();
        }
        return subject && (sent || to);
    }

    private static boolean afterForwardMarker(List<String> kept) {
        int checked = 0;
        for (int i = kept.size() - 1; i >= 0 && checked < 2; i--) {
            String line = kept.get(i);
            if (line.isBlank()) {
                continue;
            }
            checked++;
            if (line.length() <= MAX_ATTRIBUTION_LENGTH && FORWARD_MARKER.matcher(line).matches()) {
                return true;
            }
        }
        return false;
    }

    private static void dropTrailingSeparator(List<String> kept) {
        while (!kept.isEmpty() && kept.getLast().isBlank()) {
            kept.removeLast();
        }
        if (!kept.isEmpty() && SEPARATOR.matcher(kept.getLast()).matches()) {
            kept.removeLast();
        }
    }
}
