package io.temas.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.channels.HtmlSanitiser;
import org.junit.jupiter.api.Test;

class HtmlTextTests {

    @Test
    void readsOrdinaryHtmlLikeTheSanitiser() {
        String html = "<p>Merhaba,</p><div>Kargom <b>gelmedi</b>.<br>Teşekkürler</div><ul><li>bir</li><li>iki</li></ul>";

        assertThat(HtmlText.toText(html)).isEqualTo(HtmlSanitiser.toText(html)).isEqualTo("Merhaba,\nKargom gelmedi.\nTeşekkürler\nbir\niki");
    }

    @Test
    void readsHtmlWithThousandsOfLineBreaksLikeTheSanitiser() {
        String html = "<div class=\"x\">Başlık</div>" + "<p>satır <i>bir</i><br/>iki</p>\n".repeat(HtmlText.MAX_BREAKS_FOR_SANITISER)
                + "<table><tr><td>a</td></tr><tr><td>b</td></tr></table><h2>Son</h2>";

        assertThat(HtmlText.toText(html)).isEqualTo(HtmlSanitiser.toText(html));
    }
}
