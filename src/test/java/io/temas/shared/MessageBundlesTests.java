package io.temas.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Every bundle the application reads (spring.messages.basename) has every key in Turkish (base and {@code _tr}), Azerbaijani
 * and English, none of them blank, so no reader ever sees a key or a sentence in a language they did not choose.
 */
class MessageBundlesTests {

    @Test
    void everyKeyOfEveryBundleIsInEveryLanguage() throws IOException {
        Properties application = new Properties();
        try (InputStream in = MessageBundlesTests.class.getResourceAsStream("/application.properties")) {
            application.load(in);
        }
        List<String> bundles = Arrays.stream(application.getProperty("spring.messages.basename").split(",")).map(String::strip).toList();
        assertThat(bundles).contains("i18n/messages", "i18n/console");
        for (String bundle : bundles) {
            Properties base = load(bundle, "");
            for (String suffix : List.of("_tr", "_az", "_en")) {
                Properties other = load(bundle, suffix);
                assertThat(other.stringPropertyNames()).as(bundle + suffix).isEqualTo(base.stringPropertyNames());
                other.forEach((key, value) -> assertThat(value.toString()).as(bundle + suffix + " " + key).isNotBlank());
            }
        }
    }

    private static Properties load(String bundle, String suffix) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = MessageBundlesTests.class.getResourceAsStream("/" + bundle + suffix + ".properties")) {
            assertThat(in).as(bundle + suffix).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
