package io.temas.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The start-up secrets are bound the way Temas binds them and follow the console's password rule. */
class BootstrapSettingsTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(BootstrapSettings.class)
    static class Bound {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Bound.class);

    @Test
    void aOneCharacterAdminPasswordStopsTheStartNamingTheSettingAndTheRule() {
        context.withPropertyValues("temas.bootstrap.admin-password=x").run(started -> {
            assertThat(started).hasFailed();
            assertThat(messages(started.getStartupFailure()))
                    .contains("temas.bootstrap.admin-password (TEMAS_BOOTSTRAP_ADMIN_PASSWORD) is shorter than 8 characters")
                    .doesNotContain("=x");
        });
    }

    @Test
    void aShortApiTokenAndAnOverlongPasswordAreRefusedToo() {
        context.withPropertyValues("temas.bootstrap.api-token=1234567").run(started ->
                assertThat(messages(started.getStartupFailure())).contains("temas.bootstrap.api-token (TEMAS_BOOTSTRAP_API_TOKEN) is shorter"));
        context.withPropertyValues("temas.bootstrap.admin-password=" + "ş".repeat(37)).run(started ->
                assertThat(messages(started.getStartupFailure())).contains("is longer than 72 bytes"));
    }

    @Test
    void eightCharactersOrNothingAtAllStart() {
        context.withPropertyValues("temas.bootstrap.admin-password=12345678", "temas.bootstrap.api-token=abcdefgh").run(started -> {
            assertThat(started).hasNotFailed();
            assertThat(started.getBean(BootstrapSettings.class).adminPassword()).isEqualTo("12345678");
        });
        context.withPropertyValues("temas.bootstrap.admin-password=").run(started -> assertThat(started).hasNotFailed());
        context.run(started -> assertThat(started).hasNotFailed());
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
