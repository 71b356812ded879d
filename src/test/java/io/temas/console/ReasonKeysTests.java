package io.temas.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Every key the engine writes as a code ({@code ReasonCode.of("…")}, {@code ReasonCode.key("…")}
 * with the whole key written out) is in the bundles in Turkish (default and {@code _tr}),
 * Azerbaijani and English: a key missing in one would show its English fallback on that page.
 */
class ReasonKeysTests {

    private static final Pattern CODE = Pattern.compile("ReasonCode\\.(?:of|key)\\(\\s*\"([a-zA-Z0-9.\\-]+)\"\\s*[,)]");

    @Test
    void everyCodeTheEngineWritesIsInEveryLanguage() throws IOException {
        Set<String> keys = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = CODE.matcher(Files.readString(source));
                while (m.find()) {
                    keys.add(m.group(1));
                }
            }
        }
        assertThat(keys).as("the scan finds the engine's codes").contains("routing.why.entryPointQueue", "eta.basis.waiting",
                "timeline.conversation.routed.detail", "calls.pbx.refused");

        List<String> missing = new ArrayList<>();
        for (String suffix : List.of("", "_tr", "_az", "_en")) {
            Properties all = bundles(suffix);
            keys.stream().filter(k -> !all.containsKey(k)).forEach(k -> missing.add(k + " (i18n/*" + suffix + ".properties)"));
        }
        assertThat(missing).isEmpty();
    }

    private static Properties bundles(String suffix) {
        Properties all = new Properties();
        try {
            for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:i18n/*" + suffix + ".properties")) {
                String name = r.getFilename();
                if (suffix.isEmpty() && name.matches(".*_[a-z]{2}\\.properties")) {
                    continue;
                }
                try (var reader = new InputStreamReader(r.getInputStream(), StandardCharsets.UTF_8)) {
                    all.load(reader);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }
}
