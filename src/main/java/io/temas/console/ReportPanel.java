package io.temas.console;

import java.util.List;
import java.util.Map;
import org.springframework.web.util.HtmlUtils;

/**
 * One chart of a report with the same figures as a table (what a screen reader reads, and what the
 * CSV export writes).
 *
 * @param id    the panel's name in its CSV address ({@code /console/reports/volume/days.csv})
 * @param title message key of its heading
 * @param chart what {@code reports.js} draws: kind, unit, categories and series (see there)
 * @param table the figures, formatted for the reader and raw for the export
 */
record ReportPanel(String id, String title, Map<String, Object> chart, Table table) {

    /** A table: its column headings and rows. */
    record Table(List<String> headers, List<List<Cell>> rows) {

        /**
         * The rows as HTML, each cell's text escaped: a row's first cell heads it. A year's table has thousands of
         * cells, and the template engine spent more on evaluating each cell's expression than the database on the
         * whole report, so the rows are written here in one pass and the template inserts them whole.
         */
        public String bodyHtml() {
            StringBuilder html = new StringBuilder(rows.size() * 96);
            for (List<Cell> row : rows) {
                html.append("<tr>");
                for (int i = 0; i < row.size(); i++) {
                    html.append(i == 0 ? "<th scope=\"row\">" : "<td>").append(escaped(row.get(i).text()))
                            .append(i == 0 ? "</th>" : "</td>");
                }
                html.append("</tr>\n");
            }
            return html.toString();
        }

        /** A cell's text as HTML: escaped, and none for none, as the template's text attribute writes it. */
        private static String escaped(String text) {
            return text == null ? "" : HtmlUtils.htmlEscape(text, "UTF-8");
        }
    }

    /**
     * One cell: as the reader sees it, and as the export writes it (numbers unformatted, days ISO).
     */
    record Cell(String text, String raw) {

        static Cell of(String text) {
            return new Cell(text, text);
        }
    }
}
