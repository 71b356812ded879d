package io.temas.console;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Ends the start-up log with where to go: once Temas is ready to serve, one INFO block with the
 * addresses of the console, the help centre and the API documentation and who can sign in, so a
 * first start does not leave the operator guessing among the lines before it.
 */
@Component
class ReadyAddresses implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(ReadyAddresses.class);

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        log.info(text(event.getApplicationContext().getEnvironment()));
    }

    static String text(Environment env) {
        String base = base(env);
        boolean admin = !env.getProperty("temas.bootstrap.admin-password", "").isBlank();
        boolean demo = env.getProperty("temas.demo-data", Boolean.class, false);
        StringBuilder text = new StringBuilder("Temas is ready.\n");
        text.append("  Console:      ").append(base).append("/login\n");
        text.append("  Help centre:  ").append(base).append("/portal\n");
        text.append("  API docs:     ").append(base).append("/docs/api (OpenAPI at ").append(base).append("/v3/api-docs)\n");
        if (admin) {
            text.append("  Sign in as:   admin, with the password from temas.bootstrap.admin-password (TEMAS_BOOTSTRAP_ADMIN_PASSWORD)\n");
        } else {
            text.append("  Sign in as:   a console user; to create the first one, start with TEMAS_BOOTSTRAP_ADMIN_PASSWORD set"
                    + " (user admin)\n");
        }
        if (demo) {
            text.append("  Demo users:   ayse, elif, mehmet, kenan, zeynep (agents) and selin (supervisor), password temas-demo\n");
        }
        return text.toString().stripTrailing();
    }

    /** The public address when configured, else this machine on the port the server took. */
    private static String base(Environment env) {
        String configured = env.getProperty("temas.public-url", "").strip();
        if (!configured.isEmpty()) {
            return configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
        }
        String host = env.getProperty("server.address", "localhost");
        if (host.isBlank() || host.equals("0.0.0.0") || host.equals("::")) {
            host = "localhost";
        }
        String port = env.getProperty("local.server.port", env.getProperty("server.port", "8080"));
        String context = env.getProperty("server.servlet.context-path", "");
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + context;
    }
}
