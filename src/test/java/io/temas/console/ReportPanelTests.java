package io.temas.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportPanelTests {

    @Test
    void theTablesRowsAreWrittenAsHtmlWithEveryCellsTextEscaped() {
        ReportPanel.Table table = new ReportPanel.Table(List.of("Gün", "Kuyruk"), List.of(
                List.of(new ReportPanel.Cell("1 Ara 2026", "2026-12-01"), ReportPanel.Cell.of("<script>alert(\"x\")</script> & Ödeme")),
                List.of(ReportPanel.Cell.of("<b>2</b>"), ReportPanel.Cell.of("%40,5"), ReportPanel.Cell.of(null))));
        assertThat(table.bodyHtml()).isEqualTo("""
                <tr><th scope="row">1 Ara 2026</th><td>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Ödeme</td></tr>
                <tr><th scope="row">&lt;b&gt;2&lt;/b&gt;</th><td>%40,5</td><td></td></tr>
                """);
    }
}
