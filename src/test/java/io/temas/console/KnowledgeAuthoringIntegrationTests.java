package io.temas.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.knowledge.Article;
import io.temas.knowledge.ArticleDraft;
import io.temas.knowledge.ArticleFilter;
import io.temas.knowledge.ArticleSearch;
import io.temas.knowledge.ArticleState;
import io.temas.knowledge.Audience;
import io.temas.knowledge.Category;
import io.temas.knowledge.KnowledgeBase;
import io.temas.knowledge.SearchHit;
import io.temas.knowledge.SearchQuery;
import io.temas.knowledge.SynonymGroup;
import io.temas.knowledge.Visibility;
import io.temas.shared.Language;
import io.temas.support.Api;
import io.temas.support.Console;
import io.temas.support.TemasIntegrationTest;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The knowledge-base authoring screens through real HTTP as a supervisor's browser without
 * JavaScript uses them (and the htmx preview as htmx sends it): every action, the refusals said in
 * the page, two authors saving over each other, and the sanitiser between the editor and readers.
 */
@TemasIntegrationTest
class KnowledgeAuthoringIntegrationTests {

    private static final String BASE = "/console/knowledge/admin";
    private static final Pattern ARTICLE_ID = Pattern.compile(BASE + "/articles/([0-9a-f-]{36})$");

    @LocalServerPort
    int port;

    @Autowired
    KnowledgeBase knowledge;

    @Autowired
    ArticleSearch search;

    private Console supervisor() {
        return Console.signIn(port, "selin", TemasIntegrationTest.DEMO_PASSWORD);
    }

