package io.temas.console;

import io.temas.api.BootstrapSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Creates the console user {@code admin}, or resets its password, from {@code temas.bootstrap.admin-password}. */
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
            users.save("admin", "Admin", Role.ADMIN, password);
            log.info("Console user 'admin' is ready");
        }
    }
}
