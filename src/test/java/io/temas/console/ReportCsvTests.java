package io.temas.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportCsvTests {

    @Test
    void quotesWhatNeedsQuotingAndDisarmsFormulas() {
        assertThat(ReportCsv.cell("fatura")).isEqualTo("fatura");
        assertThat(ReportCsv.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(ReportCsv.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(ReportCsv.cell("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(ReportCsv.cell("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(ReportCsv.cell("+90 555")).isEqualTo("\"'+90 555\"");
        assertThat(ReportCsv.cell("-2+3")).isEqualTo("\"'-2+3\"");
        assertThat(ReportCsv.cell("@SUM(A1)")).isEqualTo("\"'@SUM(A1)\"");
        assertThat(ReportCsv.cell("\tcmd")).isEqualTo("\"'\tcmd\"");
        assertThat(ReportCsv.cell("-12")).isEqualTo("-12");
        assertThat(ReportCsv.cell("0.8500")).isEqualTo("0.8500");
        assertThat(ReportCsv.cell(null)).isEmpty();
    }

    @Test
    void writesHeadersAndRawValuesWithAByteOrderMark() {
        ReportPanel.Table table = new ReportPanel.Table(List.of("Gün", "Açılan"), List.of(
                List.of(new ReportPanel.Cell("1 Ara 2026", "2026-12-01"), new ReportPanel.Cell("1.234", "1234"))));
        assertThat(ReportCsv.of(table)).isEqualTo("\uFEFFGün,Açılan\r\n2026-12-01,1234\r\n");
    }
}