    /** A made-up word no demo article holds, so searches for it find only what the test wrote. */
    private static String word() {
        String letters = "bcdfghklmnprstvz";
        StringBuilder out = new StringBuilder("kx");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 8; i++) {
            out.append(letters.charAt(random.nextInt(letters.length())));
        }
        return out.toString();
    }

    private static Map<String, String> form(String... pairs) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return out;
    }

    /** Writes an article through the editor; answers its id. */
    private UUID write(Console console, String action, String... fields) {
        Map<String, String> values = form("title", "Başlık", "body", "Metin.", "language", "tr", "visibility", "public", "tags", "",
                "categoryId", "", "version", "", "action", action);
        values.putAll(form(fields));
        Console.Page saved = console.submit(BASE + "/articles/new", BASE + "/articles", values);
        assertThat(saved.status()).as(saved.body()).isEqualTo(302);
        Matcher id = ARTICLE_ID.matcher(saved.location());
        assertThat(id.find()).as(saved.location()).isTrue();
        return UUID.fromString(id.group(1));
    }

    /** The help centre as a visitor from an address of its own (the portal counts searches per address). */
    private String portal(String path) {
        String address = "10.%d.%d.%d".formatted(ThreadLocalRandom.current().nextInt(1, 250), ThreadLocalRandom.current().nextInt(1, 250),
                ThreadLocalRandom.current().nextInt(1, 250));
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("X-Forwarded-For", address).header("Accept-Language", "tr").GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void aDraftIsNotInTheHelpCentreUntilItIsPublishedAndLeavesItWhenUnpublished() {
        Console console = supervisor();
        String word = word();
        UUID id = write(console, "draft", "title", "Kartımı " + word + " nasıl yaparım?", "body", "Adım adım " + word + " anlatımı.");
        assertThat(knowledge.article(id).state()).isEqualTo(ArticleState.DRAFT);
        assertThat(portal("/portal/search?q=" + word)).doesNotContain("Kartımı " + word);

        Console.Page editor = console.get(BASE + "/articles/" + id);
        Console.Page published = console.post(BASE + "/articles/" + id + "/state", editor.csrf(), form("state", "published", "version", "1"));
        assertThat(published.status()).isEqualTo(302);
        assertThat(console.get(published.location().replace("http://127.0.0.1:" + port, "")).body()).contains("Yayınlandı");
        assertThat(portal("/portal/search?q=" + word)).contains("Kartımı " + word);

        Console.Page unpublished = console.post(BASE + "/articles/" + id + "/state", editor.csrf(), form("state", "draft", "version", "2"));
        assertThat(unpublished.status()).isEqualTo(302);
        assertThat(knowledge.article(id).state()).isEqualTo(ArticleState.DRAFT);
        assertThat(portal("/portal/search?q=" + word)).doesNotContain("Kartımı " + word);
        console.post(BASE + "/articles/" + id + "/state", editor.csrf(), form("state", "archived", "version", "3"));
        assertThat(knowledge.article(id).state()).isEqualTo(ArticleState.ARCHIVED);
    }

    @Test
    void theListFiltersByStateCategoryLanguageAndText() {
        Console console = supervisor();
        String word = word();
        Category category = knowledge.categories().getFirst();
        UUID draft = write(console, "draft", "title", "Draft " + word, "language", "en", "categoryId", category.id().toString());
        UUID live = write(console, "publish", "title", "Live " + word, "language", "en");

        String drafts = console.get(BASE + "/articles?state=draft&language=en&q=" + word).body();
        assertThat(drafts).contains("Draft " + word, "/articles/" + draft).doesNotContain("Live " + word);
        String published = console.get(BASE + "/articles?state=published&q=" + word).body();
        assertThat(published).contains("Live " + word, "/articles/" + live).doesNotContain("Draft " + word);
        String inCategory = console.get(BASE + "/articles?category=" + category.id() + "&q=" + word).body();
        assertThat(inCategory).contains("Draft " + word).doesNotContain("Live " + word);
        assertThat(console.get(BASE + "/articles?language=az&q=" + word).body()).doesNotContain("/articles/" + draft, "/articles/" + live)
                .contains("Bu filtreye uyan makale yok");
        assertThat(console.get(BASE + "/articles?q=" + q("50%_\\")).status()).isEqualTo(200);
    }

    @Test
    void theListPagesThroughEveryArticleLastChangedFirstKeepingTheFilter() {
        Console console = supervisor();
        String word = word();
        int count = KnowledgeArticlesController.PAGE + 5;
        List<UUID> written = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            written.add(knowledge.create(new ArticleDraft("Sayfa %s %03d".formatted(word, i), "Gövde " + i, Language.TR, null, List.of(),
                    Visibility.INTERNAL, ArticleState.DRAFT, null, null, "test")).id());
        }

        List<UUID> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String path = BASE + "/articles?state=draft&q=" + word;
        Document page = null;
        while (path != null && sizes.size() < 5) {
            Console.Page response = console.get(path);
            assertThat(response.status()).as(path).isEqualTo(200);
            page = Jsoup.parse(response.body());
            List<String> links = page.select("tr.kb-article-row a").eachAttr("href");
            sizes.add(links.size());
            links.forEach(href -> seen.add(UUID.fromString(href.substring(href.lastIndexOf('/') + 1))));
            Element next = page.selectFirst("nav.pager a[rel=next]");
            path = next == null ? null : next.attr("href");
            if (path != null) {
                assertThat(path).as("the next page keeps the filter").contains("q=" + word).contains("state=draft");
            }
        }
        assertThat(sizes).containsExactly(KnowledgeArticlesController.PAGE, 5);
        assertThat(seen).as("every article once, the last changed first").isEqualTo(written.reversed());
        assertThat(page.select("nav.pager a").first().text()).isEqualTo("İlk sayfa");

        assertThat(console.get(BASE + "/articles?after=bm90LWEtY3Vyc29y").status()).as("a cursor that is none").isEqualTo(400);
    }

    @Test
    void theSecondOfTwoAuthorsSavingTheSameVersionIsRefusedWithAMessageAndKeepsTheirText() {
        Console first = supervisor();
        Console second = Console.signIn(port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);
        UUID id = write(first, "draft", "title", "Ortak makale " + word());
        String firstEditor = first.get(BASE + "/articles/" + id).body();
        String secondEditor = second.get(BASE + "/articles/" + id).body();
        assertThat(firstEditor).contains("name=\"version\" value=\"1\"");

        Console.Page saved = first.post(BASE + "/articles/" + id, new Console.Page(200, firstEditor, null).csrf(),
                form("title", "Birinci yazarın başlığı", "body", "Birinci yazarın metni.", "language", "tr", "visibility", "public",
                        "version", "1", "action", "draft"));
        assertThat(saved.status()).isEqualTo(302);

        Console.Page refused = second.post(BASE + "/articles/" + id, new Console.Page(200, secondEditor, null).csrf(),
                form("title", "İkinci yazarın başlığı", "body", "İkinci yazarın metni.", "language", "tr", "visibility", "public",
                        "version", "1", "action", "draft"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("başka biri bu makaleyi kaydetti (şimdi sürüm 2)", "İkinci yazarın metni.",
                "name=\"version\" value=\"2\"");
        Article current = knowledge.article(id);
        assertThat(current.title()).isEqualTo("Birinci yazarın başlığı");
        assertThat(current.version()).isEqualTo(2);

        // A state change over the stale version is refused the same way, in the page it comes back to.
        Console.Page stalePublish = second.post(BASE + "/articles/" + id + "/state", refused.csrf(), form("state", "published", "version", "1"));
        assertThat(second.get(stalePublish.location().replace("http://127.0.0.1:" + port, "")).body()).contains("şimdi sürüm 2");
        assertThat(knowledge.article(id).state()).isEqualTo(ArticleState.DRAFT);

        // Having seen the message, the second author saves again over version 2: now it is their text.
        Console.Page again = second.post(BASE + "/articles/" + id, refused.csrf(),
                form("title", "İkinci yazarın başlığı", "body", "İkinci yazarın metni.", "language", "tr", "visibility", "public",
                        "version", "2", "action", "draft"));
        assertThat(again.status()).isEqualTo(302);
        assertThat(knowledge.article(id).title()).isEqualTo("İkinci yazarın başlığı");
    }

    @Test
    void aScriptInTheBodyReachesNeitherThePreviewNorTheHelpCentre() {
        Console console = supervisor();
        String word = word();
        String body = "<p onclick=\"steal()\">Güvenli " + word + " metin</p><script>alert('xss-" + word + "')</script>"
                + "<a href=\"javascript:steal()\">bağlantı</a><img src=x onerror=steal()>";

        Console.Page preview = console.submitHtmx(BASE + "/articles/new", BASE + "/preview",
                form("title", "Önizleme " + word, "body", body, "language", "tr"));
        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.body()).contains("id=\"kb-preview\"", "class=\"portal-body\"", "Güvenli " + word + " metin", "Önizleme " + word)
                .doesNotContain("<script", "xss-" + word, "onclick", "javascript:", "onerror", "<html");

        // Without JavaScript the Preview button posts the whole form: the editor again, nothing saved.
        Console.Page noScript = console.submit(BASE + "/articles/new", BASE + "/articles",
                form("title", "Önizleme " + word, "body", body, "language", "tr", "action", "preview"));
        assertThat(noScript.status()).isEqualTo(200);
        String previewed = noScript.body().substring(noScript.body().indexOf("id=\"kb-preview\""));
        assertThat(previewed).contains("Güvenli " + word).doesNotContain("<script", "onclick");
        assertThat(knowledge.articles(new ArticleFilter(null, null, null, "Önizleme " + word), null, 10).items()).isEmpty();

        UUID id = write(console, "publish", "title", "Güvenli makale " + word, "body", body);
        String stored = knowledge.article(id).bodyHtml();
        assertThat(stored).contains("Güvenli " + word).doesNotContain("<script", "onclick", "javascript:", "onerror");
        String page = portal("/portal/articles/" + knowledge.article(id).slug());
        assertThat(page).contains("Güvenli " + word + " metin").doesNotContain("xss-" + word, "steal()");
    }

    @Test
    void refusalsAreSaidInThePageWithWhatWasTyped() {
        Console console = supervisor();
        Map<String, String> good = form("title", "Geçerli başlık", "body", "Geçerli metin.", "language", "tr", "visibility", "public",
                "action", "draft");

        Map<String, String> empty = new HashMap<>(good);
        empty.put("title", "   ");
        Console.Page noTitle = console.submit(BASE + "/articles/new", BASE + "/articles", empty);
        assertThat(noTitle.status()).isEqualTo(422);
        assertThat(noTitle.body()).contains("Başlık boş olamaz", "Geçerli metin.");

        Map<String, String> longBody = new HashMap<>(good);
        longBody.put("body", "a".repeat(200_001));
        Console.Page tooLong = console.submit(BASE + "/articles/new", BASE + "/articles", longBody);
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.body()).contains("Metin çok uzun");

        Map<String, String> swelling = new HashMap<>(good);
        swelling.put("body", "&".repeat(100_000));
        Console.Page tooLongStored = console.submit(BASE + "/articles/new", BASE + "/articles", swelling);
        assertThat(tooLongStored.status()).as("as stored HTML the text is five times longer").isEqualTo(422);
        assertThat(tooLongStored.body()).contains("Metin çok uzun");

        // The platform cleans control characters out of page forms before any controller reads them
        // (CleanParameters): a NUL typed into the editor never reaches the database...
        String word = word();
        Map<String, String> nul = new HashMap<>(good);
        nul.put("title", "Başlık\u0000" + word);
        Console.Page withNul = console.submit(BASE + "/articles/new", BASE + "/articles", nul);
        assertThat(withNul.status()).isEqualTo(302);
        assertThat(knowledge.articles(new ArticleFilter(null, null, null, word), null, 5).items()).extracting(Article::title).containsExactly("Başlık" + word);
        // ...and where text reaches the knowledge base unfiltered (the API), the article refuses it, which the editor would say.
        Api.Response api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN).post("/api/v1/kb/articles",
                "{\"title\":\"Başlık\\u0000\",\"body\":\"Metin\",\"language\":\"tr\"}");
        assertThat(api.status()).isEqualTo(400);
        assertThat(KnowledgeForms.key(new io.temas.shared.InvalidInput("body", "body contains a control character (U+0000) at position 3")))
                .isEqualTo("kb.admin.error.control");

        Map<String, String> unknown = new HashMap<>(good);
        unknown.put("categoryId", UUID.randomUUID().toString());
        Console.Page noCategory = console.submit(BASE + "/articles/new", BASE + "/articles", unknown);
        assertThat(noCategory.status()).isEqualTo(422);
        assertThat(noCategory.body()).contains("Seçilen kategori yok");

        Map<String, String> garbled = new HashMap<>(good);
        garbled.put("categoryId", "not-an-id");
        assertThat(console.submit(BASE + "/articles/new", BASE + "/articles", garbled).status()).isEqualTo(422);

        Console.Page previewTooLong = console.submitHtmx(BASE + "/articles/new", BASE + "/preview", form("body", "b".repeat(200_001)));
        assertThat(previewTooLong.status()).as("htmx swaps only successful answers").isEqualTo(200);
        assertThat(previewTooLong.body()).contains("Metin çok uzun");

        assertThat(knowledge.articles(new ArticleFilter(null, null, null, "Geçerli başlık"), null, 10).items()).isEmpty();
        assertThat(console.get(BASE + "/articles/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(console.get(BASE + "/articles?state=lost").status()).isBetween(400, 499);
    }

    @Test
    void translationsAreWrittenBesideTheOriginalAndShownAsTabs() {
        Console console = supervisor();
        String word = word();
        UUID original = write(console, "publish", "title", "Şifremi unuttum " + word, "body", "Şifre sıfırlama " + word);

        String newTranslation = console.get(BASE + "/articles/new?translationOf=" + original + "&language=en").body();
        assertThat(newTranslation).contains("Şifremi unuttum " + word, "name=\"translationOf\" value=\"" + original + "\"",
                "<option value=\"en\" selected=\"selected\"");
        UUID english = write(console, "publish", "title", "I forgot my password " + word, "body", "Password reset " + word,
                "language", "en", "translationOf", original.toString());

        assertThat(knowledge.article(english).translationGroup()).isEqualTo(knowledge.article(original).translationGroup());
        String editor = console.get(BASE + "/articles/" + original).body();
        assertThat(editor).contains("/articles/" + english, "translationOf=" + original + "&amp;language=az");
        assertThat(editor).doesNotContain("translationOf=" + original + "&amp;language=en");

        // A second English translation of the same article is a conflict, said in the page.
        Console.Page twice = console.submit(BASE + "/articles/new", BASE + "/articles", form("title", "Again " + word, "body", "x",
                "language", "en", "visibility", "public", "translationOf", original.toString(), "action", "draft"));
        assertThat(twice.status()).isEqualTo(422);
        assertThat(twice.body()).contains("çakışıyor");
    }

    @Test
    void anOldVersionCanBeViewedAndRestoredAsANewDraft() {
        Console console = supervisor();
        String word = word();
        UUID id = write(console, "publish", "title", "İlk başlık " + word, "body", "İlk metin " + word, "tags", "ilk, etiket");
        Console.Page editor = console.get(BASE + "/articles/" + id);
        console.post(BASE + "/articles/" + id, editor.csrf(), form("title", "İkinci başlık " + word, "body", "İkinci metin", "language", "tr",
                "visibility", "public", "version", "1", "action", "publish"));

        String versions = console.get(BASE + "/articles/" + id).body();
        assertThat(versions).contains("/articles/" + id + "/versions/1", "/articles/" + id + "/versions/1/restore");
        String old = console.get(BASE + "/articles/" + id + "/versions/1").body();
        assertThat(old).contains("İlk başlık " + word, "İlk metin " + word, "ilk, etiket");

        Console.Page restored = console.post(BASE + "/articles/" + id + "/versions/1/restore", editor.csrf(), form("current", "2"));
        assertThat(restored.status()).isEqualTo(302);
        Article now = knowledge.article(id);
        assertThat(now.version()).isEqualTo(3);
        assertThat(now.title()).isEqualTo("İlk başlık " + word);
        assertThat(now.tags()).containsExactly("ilk", "etiket");
        assertThat(now.state()).isEqualTo(ArticleState.DRAFT);
        assertThat(knowledge.versions(id)).extracting(v -> v.version()).containsExactly(3, 2, 1);

        // Restoring over a version that is no longer current is refused.
        console.post(BASE + "/articles/" + id + "/versions/2/restore", editor.csrf(), form("current", "2"));
        assertThat(knowledge.article(id).version()).isEqualTo(3);
        assertThat(console.get(BASE + "/articles/" + id + "/versions/99").status()).isEqualTo(404);
    }

    @Test
    void categoriesAreAddedRenamedPerLanguageReorderedAndMovedButNeverUnderThemselves() {
        Console console = supervisor();
        String word = word();
        Console.Page added = console.submit(BASE + "/categories", BASE + "/categories",
                form("nameTr", "Kargo " + word, "nameAz", "", "nameEn", "", "parentId", "", "position", "7", "slug", ""));
        assertThat(added.status()).isEqualTo(302);
        Category parent = knowledge.categories().stream().filter(c -> c.nameTr().equals("Kargo " + word)).findFirst().orElseThrow();
        console.submit(BASE + "/categories", BASE + "/categories",
                form("nameTr", "İade " + word, "parentId", parent.id().toString(), "position", "1"));
        Category child = knowledge.categories().stream().filter(c -> c.nameTr().equals("İade " + word)).findFirst().orElseThrow();

        Console.Page renamed = console.submit(BASE + "/categories/" + parent.id(), BASE + "/categories/" + parent.id(),
                form("nameTr", "Teslimat " + word, "nameAz", "Çatdırılma " + word, "nameEn", "Delivery " + word, "parentId", "", "position", "2"));
        assertThat(renamed.status()).isEqualTo(302);
        Category now = knowledge.category(parent.id());
        assertThat(now.name(Language.AZ)).isEqualTo("Çatdırılma " + word);
        assertThat(now.name(Language.EN)).isEqualTo("Delivery " + word);
        assertThat(now.position()).isEqualTo(2);
        assertThat(now.slug()).isEqualTo(parent.slug());
        String page = console.get(BASE + "/categories").body();
        assertThat(page.indexOf("Teslimat " + word)).isLessThan(page.indexOf("İade " + word));

        Console.Page cycle = console.submit(BASE + "/categories/" + parent.id(), BASE + "/categories/" + parent.id(),
                form("nameTr", "Teslimat " + word, "parentId", child.id().toString(), "position", "2"));
        assertThat(cycle.status()).isEqualTo(422);
        assertThat(cycle.body()).contains("Üst kategori geçersiz");
        Console.Page noName = console.submit(BASE + "/categories", BASE + "/categories", form("nameTr", " ", "position", "1"));
        assertThat(noName.status()).isEqualTo(422);
        assertThat(noName.body()).contains("Türkçe adı gerekli");
        Console.Page badPosition = console.submit(BASE + "/categories", BASE + "/categories", form("nameTr", "X " + word, "position", "first"));
        assertThat(badPosition.status()).isEqualTo(422);
        assertThat(badPosition.body()).contains("tam sayı");
        Console.Page unknownParent = console.submit(BASE + "/categories", BASE + "/categories",
                form("nameTr", "Y " + word, "parentId", UUID.randomUUID().toString()));
        assertThat(unknownParent.status()).isEqualTo(422);
    }

    @Test
    void synonymGroupsPerLanguageAreAddedEditedAndDeletedAndApplyToTheNextSearch() {
        Console console = supervisor();
        String word = word();
        String synonym = word();
        write(console, "publish", "title", "Hesap " + word, "body", "Hesap " + word + " açıklaması.");
        List<SearchHit> before = search.searchQuietly(new SearchQuery(synonym, Language.TR, null, Audience.CUSTOMER, 5, "test"));
        assertThat(before).isEmpty();

        Console.Page added = console.submit(BASE + "/synonyms", BASE + "/synonyms", form("terms", word + "\n" + synonym, "language", "az"));
        assertThat(added.status()).isEqualTo(302);
        SynonymGroup group = knowledge.synonyms().stream().filter(g -> g.terms().contains(synonym)).findFirst().orElseThrow();
        assertThat(group.language()).isEqualTo(Language.AZ);
        assertThat(search.searchQuietly(new SearchQuery(synonym, Language.TR, null, Audience.CUSTOMER, 5, "test")))
                .as("an Azerbaijani group leaves Turkish searches alone").isEmpty();

        Console.Page edited = console.submit(BASE + "/synonyms/" + group.id(), BASE + "/synonyms/" + group.id(),
                form("terms", word + ", " + synonym, "language", "tr"));
        assertThat(edited.status()).isEqualTo(302);
        assertThat(search.searchQuietly(new SearchQuery(synonym, Language.TR, null, Audience.CUSTOMER, 5, "test")))
                .extracting(SearchHit::title).contains("Hesap " + word);
        assertThat(console.get(BASE + "/synonyms").body()).contains(word + " · " + synonym);

        Console.Page one = console.submit(BASE + "/synonyms/" + group.id(), BASE + "/synonyms/" + group.id(), form("terms", word, "language", "tr"));
        assertThat(one.status()).isEqualTo(422);
        assertThat(one.body()).contains("en az iki");

        Console.Page deleted = console.submit(BASE + "/synonyms", BASE + "/synonyms/" + group.id() + "/delete", Map.of());
        assertThat(deleted.status()).isEqualTo(302);
        assertThat(knowledge.synonymGroup(group.id())).isEmpty();
        assertThat(search.searchQuietly(new SearchQuery(synonym, Language.TR, null, Audience.CUSTOMER, 5, "test"))).isEmpty();
    }

    @Test
    void theRebuildButtonRebuildsTheIndexAndSaysHowManyArticlesItHolds() {
        Console console = supervisor();
        Console.Page rebuilt = console.submit(BASE + "/synonyms", BASE + "/index/rebuild", Map.of());
        assertThat(rebuilt.status()).isEqualTo(302);
        assertThat(console.get(BASE + "/synonyms").body()).containsPattern("Arama dizini yeniden kuruldu: [0-9.]+ makale");
    }

    @Test
    void theFailedSearchReportListsSearchesThatFoundNothingWithALinkToWriteTheArticle() {
        Console console = supervisor();
        String query = word() + " " + word();
        assertThat(portal("/portal/search?q=" + q(query))).contains("bir makale bulamadık");

        String report = console.get(BASE + "/failed-searches").body();
        assertThat(report).contains(query);
        assertThat(report).containsPattern(Pattern.quote(BASE + "/articles/new?title=") + "[^\"]*" + Pattern.quote("&amp;language=tr"));

        String editor = console.get(BASE + "/articles/new?title=" + q(query) + "&terms=" + q(query) + "&language=tr").body();
        assertThat(editor).contains("name=\"title\"", "name=\"tags\"", "value=\"" + query + "\"");

        String yesterday = console.get(BASE + "/failed-searches?from=2001-01-01&to=2001-01-02").body();
        assertThat(yesterday).doesNotContain(query).contains("Bu tarihler arasında sonuçsuz arama yok");
        Console.Page backwards = console.get(BASE + "/failed-searches?from=2026-12-31&to=2026-01-01");
        assertThat(backwards.status()).isEqualTo(422);
        assertThat(backwards.body()).contains("Tarih aralığı geçersiz");
        assertThat(console.get(BASE + "/failed-searches?from=yesterday").status()).isEqualTo(422);
    }

    @Test
    void theApiTakesTheSameVersionCheckAndSynonymLanguage() {
        Api api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
        String id = api.post("/api/v1/kb/articles", "{\"title\":\"API " + word() + "\",\"body\":\"Metin\",\"language\":\"tr\"}").text("/id");
        String update = "{\"title\":\"API yeni\",\"body\":\"Metin\",\"language\":\"tr\",\"version\":%d}";
        assertThat(api.put("/api/v1/kb/articles/" + id, update.formatted(1)).status()).isEqualTo(200);
        Api.Response stale = api.put("/api/v1/kb/articles/" + id, update.formatted(1));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body()).contains("version 2");
        assertThat(api.put("/api/v1/kb/articles/" + id, "{\"title\":\"API son\",\"body\":\"Metin\",\"language\":\"tr\"}").status())
                .as("without a version the save goes over whatever is current, as before").isEqualTo(200);

        Api.Response group = api.post("/api/v1/kb/synonyms", "{\"terms\":[\"" + word() + "\",\"" + word() + "\"],\"language\":\"en\"}");
        assertThat(group.status()).isEqualTo(201);
        assertThat(group.text("/language")).isEqualTo("en");
        assertThat(api.post("/api/v1/kb/synonyms", "{\"terms\":[\"a\",\"b\"],\"language\":\"fr\"}").status()).isEqualTo(400);
    }

    @Test
    void supervisorsAndAdminsWriteAgentsDoNot() {
        assertThat(Console.signIn(port, "ayse", TemasIntegrationTest.DEMO_PASSWORD).get(BASE).status()).isEqualTo(403);
        assertThat(supervisor().get(BASE).status()).isEqualTo(200);
        Console admin = Console.signIn(port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);
        assertThat(admin.get(BASE + "/articles").status()).isEqualTo(200);
        assertThat(admin.get("/console/admin").body()).contains("href=\"/console/knowledge/admin\"");
    }
}
