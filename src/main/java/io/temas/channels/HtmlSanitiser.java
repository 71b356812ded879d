package io.temas.channels;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.safety.Safelist;

/** Cleans inbound HTML down to formatting: no scripts, no event handlers, no remote tricks. */
public final class HtmlSanitiser {

    private static final Safelist SAFELIST = Safelist.relaxed()
            .addProtocols("img", "src", "cid", "https", "data")
            .addProtocols("a", "href", "https", "http", "mailto", "tel")
            .addEnforcedAttribute("a", "rel", "nofollow noopener noreferrer");

    /** Marks line breaks through jsoup's whitespace folding: a private-use character, which no text carries. */
    private static final String LINE_BREAK = "\uE000";

    private HtmlSanitiser() {
    }

    /** The sanitised HTML, or null for null input. */
    public static String sanitise(String html) {
        if (html == null) {
            return null;
        }
        Document.OutputSettings output = new Document.OutputSettings().prettyPrint(false);
        return Jsoup.clean(html, "", SAFELIST, output);
    }

    /** The text a person would read in the HTML, with line breaks kept. */
    public static String toText(String html) {
        if (html == null) {
            return null;
        }
        Document document = Jsoup.parse(html.replace(LINE_BREAK, ""));
        document.outputSettings(new Document.OutputSettings().prettyPrint(false));
        // Each mark touches one element's own child list (replacing a <br>, opening a block), so
        // marking stays linear however many breaks a mail has; inserting siblings was quadratic.
        for (Element br : document.select("br")) {
            br.replaceWith(new TextNode(LINE_BREAK));
        }
        for (Element block : document.select("p, div, li, tr, h1, h2, h3, h4")) {
            block.prependChild(new TextNode(LINE_BREAK));
        }
        return document.text().replace(LINE_BREAK, "\n").replaceAll("[ \\t]*\n[ \\t]*", "\n").replaceAll("\n{3,}", "\n\n").strip();
    }
}
