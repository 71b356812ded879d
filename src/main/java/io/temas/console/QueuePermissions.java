package io.temas.console;

import io.temas.conversations.QueueAccess;
import io.temas.routing.Agent;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The queue permission of each console user: set on the user, or else the default of their role
 * (all queues unless an admin chose otherwise). Admins always see every queue: they can change
 * the setting anyway, so restricting them would protect nothing.
 */
@Component
class QueuePermissions {

    /** Roles whose default an admin can choose. */
    static final List<Role> RESTRICTABLE = List.of(Role.AGENT, Role.SUPERVISOR);

    private final JdbcClient jdbc;

    QueuePermissions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every user's own setting, for the admin screen. */
    Map<String, QueuePermission> users() {
        Map<String, QueuePermission> all = new java.util.HashMap<>();
        jdbc.sql("SELECT username, queue_access FROM console_users WHERE queue_access IS NOT NULL")
                .query((rs, n) -> all.put(rs.getString(1), QueuePermission.of(rs.getString(2)))).list();
        return all;
    }

    Map<Role, QueuePermission> roleDefaults() {
        Map<Role, QueuePermission> defaults = new EnumMap<>(Role.class);
        RESTRICTABLE.forEach(r -> defaults.put(r, QueuePermission.ALL));
        jdbc.sql("SELECT role, queue_access FROM role_queue_access")
                .query((rs, n) -> defaults.put(Role.of(rs.getString(1)), QueuePermission.of(rs.getString(2)))).list();
        return defaults;
    }

    /** Sets the user's own permission, or with null lets them follow their role's default; false when there is no such user. */
    boolean setForUser(String username, QueuePermission permission) {
        return jdbc.sql("UPDATE console_users SET queue_access = ? WHERE username = ?")
                .params(permission == null ? null : permission.code(), username).update() == 1;
    }

    /** Sets several roles' defaults together or not at all. */
    @org.springframework.transaction.annotation.Transactional
    void setRoleDefaults(Map<Role, QueuePermission> defaults) {
        defaults.forEach(this::setRoleDefault);
    }

    void setRoleDefault(Role role, QueuePermission permission) {
        if (!RESTRICTABLE.contains(role)) {
            throw new ConsoleRefusal("admin.error.role");
        }
        jdbc.sql("""
                INSERT INTO role_queue_access (role, queue_access) VALUES (?, ?)
                ON CONFLICT (role) DO UPDATE SET queue_access = EXCLUDED.queue_access""")
                .params(role.code(), permission.code()).update();
    }

    /** The permission that applies to the user now: their own, else their role's (one small look-up, only then). */
    QueuePermission effective(ConsoleUser user) {
        if (user.role() == Role.ADMIN) {
            return QueuePermission.ALL;
        }
        if (user.queueAccess() != null) {
            return user.queueAccess();
        }
        return jdbc.sql("SELECT queue_access FROM role_queue_access WHERE role = ?").param(user.role().code())
                .query(String.class).optional().map(QueuePermission::of).orElse(QueuePermission.ALL);
    }

    /**
     * What the user may see: everything, or their agent profile's queues and what is assigned to it
     * (the profile is looked up only for a restricted user).
     */
    QueueAccess access(ConsoleUser user, Supplier<Optional<Agent>> agent) {
        if (effective(user) == QueuePermission.ALL) {
            return QueueAccess.EVERYTHING;
        }
        Optional<Agent> profile = agent.get();
        return QueueAccess.own(profile.map(Agent::queueIds).orElse(List.of()), profile.map(Agent::id).orElse(null));
    }
}
