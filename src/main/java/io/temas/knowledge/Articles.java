package io.temas.knowledge;

import io.temas.shared.Language;
import io.temas.shared.PageCursor;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Articles, their versions and the category tree in PostgreSQL. */
@Component
class Articles {

    private static final String COLUMNS = "id, slug, category_id, language, translation_group, title, body_html, body_text, tags, state, "
            + "visibility, version, helpful_votes, unhelpful_votes, views, revision, created_at, updated_at";

    private final JdbcClient jdbc;

    Articles(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long nextRevision() {
        return jdbc.sql("select nextval('kb_revisions')").query(Long.class).single();
    }

    /** The highest revision among these articles (those the caller's transaction just wrote). */
    long maxRevision(java.util.Collection<UUID> articleIds) {
        return jdbc.sql("select coalesce(max(revision), 0) from kb_articles where id = any(?)")
                .param(articleIds.toArray(UUID[]::new)).query(Long.class).single();
    }

    /**
     * The highest revision of a published article and the number of published articles: what a
     * current index holds (drafts and archived articles are not indexed, so their revisions do not
     * count; an article leaving the published state changes the number).
     */
    long[] publishedStamp() {
        return jdbc.sql("""
                        select coalesce(max(revision) filter (where state = 'published'), 0), count(*) filter (where state = 'published')
                        from kb_articles""")
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
    }

    record Row(Article article, long revision) {
    }

    void insert(Article a, long revision, String author) {
        jdbc.sql("insert into kb_articles (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?::text[], ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(a.id(), a.slug(), a.categoryId(), a.language().code(), a.translationGroup(), a.title(), a.bodyHtml(),
                        a.bodyText(), tagArray(a.tags()), a.state().code(), a.visibility().code(), a.version(), a.helpfulVotes(),
                        a.unhelpfulVotes(), a.views(), revision, Timestamp.from(a.createdAt()), Timestamp.from(a.updatedAt()))
                .update();
        insertVersion(a, author);
    }

    void update(Article a, long revision, String author) {
        jdbc.sql("""
                update kb_articles set slug = ?, category_id = ?, language = ?, title = ?, body_html = ?, body_text = ?, tags = ?::text[],
                       state = ?, visibility = ?, version = ?, revision = ?, updated_at = ? where id = ?""")
                .params(a.slug(), a.categoryId(), a.language().code(), a.title(), a.bodyHtml(), a.bodyText(), tagArray(a.tags()),
                        a.state().code(), a.visibility().code(), a.version(), revision, Timestamp.from(a.updatedAt()), a.id())
                .update();
        insertVersion(a, author);
    }

    private void insertVersion(Article a, String author) {
        jdbc.sql("insert into kb_article_versions (article_id, version, title, body_html, tags, state, author, created_at) "
                        + "values (?, ?, ?, ?, ?::text[], ?, ?, ?)")
                .params(a.id(), a.version(), a.title(), a.bodyHtml(), tagArray(a.tags()), a.state().code(), author,
                        Timestamp.from(a.updatedAt()))
                .update();
    }

    /** Counts a vote on the article and gives it a new revision (its helpfulness changes its ranking). */
    Optional<Row> countVote(UUID id, boolean helpful, long revision) {
        return jdbc.sql("update kb_articles set " + (helpful ? "helpful_votes = helpful_votes + 1" : "unhelpful_votes = unhelpful_votes + 1")
                        + ", revision = ? where id = ? returning " + COLUMNS)
                .params(revision, id).query(Articles::row).optional();
    }

    void countView(UUID id) {
        jdbc.sql("update kb_articles set views = views + 1 where id = ?").param(id).update();
    }

    Optional<Row> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from kb_articles where id = ?").param(id).query(Articles::row).optional();
    }

    /** The article, its row locked until the transaction ends: two saves of one article take turns. */
    Optional<Row> findForUpdate(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from kb_articles where id = ? for update").param(id).query(Articles::row).optional();
    }

