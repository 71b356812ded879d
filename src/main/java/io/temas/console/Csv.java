package io.temas.console;

/** One CSV cell (RFC 4180), safe to open in a spreadsheet: a cell that a spreadsheet would take for a formula is quoted as text. */
final class Csv {

    private Csv() {
    }

    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String v = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r") || v.contains(";")
                ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
