package io.temas.demo;

import io.temas.knowledge.Article;
import io.temas.knowledge.ArticleDraft;
import io.temas.knowledge.ArticleState;
import io.temas.knowledge.Category;
import io.temas.knowledge.KnowledgeBase;
import io.temas.knowledge.Visibility;
import io.temas.shared.Language;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Loads Örnek A.Ş.'s help centre (categories, synonyms and articles in Turkish with some
 * Azerbaijani and English variants) from {@code demo/knowledge/articles.txt}. Runs once, on a
 * knowledge base without categories.
 */
@Component
@Order(20)
class DemoKnowledgeBase implements ApplicationRunner {

    static final String RESOURCE = "demo/knowledge/articles.txt";
    private static final Logger log = LoggerFactory.getLogger(DemoKnowledgeBase.class);

    private final DemoSettings settings;
    private final KnowledgeBase knowledge;

    DemoKnowledgeBase(DemoSettings settings, KnowledgeBase knowledge) {
        this.settings = settings;
        this.knowledge = knowledge;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!settings.demoData() || !knowledge.categories().isEmpty()) {
            return;
        }
        Content content = Content.parse(read());
        Map<String, UUID> categories = new HashMap<>();
        for (List<String> c : content.categories()) {
            Category created = knowledge.createCategory(c.get(0), c.get(1).isEmpty() ? null : categories.get(c.get(1)),
                    Integer.parseInt(c.get(2)), c.get(3), c.get(4), c.get(5));
            categories.put(created.slug(), created.id());
        }
        content.synonyms().forEach(knowledge::addSynonyms);
        Map<String, UUID> articles = new HashMap<>();
        List<Map<String, String>> originals = content.articles().stream().filter(a -> !a.containsKey("translation-of")).toList();
        List<Map<String, String>> variants = content.articles().stream().filter(a -> a.containsKey("translation-of")).toList();
        for (List<Map<String, String>> batch : List.of(originals, variants)) {
            List<Article> created = knowledge.importArticles(batch.stream().map(a -> draft(a, categories, articles)).toList());
            created.forEach(a -> articles.put(a.slug(), a.id()));
        }
        log.info("Loaded the demo help centre: {} categories, {} articles", categories.size(), articles.size());
    }

    private static ArticleDraft draft(Map<String, String> a, Map<String, UUID> categories, Map<String, UUID> articles) {
        List<String> tags = a.containsKey("tags") ? Arrays.stream(a.get("tags").split(",")).map(String::strip).toList() : List.of();
        return new ArticleDraft(a.get("title"), a.get("body"), Language.parse(a.get("language")).orElseThrow(),
                categories.get(a.get("category")), tags, Visibility.parse(a.get("visibility"), Visibility.PUBLIC), ArticleState.PUBLISHED,
                a.get("slug"), a.containsKey("translation-of") ? articles.get(a.get("translation-of")) : null, "Örnek Yardım Merkezi");
    }

    static String read() {
        try (InputStream in = DemoKnowledgeBase.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The demo file: categories (six columns), synonym groups and articles (headers and a body). */
    record Content(List<List<String>> categories, List<List<String>> synonyms, List<Map<String, String>> articles) {

        static Content parse(String text) {
            List<List<String>> categories = new ArrayList<>();
            List<List<String>> synonyms = new ArrayList<>();
            List<Map<String, String>> articles = new ArrayList<>();
            Map<String, String> article = null;
            StringBuilder body = null;
            for (String line : text.split("\n", -1)) {
                if (line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("@")) {
                    finish(article, body);
                    article = null;
                    body = null;
                    String rest = line.substring(line.indexOf(' ') + 1).strip();
                    if (line.startsWith("@category ")) {
                        List<String> columns = Arrays.stream(rest.split("\\|", -1)).map(String::strip).toList();
                        categories.add(columns);
                    } else if (line.startsWith("@synonyms ")) {
                        synonyms.add(Arrays.stream(rest.split(",")).map(String::strip).toList());
                    } else if (line.startsWith("@article ")) {
                        article = new LinkedHashMap<>();
                        article.put("slug", rest);
                        articles.add(article);
                    }
                } else if (article != null && body == null) {
                    if (line.isBlank()) {
                        body = new StringBuilder();
                    } else {
                        int colon = line.indexOf(':');
                        article.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
                    }
                } else if (body != null) {
                    body.append(line).append('\n');
                }
            }
            finish(article, body);
            return new Content(categories, synonyms, articles);
        }

        private static void finish(Map<String, String> article, StringBuilder body) {
            if (article != null && body != null) {
                article.put("body", body.toString().strip());
            }
        }
    }
}
