package io.temas.console;

import java.util.Locale;

/** Which conversations a console user may see: those of every queue, or only those of their own queues. */
enum QueuePermission {
    ALL, OWN;

    String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The permission a form or the database names; null for blank (follow the role's default). */
    static QueuePermission of(String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        for (QueuePermission p : values()) {
            if (p.code().equals(code)) {
                return p;
            }
        }
        throw new ConsoleRefusal("admin.error.queueAccess");
    }
}