    /** The articles matching the filter, last changed first, after the cursor (null: from the first). */
    List<Article> filter(ArticleFilter filter, PageCursor after, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from kb_articles where true");
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        if (filter.state() != null) {
            sql.append(" and state = :state");
            params.put("state", filter.state().code());
        }
        if (filter.categoryId() != null) {
            sql.append(" and category_id = :category");
            params.put("category", filter.categoryId());
        }
        if (filter.language() != null) {
            sql.append(" and language = :language");
            params.put("language", filter.language().code());
        }
        if (filter.text() != null && !filter.text().isBlank()) {
            sql.append(" and (title ilike :text escape '\\' or slug ilike :text escape '\\' or array_to_string(tags, ' ') ilike :text escape '\\')");
            params.put("text", "%" + filter.text().strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (after != null) {
            sql.append(" and (updated_at, id) < (:at, :id)");
            params.put("at", java.sql.Timestamp.from(after.at()));
            params.put("id", after.id());
        }
        sql.append(" order by updated_at desc, id desc limit :limit");
        params.put("limit", limit);
        return jdbc.sql(sql.toString()).params(params).query(Articles::row).list().stream().map(Row::article).toList();
    }

    Optional<Row> findBySlug(String slug) {
        return jdbc.sql("select " + COLUMNS + " from kb_articles where slug = ?").param(slug).query(Articles::row).optional();
    }

    boolean slugTaken(String slug) {
        return jdbc.sql("select exists (select 1 from kb_articles where slug = ?)").param(slug).query(Boolean.class).single();
    }

    List<Article> variants(UUID translationGroup) {
        return jdbc.sql("select " + COLUMNS + " from kb_articles where translation_group = ? order by language desc")
                .param(translationGroup).query(Articles::row).list().stream().map(Row::article).toList();
    }

    /** Published articles in the categories, most viewed first. */
    List<Article> published(List<UUID> categories, Language language, Audience audience, int limit) {
        String sql = "select " + COLUMNS + " from kb_articles where state = 'published'"
                + (audience == Audience.CUSTOMER ? " and visibility = 'public'" : "")
                + (language != null ? " and language = :language" : "")
                + (categories != null ? " and category_id = any(:categories)" : "")
                + " order by views desc, title limit :limit";
        var spec = jdbc.sql(sql).param("limit", limit);
        if (language != null) {
            spec = spec.param("language", language.code());
        }
        if (categories != null) {
            spec = spec.param("categories", categories.toArray(UUID[]::new));
        }
        return spec.query(Articles::row).list().stream().map(Row::article).toList();
    }

    /** Every article, page by page in id order, for listings and index rebuilds. */
    List<Row> page(UUID after, int size) {
        return jdbc.sql("select " + COLUMNS + " from kb_articles where id > ? order by id limit ?")
                .params(after == null ? new UUID(0, 0) : after, size).query(Articles::row).list();
    }

    void forEachPublished(int batch, Consumer<List<Row>> consumer) {
        UUID after = null;
        while (true) {
            List<Row> rows = jdbc.sql("select " + COLUMNS + " from kb_articles where state = 'published' and id > ? order by id limit ?")
                    .params(after == null ? new UUID(0, 0) : after, batch).query(Articles::row).list();
            if (rows.isEmpty()) {
                return;
            }
            consumer.accept(rows);
            after = rows.getLast().article().id();
        }
    }

    List<ArticleVersion> versions(UUID id) {
        return jdbc.sql("select version, title, body_html, tags, state, author, created_at from kb_article_versions where article_id = ? "
                        + "order by version desc")
                .param(id)
                .query((rs, n) -> new ArticleVersion(rs.getInt("version"), rs.getString("title"), rs.getString("body_html"),
                        tags(rs.getArray("tags")), ArticleState.parse(rs.getString("state"), null), rs.getString("author"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    // categories

    void insertCategory(Category c, Instant at) {
        jdbc.sql("insert into kb_categories (id, parent_id, slug, position, name_tr, name_az, name_en, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(c.id(), c.parentId(), c.slug(), c.position(), c.nameTr(), c.nameAz(), c.nameEn(), Timestamp.from(at))
                .update();
    }

    boolean updateCategory(Category c) {
        return jdbc.sql("update kb_categories set parent_id = ?, position = ?, name_tr = ?, name_az = ?, name_en = ? where id = ?")
                .params(c.parentId(), c.position(), c.nameTr(), c.nameAz(), c.nameEn(), c.id()).update() > 0;
    }

    List<Category> categories() {
        return jdbc.sql("select id, parent_id, slug, position, name_tr, name_az, name_en from kb_categories order by position, name_tr")
                .query((rs, n) -> new Category(rs.getObject("id", UUID.class), rs.getObject("parent_id", UUID.class),
                        rs.getString("slug"), rs.getInt("position"), rs.getString("name_tr"), rs.getString("name_az"),
                        rs.getString("name_en")))
                .list();
    }

    static Row row(ResultSet rs, int n) throws SQLException {
        Article article = new Article(rs.getObject("id", UUID.class), rs.getString("slug"), rs.getObject("category_id", UUID.class),
                Language.parse(rs.getString("language")).orElseThrow(), rs.getObject("translation_group", UUID.class),
                rs.getString("title"), rs.getString("body_html"), rs.getString("body_text"), tags(rs.getArray("tags")),
                ArticleState.parse(rs.getString("state"), null), Visibility.parse(rs.getString("visibility"), null),
                rs.getInt("version"), rs.getInt("helpful_votes"), rs.getInt("unhelpful_votes"), rs.getLong("views"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
        return new Row(article, rs.getLong("revision"));
    }

    private static List<String> tags(Array array) throws SQLException {
        return array == null ? List.of() : new ArrayList<>(Arrays.asList((String[]) array.getArray()));
    }

    private static String tagArray(List<String> tags) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < tags.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append('"').append(tags.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return out.append('}').toString();
    }
}
