package io.temas.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportCsvTests {

    @Test
    void quotesWhatNeedsQuotingAndDisarmsFormulas() {
        assertThat(Csv.cell("fatura")).isEqualTo("fatura");
        assertThat(Csv.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(Csv.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(Csv.cell("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(Csv.cell("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(Csv.cell("+90 555")).isEqualTo("\"'+90 555\"");
        assertThat(Csv.cell("-2+3")).isEqualTo("\"'-2+3\"");
        assertThat(Csv.cell("@SUM(A1)")).isEqualTo("\"'@SUM(A1)\"");
        assertThat(Csv.cell("\tcmd")).isEqualTo("\"'\tcmd\"");
        assertThat(Csv.cell("-12")).isEqualTo("-12");
        assertThat(Csv.cell("0.8500")).isEqualTo("0.8500");
        assertThat(Csv.cell(null)).isEmpty();
    }

    @Test
    void writesHeadersAndRawValuesWithAByteOrderMark() {
        ReportPanel.Table table = new ReportPanel.Table(List.of("Gün", "Açılan"), List.of(
                List.of(new ReportPanel.Cell("1 Ara 2026", "2026-12-01"), new ReportPanel.Cell("1.234", "1234"))));
        assertThat(ReportCsv.of(table)).isEqualTo("\uFEFFGün,Açılan\r\n2026-12-01,1234\r\n");
    }
}
