package io.temas.console;

import java.util.Locale;

/** What a console user may do: agents answer, supervisors also steer queues, admins also configure. */
public enum Role {
    AGENT, SUPERVISOR, ADMIN;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }

    /** Spring Security authorities: each role includes the ones below it. */
    String[] authorities() {
        return switch (this) {
            case AGENT -> new String[] {"ROLE_AGENT"};
            case SUPERVISOR -> new String[] {"ROLE_AGENT", "ROLE_SUPERVISOR"};
            case ADMIN -> new String[] {"ROLE_AGENT", "ROLE_SUPERVISOR", "ROLE_ADMIN"};
        };
    }
}
