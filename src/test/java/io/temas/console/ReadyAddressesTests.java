package io.temas.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class ReadyAddressesTests {

    @Test
    void namesTheAddressesOnThePortTheServerTookAndWhoCanSignIn() {
        MockEnvironment env = new MockEnvironment().withProperty("local.server.port", "18080")
                .withProperty("temas.bootstrap.admin-password", "change-me").withProperty("temas.demo-data", "true");

        String text = ReadyAddresses.text(env);

        assertThat(text).startsWith("Temas is ready.")
                .contains("Console:      http://localhost:18080/login")
                .contains("Help centre:  http://localhost:18080/portal")
                .contains("API docs:     http://localhost:18080/docs/api")
                .contains("admin, with the password from temas.bootstrap.admin-password")
                .contains("ayse").contains("temas-demo")
                .doesNotContain("change-me");
    }

    @Test
    void prefersThePublicAddressAndSaysHowToGetAFirstUser() {
        MockEnvironment env = new MockEnvironment().withProperty("local.server.port", "8080")
                .withProperty("temas.public-url", "https://destek.example.com.tr/");

        String text = ReadyAddresses.text(env);

        assertThat(text).contains("Console:      https://destek.example.com.tr/login")
                .contains("start with TEMAS_BOOTSTRAP_ADMIN_PASSWORD set").doesNotContain("Demo users");
    }
}
