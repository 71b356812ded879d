package io.temas.console;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One CSV cell (RFC 4180), safe to open in a spreadsheet: a cell a spreadsheet would take for a formula (starting
 * with {@code = + - @}, a tab or a carriage return) gets a leading apostrophe and is quoted, unless it is a plain number
 * such as {@code -12}; a cell holding a separator ({@code ,} or {@code ;}), a quote or a line break is quoted.
 */
final class Csv {

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private Csv() {
    }

    /** Appends one record: the cells, comma-separated, and CRLF. */
    static void line(StringBuilder out, List<String> cells) {
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
        boolean formula = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 && !NUMBER.matcher(value).matches();
        String safe = formula ? "'" + value : value;
        return formula || safe.contains(",") || safe.contains(";") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")
                ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
    }
}
