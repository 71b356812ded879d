package io.temas.knowledge;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What the knowledge base hears: searches that failed (found nothing, or nothing the searcher
 * opened), articles readers found unhelpful and why, and how few articles answer most questions.
 */
@Service
public class KnowledgeReports {

    /**
     * Searches that failed, grouped by their normalised words.
     *
     * @param language the language most of them were searched in (null when they named none)
     */
    public record FailedSearch(String query, String example, long count, long noResults, long noClicks, Instant lastSearched,
                               String language) {
    }

    public record ArticleHelpfulness(UUID id, String slug, String title, String language, int helpful, int unhelpful,
                                     double helpfulness, long views) {
    }

    public record VoteComment(UUID articleId, String slug, String title, boolean helpful, String comment, Instant votedAt) {
    }

    public record Helpfulness(List<ArticleHelpfulness> articles, List<VoteComment> comments) {
    }

    public record ParetoArticle(UUID id, String slug, String title, long views, long answered) {
    }

    /**
     * The 80/20 report: of {@code articles} published, the top {@code topArticles} (20%, at least
     * one) by views cover {@code viewShare} of all views, and the top 20% by questions answered
     * (helpful votes plus searches whose searcher opened the article) cover {@code answeredShare}.
     */
    public record Pareto(int articles, int topArticles, long views, long topViews, double viewShare, long answered, long topAnswered,
                         double answeredShare, List<ParetoArticle> topByViews, List<ParetoArticle> topByAnswered) {
    }

    private final JdbcClient jdbc;

    KnowledgeReports(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Failed searches since the instant, the most frequent first. Suggestions for agents are not searches and are left out. */
    public List<FailedSearch> failedSearches(Instant since, int limit) {
        return failedSearches(since, null, limit);
    }

    /** Failed searches from {@code from} (inclusive) until {@code until} (exclusive; null: now), the most frequent first. */
    public List<FailedSearch> failedSearches(Instant from, Instant until, int limit) {
        return jdbc.sql("""
                        select normalised, mode() within group (order by query) as example, count(*) as n,
                               count(*) filter (where result_count = 0) as no_results,
                               count(*) filter (where result_count > 0) as no_clicks, max(searched_at) as last,
                               mode() within group (order by language) as language
                        from kb_searches
                        where searched_at >= ? and searched_at < ? and clicked_article_id is null and normalised <> ''
                        group by normalised order by n desc, last desc limit ?""")
                .params(Timestamp.from(from), Timestamp.from(until == null ? Instant.parse("9999-12-31T00:00:00Z") : until),
                        Math.max(1, Math.min(limit, 1000)))
                .query((rs, n) -> new FailedSearch(rs.getString("normalised"), rs.getString("example"), rs.getLong("n"),
                        rs.getLong("no_results"), rs.getLong("no_clicks"), rs.getTimestamp("last").toInstant(), rs.getString("language")))
                .list();
    }

    /** Articles with votes, least helpful first, and the latest comments that came with "not helpful" votes. */
    public Helpfulness helpfulness(int limit) {
        int bounded = Math.max(1, Math.min(limit, 1000));
        List<ArticleHelpfulness> articles = jdbc.sql("""
                        select id, slug, title, language, helpful_votes, unhelpful_votes, views,
                               (helpful_votes + 1.0) / (helpful_votes + unhelpful_votes + 2.0) as helpfulness
                        from kb_articles where helpful_votes + unhelpful_votes > 0
                        order by helpfulness, unhelpful_votes desc limit ?""")
                .param(bounded)
                .query((rs, n) -> new ArticleHelpfulness(rs.getObject("id", UUID.class), rs.getString("slug"), rs.getString("title"),
                        rs.getString("language"), rs.getInt("helpful_votes"), rs.getInt("unhelpful_votes"), rs.getDouble("helpfulness"),
                        rs.getLong("views")))
                .list();
        List<VoteComment> comments = jdbc.sql("""
                        select v.article_id, a.slug, a.title, v.helpful, v.comment, v.voted_at
                        from kb_votes v join kb_articles a on a.id = v.article_id
                        where not v.helpful and v.comment is not null order by v.voted_at desc limit ?""")
                .param(bounded)
                .query((rs, n) -> new VoteComment(rs.getObject("article_id", UUID.class), rs.getString("slug"), rs.getString("title"),
                        rs.getBoolean("helpful"), rs.getString("comment"), rs.getTimestamp("voted_at").toInstant()))
                .list();
        return new Helpfulness(articles, comments);
    }

    /** The 80/20 report over views and answered questions since the instant. */
    public Pareto pareto(Instant since) {
        Timestamp from = Timestamp.from(since);
        List<ParetoArticle> all = jdbc.sql("""
                        select a.id, a.slug, a.title,
                               (select count(*) from kb_views v where v.article_id = a.id and v.viewed_at >= :since) as views,
                               (select count(*) from kb_votes v where v.article_id = a.id and v.helpful and v.voted_at >= :since)
                             + (select count(*) from kb_searches s where s.clicked_article_id = a.id and s.searched_at >= :since) as answered
                        from kb_articles a where a.state = 'published'""")
                .param("since", from)
                .query((rs, n) -> new ParetoArticle(rs.getObject("id", UUID.class), rs.getString("slug"), rs.getString("title"),
                        rs.getLong("views"), rs.getLong("answered")))
                .list();
        int top = Math.max(1, (int) Math.ceil(all.size() * 0.2));
        List<ParetoArticle> byViews = new ArrayList<>(all);
        byViews.sort(Comparator.comparingLong(ParetoArticle::views).reversed());
        List<ParetoArticle> byAnswered = new ArrayList<>(all);
        byAnswered.sort(Comparator.comparingLong(ParetoArticle::answered).reversed());
        long views = all.stream().mapToLong(ParetoArticle::views).sum();
        long answered = all.stream().mapToLong(ParetoArticle::answered).sum();
        List<ParetoArticle> topViews = byViews.subList(0, Math.min(top, byViews.size()));
        List<ParetoArticle> topAnswered = byAnswered.subList(0, Math.min(top, byAnswered.size()));
        long topViewCount = topViews.stream().mapToLong(ParetoArticle::views).sum();
        long topAnsweredCount = topAnswered.stream().mapToLong(ParetoArticle::answered).sum();
        return new Pareto(all.size(), Math.min(top, all.size()), views, topViewCount, share(topViewCount, views), answered,
                topAnsweredCount, share(topAnsweredCount, answered), List.copyOf(topViews), List.copyOf(topAnswered));
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0 : Math.round(1000.0 * part / whole) / 1000.0;
    }
}
