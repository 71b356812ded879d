package io.temas.console;

import io.temas.api.BootstrapSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates the console user {@code admin}, or resets its password (and enables it, as an admin), from
 * {@code temas.bootstrap.admin-password}; an admin already so is left as it is.
 */
@Component
@Order(5)
class BootstrapAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

    private final BootstrapSettings settings;
    private final ConsoleUsers users;

    BootstrapAdmin(BootstrapSettings settings, ConsoleUsers users) {
        this.settings = settings;
        this.users = users;
    }

    @Override
    public void run(ApplicationArguments args) {
        String password = settings.adminPassword();
        if (password != null && !password.isBlank()) {
            // A start with the password the user already has writes nothing: the row's updated_at keeps saying when
            // the password last changed, and the start does not wait for a commit.
            if (!users.already("admin", "Admin", Role.ADMIN, password)) {
                users.save("admin", "Admin", Role.ADMIN, password);
            }
            log.info("Console user 'admin' is ready");
        }
    }
}
