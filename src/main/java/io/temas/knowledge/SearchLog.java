package io.temas.knowledge;

import io.temas.shared.Ids;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Every search, with what it found and which article the searcher opened: the raw material of the listening reports. */
@Component
class SearchLog {

    private final JdbcClient jdbc;
    private final Ids ids;
    private final Clock clock;

    SearchLog(JdbcClient jdbc, Ids ids, Clock clock) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.clock = clock;
    }

    UUID record(SearchQuery query, String normalised, int resultCount) {
        UUID id = ids.next();
        jdbc.sql("insert into kb_searches (id, query, normalised, language, source, result_count, searched_at) values (?, ?, ?, ?, ?, ?, ?)")
                .params(id, query.text(), normalised, query.language() == null ? null : query.language().code(), query.source(),
                        resultCount, Timestamp.from(clock.instant()))
                .update();
        return id;
    }

    /** Marks the search as answered by the article; the first article opened counts. */
    boolean clicked(UUID searchId, UUID articleId) {
        return jdbc.sql("update kb_searches set clicked_article_id = ?, clicked_at = ? where id = ? and clicked_article_id is null")
                .params(articleId, Timestamp.from(clock.instant()), searchId).update() > 0;
    }
}
