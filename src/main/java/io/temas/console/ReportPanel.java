package io.temas.console;

import java.util.List;
import java.util.Map;

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
