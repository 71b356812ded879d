package io.temas.platform;

import java.sql.SQLException;

/**
 * Tells a database failure caused by the value being stored (longer than an index row may be, not
 * representable in a text column, a number out of range) from one of the database itself. The
 * edges refuse such values before they get here; this is the net under them, so that what slips
 * through is answered as the sender's mistake without showing the SQL.
 */
public final class StorageLimits {

    private StorageLimits() {
    }

    /** True when the failure (or one of its causes) is a PostgreSQL data exception or a program limit. */
    public static boolean exceededBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                // class 22: data exception (22001 too long, 22003 out of range, 22021 bad byte such as NUL);
                // 54000: program limit exceeded ("index row size exceeds maximum").
                return state.startsWith("22") || state.equals("54000");
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
