package io.temas.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.TemasApplication;
import io.temas.shared.Language;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The search index on disk survives a restart, and is rebuilt from the database when it is lost. */
class KnowledgeIndexRestartIntegrationTests {

    @TempDir
    Path dataDir;

    @Test
    void theIndexIsKeptAcrossRestartsAndRebuiltWhenLost() throws IOException {
        try (ConfigurableApplicationContext first = start()) {
            first.getBean(KnowledgeBase.class).create(ArticleDraft.of("Lavanta kart", "Lavanta kart sahiplerine özel indirimler.", Language.TR));
            // A draft is newer than every published article but is not in the index.
            first.getBean(KnowledgeBase.class).create(new ArticleDraft("Taslak", "Henüz yayımlanmadı.", Language.TR, null, null, null,
                    ArticleState.DRAFT, null, null, null));
            assertThat(slugs(first, "lavanta kartım")).contains("lavanta-kart");
        }
        try (ConfigurableApplicationContext second = start()) {
            assertThat(second.getBean(KnowledgeBase.class).rebuiltAtStart()).as("the index on disk was current").isFalse();
            assertThat(slugs(second, "lavanta kartım")).contains("lavanta-kart");
            assertThat(slugs(second, "faturami nasil odeyebilirim")).first().isEqualTo("faturami-nasil-oderim");
        }
        Path index = dataDir.resolve("index");
        try (var paths = Files.walk(index)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        try (ConfigurableApplicationContext third = start()) {
            assertThat(third.getBean(KnowledgeBase.class).rebuiltAtStart()).isTrue();
            assertThat(slugs(third, "lavanta kartım")).contains("lavanta-kart");
            assertThat(slugs(third, "faturami nasil odeyebilirim")).first().isEqualTo("faturami-nasil-oderim");
        }
    }

    private static List<String> slugs(ConfigurableApplicationContext context, String query) {
        return context.getBean(ArticleSearch.class).searchQuietly(SearchQuery.of(query, Language.TR)).stream().map(SearchHit::slug).toList();
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(TemasApplication.class).run(
                "--server.port=0",
                "--temas.data-dir=" + dataDir,
                "--temas.demo-data=true",
                "--spring.jmx.enabled=false");
    }
}
