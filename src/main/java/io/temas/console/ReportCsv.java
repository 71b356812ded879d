package io.temas.console;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A report table as CSV (RFC 4180, UTF-8 with a byte-order mark so spreadsheets read Turkish
 * letters). A cell that a spreadsheet would take for a formula (it starts with {@code =}, {@code +},
 * {@code -}, {@code @}, a tab or a carriage return, and is not a plain number) gets a leading
 * apostrophe: a customer's search words or a tag cannot run as a formula on a supervisor's machine.
 */
final class ReportCsv {

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private ReportCsv() {
    }

    static String of(ReportPanel.Table table) {
        StringBuilder out = new StringBuilder("\uFEFF");
        line(out, table.headers());
        for (List<ReportPanel.Cell> row : table.rows()) {
            line(out, row.stream().map(ReportPanel.Cell::raw).toList());
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
    }

    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String safe = value;
        if (!safe.isEmpty() && "=+-@\t\r".indexOf(safe.charAt(0)) >= 0 && !NUMBER.matcher(safe).matches()) {
            safe = "'" + safe;
        }
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r") || !safe.equals(value)) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }
}
