package io.temas.channels;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlSanitiserTests {

    @Test
    void removesScriptsAndTheirContent() {
        assertThat(HtmlSanitiser.sanitise("<p>Merhaba</p><script>alert('x')</script>")).isEqualTo("<p>Merhaba</p>");
    }

    @Test
    void removesEventHandlers() {
        String clean = HtmlSanitiser.sanitise("<p onclick=\"steal()\">Merhaba</p><img src=\"https://ornek.com/a.png\" onerror=\"steal()\">");

        assertThat(clean).doesNotContainIgnoringCase("onclick").doesNotContainIgnoringCase("onerror").doesNotContain("steal")
                .contains("<p>Merhaba</p>").contains("src=\"https://ornek.com/a.png\"");
    }

    @Test
    void removesStylesIframesAndForms() {
        String clean = HtmlSanitiser.sanitise("<style>p{}</style><iframe src=\"https://x\"></iframe><form><input></form><b>ok</b>");

        assertThat(clean).isEqualTo("<b>ok</b>");
    }

    @Test
    void givesLinksARelThatKeepsTheOpenerAndReferrerPrivate() {
        assertThat(HtmlSanitiser.sanitise("<a href=\"https://ornek.com\" target=\"_blank\">site</a>"))
                .contains("href=\"https://ornek.com\"").contains("rel=\"nofollow noopener noreferrer\"");
    }

    @Test
    void removesJavascriptLinksButKeepsMailAndPhoneLinks() {
        assertThat(HtmlSanitiser.sanitise("<a href=\"javascript:steal()\">x</a>")).doesNotContain("javascript");
        assertThat(HtmlSanitiser.sanitise("<a href=\"mailto:ali@ornek.com\">e</a>")).contains("href=\"mailto:ali@ornek.com\"");
        assertThat(HtmlSanitiser.sanitise("<a href=\"tel:+905321112233\">t</a>")).contains("href=\"tel:+905321112233\"");
    }

    @Test
    void keepsInlineImagesReferencedByContentId() {
        assertThat(HtmlSanitiser.sanitise("<img src=\"cid:logo@ornek\">")).contains("src=\"cid:logo@ornek\"");
    }

    @Test
    void keepsFormattingAndTables() {
        String html = "<p><b>Kalın</b> <i>eğik</i></p><table><tbody><tr><td>1</td></tr></tbody></table>";

        assertThat(HtmlSanitiser.sanitise(html)).isEqualTo(html);
    }

    @Test
    void leavesNullAlone() {
        assertThat(HtmlSanitiser.sanitise(null)).isNull();
        assertThat(HtmlSanitiser.toText(null)).isNull();
    }

    @Test
    void toTextKeepsLineBreaksOfBreaksAndParagraphs() {
        assertThat(HtmlSanitiser.toText("Merhaba,<br>faturam gelmedi.<br/>Teşekkürler")).isEqualTo("Merhaba,\nfaturam gelmedi.\nTeşekkürler");
        assertThat(HtmlSanitiser.toText("<p>Merhaba,</p><p>faturam   gelmedi.</p>")).isEqualTo("Merhaba,\nfaturam gelmedi.");
    }

    @Test
    void toTextPutsListItemsAndTableRowsOnTheirOwnLines() {
        assertThat(HtmlSanitiser.toText("<ul><li>bir</li><li>iki</li></ul><table><tr><td>a</td></tr><tr><td>b</td></tr></table>"))
                .isEqualTo("bir\niki\na\nb");
    }

    @Test
    void toTextKeepsAtMostOneEmptyLine() {
        assertThat(HtmlSanitiser.toText("bir<br><br><br><br>iki")).isEqualTo("bir\n\niki");
    }

    @Test
    void toTextLeavesOutScriptsAndDecodesEntities() {
        assertThat(HtmlSanitiser.toText("<p>A &amp; B &lt;3</p><script>var x = 1;</script>")).isEqualTo("A & B <3");
    }

    @Test
    void toTextKeepsBackslashesTheCustomerTyped() {
        assertThat(HtmlSanitiser.toText("<p>Dosya C:\\Users\\ali\\notlar.txt yerinde</p>")).isEqualTo("Dosya C:\\Users\\ali\\notlar.txt yerinde");
    }

    @Test
    void readsOrdinaryMailHtmlLineByLine() {
        String html = "<p>Merhaba,</p><div>Kargom <b>gelmedi</b>.<br>Teşekkürler</div><ul><li>bir</li><li>iki</li></ul>";

        assertThat(HtmlSanitiser.toText(html)).isEqualTo("Merhaba,\nKargom gelmedi.\nTeşekkürler\nbir\niki");
    }

    @Test
    void readsHtmlWithThousandsOfLineBreaks() {
        String html = "<div class=\"x\">Başlık</div>" + "<p>satır <i>bir</i><br/>iki</p>\n".repeat(5_000)
                + "<table><tr><td>a</td></tr><tr><td>b</td></tr></table><h2>Son</h2>";

        String[] lines = HtmlSanitiser.toText(html).split("\n");

        assertThat(lines).hasSize(1 + 2 * 5_000 + 3);
        assertThat(lines[0]).isEqualTo("Başlık");
        assertThat(lines[1]).isEqualTo("satır bir");
        assertThat(lines[2]).isEqualTo("iki");
        assertThat(lines[lines.length - 1]).isEqualTo("Son");
    }
}
