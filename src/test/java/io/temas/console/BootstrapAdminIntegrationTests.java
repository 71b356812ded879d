package io.temas.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.api.BootstrapSettings;
import io.temas.support.TemasIntegrationTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A start with the admin's bootstrap password writes nothing when the admin is already so; a start with another
 * password, or after the admin was disabled or renamed, sets it again.
 */
@TemasIntegrationTest
class BootstrapAdminIntegrationTests {

    @Autowired
    ConsoleUsers users;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aStartWithTheSamePasswordLeavesTheAdminsRowAsItIs() {
        BootstrapAdmin start = new BootstrapAdmin(new BootstrapSettings(null, TemasIntegrationTest.ADMIN_PASSWORD), users);
        // A first start sets the admin as the bootstrap password says, whatever other tests did to the row.
        start.run(null);
        Map<String, Object> before = adminRow();
        start.run(null);
        assertThat(adminRow()).as("hash and updated_at").isEqualTo(before);
    }

    @Test
    void aUserIsAlreadySoOnlyWithTheSamePasswordNameAndRoleAndEnabled() {
        String name = "boot-" + UUID.randomUUID().toString().substring(0, 8);
        users.save(name, "Önyükleme", Role.SUPERVISOR, "eski-parola-123");

        assertThat(users.already(name, "Önyükleme", Role.SUPERVISOR, "eski-parola-123")).isTrue();
        assertThat(users.already(name.toUpperCase(), "Önyükleme", Role.SUPERVISOR, "eski-parola-123")).as("names are lower-cased").isTrue();
        assertThat(users.already(name, "Önyükleme", Role.SUPERVISOR, "yeni-parola-456")).as("another password").isFalse();
        assertThat(users.already(name, "Önyükleme", Role.ADMIN, "eski-parola-123")).as("another role").isFalse();
        assertThat(users.already(name, "Başka Ad", Role.SUPERVISOR, "eski-parola-123")).as("another name").isFalse();
        assertThat(users.already("nobody-" + name, "Önyükleme", Role.SUPERVISOR, "eski-parola-123")).as("no such user").isFalse();
        users.setEnabled(name, false);
        assertThat(users.already(name, "Önyükleme", Role.SUPERVISOR, "eski-parola-123")).as("disabled").isFalse();
    }

    private Map<String, Object> adminRow() {
        return jdbc.sql("select password_hash, updated_at, enabled, role from console_users where username = 'admin'").query().singleRow();
    }
}
