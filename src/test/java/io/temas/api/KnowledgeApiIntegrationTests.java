package io.temas.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.support.Api;
import io.temas.support.TemasIntegrationTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@TemasIntegrationTest
class KnowledgeApiIntegrationTests {

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
    }

    private Api.Response search(String query, String language) {
        return api.get("/api/v1/kb/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + (language == null ? "" : "&language=" + language));
    }

    private static List<String> titles(Api.Response response) {
        List<String> titles = new ArrayList<>();
        response.json().at("/results").forEach(r -> titles.add(r.at("/title").asString()));
        return titles;
    }

    @Test
    void aCreatedArticleIsSearchableAsSoonAsTheCallReturns() {
        String word = "zumrutavize" + UUID.randomUUID().toString().substring(0, 6).replace("-", "x").replaceAll("[0-9]", "q");
        Api.Response created = api.post("/api/v1/kb/articles", """
                {"title":"Zümrüt üyelik %s nedir?","body":"<p>Zümrüt üyelik ayrıcalıkları: ücretsiz kargo ve <script>alert(1)</script>özel indirimler.</p>",
                 "language":"tr","tags":["üyelik"]}""".formatted(word));
        assertThat(created.status()).isEqualTo(201);
        String id = created.text("/id");
        assertThat(id).isNotBlank();

        Api.Response found = search(word, "tr");
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().at("/results/0/id").asString()).isEqualTo(id);
        assertThat(found.json().at("/results/0/snippet").asString()).doesNotContain("<script>");

        Api.Response article = api.get("/api/v1/kb/articles/" + id);
        assertThat(article.text("/state")).isEqualTo("published");
        assertThat(article.text("/visibility")).isEqualTo("public");
        assertThat(article.text("/body")).doesNotContain("script");
        assertThat(article.json().at("/versions").size()).isEqualTo(1);
    }

    @Test
    void anUpdateIsAVersionAndUnpublishingHidesTheArticle() {
        String word = "kehribarkart" + Long.toString(System.nanoTime(), 36).replaceAll("[0-9]", "k");
        String id = api.post("/api/v1/kb/articles", """
                {"title":"Kehribar kart","body":"%s ayrıcalıkları","language":"tr"}""".formatted(word)).text("/id");
        Api.Response updated = api.put("/api/v1/kb/articles/" + id, """
                {"title":"Kehribar kart","body":"%s ayrıcalıkları değişti","language":"tr","state":"archived"}""".formatted(word));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().at("/version").asInt()).isEqualTo(2);
        assertThat(search(word, "tr").json().at("/results").size()).isZero();
        assertThat(api.get("/api/v1/kb/articles/" + id).json().at("/versions").size()).isEqualTo(2);
    }

    @Test
    void requiredFieldsAndLanguagesAreChecked() {
        assertThat(api.post("/api/v1/kb/articles", "{\"title\":\"x\",\"language\":\"tr\"}").status()).isEqualTo(400);
        assertThat(api.post("/api/v1/kb/articles", "{\"title\":\"x\",\"body\":\"y\",\"language\":\"de\"}").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/kb/articles/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(api.withToken(null).get("/api/v1/kb/search?q=fatura").status()).isEqualTo(401);
    }

    @Test
    void searchTypedOnAnEnglishKeyboardFindsTheBillPaymentArticleFirst() {
        Api.Response response = search("faturami nasil odeyebilirim", "tr");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().at("/results/0/title").asString()).isEqualTo("Faturamı nasıl öderim?");
        assertThat(response.json().at("/results/0/snippet").asString()).contains("<mark>");
    }

    @Test
    void aSearchThatFindsNothingShowsUpInTheFailedSearchReport() {
        String nonsense = "kuantum ışınlayıcı " + Long.toString(System.nanoTime(), 36).replaceAll("[0-9]", "x");
        assertThat(search(nonsense, "tr").json().at("/results").size()).isZero();
        search(nonsense.toUpperCase(), "tr");

        JsonNode report = api.get("/api/v1/kb/reports/failed-searches").json();
        JsonNode entry = null;
        for (JsonNode failed : report.at("/failedSearches")) {
            if (failed.at("/query").asString().endsWith(nonsense.substring(nonsense.lastIndexOf(' ') + 1).toLowerCase())) {
                entry = failed;
            }
        }
        assertThat(entry).as("failed search in %s", report).isNotNull();
        assertThat(entry.at("/count").asInt()).isEqualTo(2);
        assertThat(entry.at("/noResults").asInt()).isEqualTo(2);
        assertThat(entry.at("/query").asString()).startsWith("kuantum isinlayici");
    }

    @Test
    void aClickedSearchIsNoLongerFailed() {
        // A word of its own that no suffix rule shortens (it ends in q), to find this search in the report.
        String marker = "kq" + UUID.randomUUID().toString().substring(0, 6).replaceAll("[^a-f]", "x") + "q";
        Api.Response found = search("hediye kartı bakiyesi " + marker, "tr");
        String searchId = found.text("/searchId");
        String articleId = found.text("/results/0/id");
        assertThat(articleId).isNotNull();
        assertThat(failedQueries()).as("found but not opened yet: failed").anyMatch(q -> q.contains(marker));

        assertThat(api.post("/api/v1/kb/search/" + searchId + "/click", "{\"articleId\":\"" + articleId + "\"}").status()).isEqualTo(200);
        assertThat(failedQueries()).noneMatch(q -> q.contains(marker));
    }

    private java.util.List<String> failedQueries() {
        return api.get("/api/v1/kb/reports/failed-searches?limit=1000").json().at("/failedSearches").valueStream()
                .map(f -> f.at("/query").asString()).toList();
    }

    @Test
    void votesMoveHelpfulnessAndCommentsReachTheReport() {
        String id = search("hesabımı kapatmak", "tr").text("/results/0/id");
        assertThat(api.post("/api/v1/kb/articles/" + id + "/votes", "{\"helpful\":false,\"comment\":\"Puanlarıma ne olacağı yazmıyor\"}")
                .status()).isEqualTo(201);
        JsonNode report = api.get("/api/v1/kb/reports/helpfulness").json();
        assertThat(report.at("/comments").toString()).contains("Puanlarıma ne olacağı yazmıyor");
        assertThat(report.at("/articles").toString()).contains(id);
    }

    @Test
    void theParetoReportSaysWhatShareTheTopFifthCovers() {
        JsonNode pareto = api.get("/api/v1/kb/reports/pareto").json();
        assertThat(pareto.at("/articles").asInt()).isGreaterThanOrEqualTo(40);
        assertThat(pareto.at("/topArticles").asInt()).isEqualTo((int) Math.ceil(pareto.at("/articles").asInt() * 0.2));
        assertThat(pareto.at("/viewShare").asDouble()).isBetween(0.0, 1.0);
    }

    @Test
    void synonymsAddedByAnAdminApplyToTheNextSearch() {
        String invented = "zirzop" + Long.toString(System.nanoTime(), 36).replaceAll("[0-9]", "z");
        assertThat(search(invented, "tr").json().at("/results").size()).isZero();
        Api.Response group = api.post("/api/v1/kb/synonyms", "{\"terms\":[\"" + invented + "\",\"taksit\"]}");
        assertThat(group.status()).isEqualTo(201);
        try {
            assertThat(titles(search(invented, "tr"))).first().isEqualTo("Taksitle ödeme yapabilir miyim?");
        } finally {
            assertThat(api.delete("/api/v1/kb/synonyms/" + group.text("/id")).status()).isEqualTo(204);
        }
        assertThat(search(invented, "tr").json().at("/results").size()).isZero();
    }

    @Test
    void categoriesFormATreeAndFilterSearches() {
        JsonNode categories = api.get("/api/v1/kb/categories").json().at("/categories");
        String technical = null;
        for (JsonNode c : categories) {
            if (c.at("/slug").asString().equals("teknik")) {
                technical = c.at("/id").asString();
            }
        }
        assertThat(technical).isNotNull();
        // the mobile-app articles sit in a sub-category of "teknik" and are found through it
        Api.Response within = api.get("/api/v1/kb/search?q=uygulama&language=tr&categoryId=" + technical);
        assertThat(titles(within)).contains("Mobil uygulama açılmıyor veya çöküyor");
        assertThat(titles(within)).doesNotContain("Ürünü nasıl iade ederim?");
    }

    @Test
    void onlyAdministratorsRebuildTheIndex() {
        String writer = api.post("/api/v1/tokens", "{\"name\":\"kb-writer-" + UUID.randomUUID() + "\",\"scopes\":[\"WRITE\"]}").text("/value");
        assertThat(api.withToken(writer).post("/api/v1/kb/index/rebuild", "{}").status()).isEqualTo(403);
        Api.Response rebuilt = api.post("/api/v1/kb/index/rebuild", "{}");
        assertThat(rebuilt.status()).isEqualTo(200);
        assertThat(rebuilt.json().at("/articles").asInt()).isGreaterThanOrEqualTo(57);
        assertThat(titles(search("faturami nasil odeyebilirim", "tr"))).first().isEqualTo("Faturamı nasıl öderim?");
    }

    @Test
    void internalArticlesAreOnlyForAgents() {
        assertThat(titles(search("iade süresi geçmiş istisna", "tr"))).noneMatch(t -> t.startsWith("İç:"));
        Api.Response agent = api.get("/api/v1/kb/search?q=" + URLEncoder.encode("iade süresi geçmiş istisna", StandardCharsets.UTF_8)
                + "&language=tr&audience=agent");
        assertThat(titles(agent)).anyMatch(t -> t.startsWith("İç:"));
    }
}
