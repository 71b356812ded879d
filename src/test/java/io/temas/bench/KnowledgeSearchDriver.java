package io.temas.bench;

import io.temas.TemasApplication;
import io.temas.knowledge.ArticleDraft;
import io.temas.knowledge.ArticleSearch;
import io.temas.knowledge.ArticleState;
import io.temas.knowledge.Audience;
import io.temas.knowledge.Category;
import io.temas.knowledge.KnowledgeBase;
import io.temas.knowledge.SearchQuery;
import io.temas.knowledge.Visibility;
import io.temas.shared.Language;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Benchmark of the knowledge base at scale. Boots the application in this JVM on a fresh embedded
 * PostgreSQL in a temporary data directory (so the Lucene index is on disk, as in production),
 * with the demo help centre, then:
 * <ol>
 * <li>imports generated Turkish-like articles through {@link KnowledgeBase#importArticles} in
 *     batches (database rows, versions and index; searchable at the end of each batch);</li>
 * <li>rebuilds the index from the database ({@link KnowledgeBase#reindex});</li>
 * <li>creates articles one by one ({@link KnowledgeBase#create}: each searchable on return);</li>
 * <li>runs a reproducible mix of searches single-threaded and reports latency percentiles: the
 *     relevance-set queries, generated queries (inflected, folded to ASCII, with typos), and
 *     similar-article look-ups for long customer messages.</li>
 * </ol>
 * <pre>
 * bench.articles   generated articles            (100000)
 * bench.batch      articles per import batch     (1000)
 * bench.creates    single creates                (500)
 * bench.searches   measured searches per kind    (20000)
 * bench.warmup     warm-up searches              (5000)
 * bench.seed       generator seed                (42)
 * </pre>
 */
public final class KnowledgeSearchDriver {

    private static final PrintStream out = System.out;

    public static void main(String[] args) throws Exception {
        int articles = Integer.getInteger("bench.articles", 100_000);
        int batch = Integer.getInteger("bench.batch", 1000);
        int creates = Integer.getInteger("bench.creates", 500);
        int searches = Integer.getInteger("bench.searches", 20_000);
        int warmup = Integer.getInteger("bench.warmup", 5000);
        long seed = Long.getLong("bench.seed", 42);

        Path dataDir = Files.createTempDirectory("temas-kb-bench-");
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.main.banner-mode", "off");
        properties.put("logging.level.root", "WARN");
        properties.put("logging.level.org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration", "ERROR");
        ConfigurableApplicationContext app = new SpringApplicationBuilder(TemasApplication.class).properties(properties)
                .logStartupInfo(false)
                .run("--temas.data-dir=" + dataDir, "--temas.demo-data=true", "--server.port=0", "--server.address=127.0.0.1");
        try {
            KnowledgeBase knowledge = app.getBean(KnowledgeBase.class);
            ArticleSearch search = app.getBean(ArticleSearch.class);
            Corpus corpus = new Corpus(seed, knowledge.categories());
            out.printf(Locale.ROOT, "Knowledge base benchmark: %d cores, JDK %s, %d generated articles%n",
                    Runtime.getRuntime().availableProcessors(), Runtime.version(), articles);

            long started = System.nanoTime();
            for (int done = 0; done < articles; done += batch) {
                List<ArticleDraft> drafts = new ArrayList<>(batch);
                for (int i = done; i < Math.min(articles, done + batch); i++) {
                    drafts.add(corpus.article(i));
                }
                knowledge.importArticles(drafts);
            }
            double importSeconds = seconds(started);
            out.printf(Locale.ROOT, "import (database + index, batches of %d): %d articles in %.1f s = %.0f articles/s%n", batch, articles,
                    importSeconds, articles / importSeconds);

            started = System.nanoTime();
            int indexed = knowledge.reindex();
            double reindexSeconds = seconds(started);
            out.printf(Locale.ROOT, "index rebuild from the database: %d articles in %.1f s = %.0f articles/s%n", indexed, reindexSeconds,
                    indexed / reindexSeconds);

            long[] createNanos = new long[creates];
            for (int i = 0; i < creates; i++) {
                long t = System.nanoTime();
                knowledge.create(corpus.article(articles + i));
                createNanos[i] = System.nanoTime() - t;
            }
            report("single create (searchable on return)", createNanos);

            List<String> relevance = relevanceQueries();
            Random random = new Random(seed);
            Supplier<String> mixed = () -> random.nextInt(4) == 0 ? relevance.get(random.nextInt(relevance.size())) : corpus.query(random);
            for (int i = 0; i < warmup; i++) {
                search.searchQuietly(new SearchQuery(mixed.get(), Language.TR, null, Audience.CUSTOMER, 10, "bench"));
            }
            measure("search, engine only (mixed queries, top 10 with snippets)", searches,
                    () -> search.searchQuietly(new SearchQuery(mixed.get(), Language.TR, null, Audience.CUSTOMER, 10, "bench")));
            measure("search + search log insert (as the portal and API do)", searches,
                    () -> search.search(new SearchQuery(mixed.get(), Language.TR, null, Audience.CUSTOMER, 10, "bench")));
            measure("search, relevance-set queries only", searches,
                    () -> search.searchQuietly(new SearchQuery(relevance.get(random.nextInt(relevance.size())), Language.TR, null,
                            Audience.CUSTOMER, 10, "bench")));
            measure("similar articles for a customer message (~40 words)", Math.max(1, searches / 4),
                    () -> search.similarTo(corpus.message(random), Language.TR, 3));
        } finally {
            app.close();
            try (var paths = Files.walk(dataDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void measure(String name, int count, Runnable work) {
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            long t = System.nanoTime();
            work.run();
            nanos[i] = System.nanoTime() - t;
        }
        report(name, nanos);
    }

    private static void report(String name, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double total = Arrays.stream(nanos).sum() / 1e9;
        out.printf(Locale.ROOT, "%s: n=%d, %.0f/s, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n", name, nanos.length,
                nanos.length / total, pct(sorted, 0.50), pct(sorted, 0.90), pct(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }

    private static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    private static double seconds(long started) {
        return (System.nanoTime() - started) / 1e9;
    }

    private static List<String> relevanceQueries() throws IOException {
        try (InputStream in = KnowledgeSearchDriver.class.getResourceAsStream("/knowledge/relevance-tr.tsv")) {
            return Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"))
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> l.split("\t")[0]).toList();
        }
    }

    /**
     * Generated Turkish-like text: the demo help centre's own words (frequent, Zipf-distributed)
     * mixed with invented roots built from Turkish syllables and inflected with common suffixes,
     * so the index has a realistic, large vocabulary (some hundred thousand distinct terms).
     */
    static final class Corpus {

        private static final String[] ONSETS = {"b", "c", "ç", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "ş", "t", "v", "y", "z", ""};
        private static final String[] VOWELS = {"a", "e", "ı", "i", "o", "ö", "u", "ü"};
        private static final String[] CODAS = {"", "", "", "n", "r", "l", "k", "t", "m", "s", "ş", "z"};
        private static final String[] SUFFIXES = {"", "", "", "", "ı", "i", "ım", "ımı", "ın", "ının", "lar", "ler", "ları", "da", "dan",
                "ya", "ye", "sı", "si", "ımız", "nız", "ları", "ndan", "mak", "ma", "me"};

        private final String[] words;
        private final String[] roots;
        private final double[] zipf;
        private final List<Category> categories;
        private final long seed;

        Corpus(long seed, List<Category> categories) {
            this.seed = seed;
            this.categories = categories;
            Random random = new Random(seed);
            LinkedHashSet<String> demo = new LinkedHashSet<>();
            try (InputStream in = KnowledgeSearchDriver.class.getClassLoader().getResourceAsStream("demo/knowledge/articles.txt")) {
                for (String w : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("[^\\p{L}]+")) {
                    if (w.length() > 2) {
                        demo.add(w.toLowerCase(Locale.forLanguageTag("tr")));
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            words = demo.toArray(String[]::new);
            roots = new String[40_000];
            for (int i = 0; i < roots.length; i++) {
                StringBuilder root = new StringBuilder();
                int syllables = 2 + random.nextInt(2);
                for (int s = 0; s < syllables; s++) {
                    root.append(ONSETS[random.nextInt(ONSETS.length)]).append(VOWELS[random.nextInt(VOWELS.length)]);
                }
                roots[i] = root.append(CODAS[random.nextInt(CODAS.length)]).toString();
            }
            zipf = new double[roots.length];
            double sum = 0;
            for (int i = 0; i < zipf.length; i++) {
                sum += 1.0 / (i + 1);
                zipf[i] = sum;
            }
            for (int i = 0; i < zipf.length; i++) {
                zipf[i] /= sum;
            }
        }

        private String root(Random random) {
            int i = Arrays.binarySearch(zipf, random.nextDouble());
            return roots[Math.min(roots.length - 1, i < 0 ? -i - 1 : i)];
        }

        private String word(Random random) {
            if (random.nextInt(10) < 6) {
                return words[(int) Math.min(words.length - 1, Math.abs(random.nextGaussian()) * words.length / 3)];
            }
            return root(random) + SUFFIXES[random.nextInt(SUFFIXES.length)];
        }

        private String words(Random random, int n) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < n; i++) {
                text.append(i == 0 ? "" : " ").append(word(random));
                if (i > 0 && i % 14 == 0) {
                    text.append('.');
                }
            }
            return text.append('.').toString();
        }

        ArticleDraft article(int n) {
            Random random = new Random(seed * 1_000_003 + n);
            String title = words(random, 4 + random.nextInt(5));
            StringBuilder body = new StringBuilder();
            int paragraphs = 2 + random.nextInt(4);
            for (int p = 0; p < paragraphs; p++) {
                body.append(words(random, 30 + random.nextInt(50))).append("\n\n");
            }
            Category category = categories.get(random.nextInt(categories.size()));
            Language language = random.nextInt(10) < 8 ? Language.TR : random.nextBoolean() ? Language.AZ : Language.EN;
            return new ArticleDraft(title.substring(0, title.length() - 1), body.toString(), language, category.id(),
                    List.of(word(random), word(random)), random.nextInt(10) == 0 ? Visibility.INTERNAL : Visibility.PUBLIC,
                    ArticleState.PUBLISHED, null, null, "bench");
        }

        /** Two or three words, often inflected differently, written without Turkish letters, or with a typo. */
        String query(Random random) {
            int n = 2 + random.nextInt(2);
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String w = random.nextBoolean() ? root(random) + SUFFIXES[random.nextInt(SUFFIXES.length)] : word(random);
                if (random.nextInt(3) == 0) {
                    w = w.replace('ı', 'i').replace('ş', 's').replace('ç', 'c').replace('ö', 'o').replace('ü', 'u').replace('ğ', 'g');
                }
                if (random.nextInt(5) == 0 && w.length() > 4) {
                    int at = 1 + random.nextInt(w.length() - 2);
                    w = w.substring(0, at) + w.substring(at + 1);
                }
                parts.add(w);
            }
            return String.join(" ", parts);
        }

        String message(Random random) {
            return "Merhaba, " + words(random, 40) + " Teşekkürler.";
        }
    }
}
