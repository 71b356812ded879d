package io.temas.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The reports' words: every key the page and the panels name is in the bundle (MessageBundlesTests checks every language has it). */
class ReportBundlesTests {

    @Test
    void everyKeyThePageAndThePanelsNameExists() throws IOException {
        Set<String> named = new TreeSet<>();
        Matcher keys = Pattern.compile("\"(reports\\.[A-Za-z0-9.]+)\"").matcher(
                Files.readString(Path.of("src/main/java/io/temas/console/ReportPanels.java")));
        while (keys.find()) {
            named.add(keys.group(1));
        }
        Matcher page = Pattern.compile("#\\{(reports\\.[A-Za-z0-9.]+)").matcher(
                Files.readString(Path.of("src/main/resources/templates/console/reports.html")));
        while (page.find()) {
            named.add(page.group(1));
        }
        for (String report : ReportsController.REPORTS) {
            named.add("reports." + report + ".title");
        }
        named.removeIf(key -> key.endsWith("."));
        assertThat(named).hasSizeGreaterThan(40);
        assertThat(load("").stringPropertyNames()).containsAll(named);
    }

    private static Properties load(String suffix) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = ReportBundlesTests.class.getResourceAsStream("/i18n/reports" + suffix + ".properties")) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
