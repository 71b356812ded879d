package io.temas.console;

import java.util.List;

/**
 * A report table as CSV (RFC 4180, UTF-8 with a byte-order mark so spreadsheets read Turkish
 * letters). A cell that a spreadsheet would take for a formula (it starts with {@code =}, {@code +},
 * {@code -}, {@code @}, a tab or a carriage return, and is not a plain number) gets a leading
 * apostrophe ({@link Csv}): a customer's search words or a tag cannot run as a formula on a supervisor's machine.
 */
final class ReportCsv {

    private ReportCsv() {
    }

    static String of(ReportPanel.Table table) {
        StringBuilder out = new StringBuilder("\uFEFF");
        Csv.line(out, table.headers());
        for (List<ReportPanel.Cell> row : table.rows()) {
            Csv.line(out, row.stream().map(ReportPanel.Cell::raw).toList());
        }
        return out.toString();
    }
}
