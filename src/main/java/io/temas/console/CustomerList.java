package io.temas.console;

import io.temas.shared.Language;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The customers page's list: live profiles, the most recently in touch first, narrowed by the
 * page's filters (VIP, segment, channel, language, an open conversation) and, when the agent
 * searched, to the customers the search found. One page at a time.
 */
@Component
class CustomerList {

    /** The filters as the page's form sends them; blank means "any". {@code found} is null unless a search ran. */
    record Filter(boolean vipOnly, String segment, String channel, String language, boolean openOnly, Collection<UUID> found) {

        public boolean any() {
            return vipOnly || segment != null || channel != null || language != null || openOnly;
        }
    }

    /** One customer as the list shows them. */
    record Row(UUID id, String displayName, boolean vip, List<String> segments, Language language, boolean languageDetected,
               Instant lastContact, List<String> channels, int open) {
    }

    /** A page of rows and whether another follows. */
    record Page(List<Row> rows, int number, boolean hasNext) {

        public boolean hasPrevious() {
            return number > 0;
        }
    }

    private final JdbcClient jdbc;

    CustomerList(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Page page(Filter filter, int number, int size) {
        int page = Math.max(0, number);
        if (filter.found() != null && filter.found().isEmpty()) {
            return new Page(List.of(), page, false);
        }
        List<Row> rows = jdbc.sql("""
                        select c.id, c.display_name, c.vip, c.segments, c.language, c.detected_language, s.last_contact, s.channels,
                               coalesce(s.open, 0) as open
                        from customers c
                        left join lateral (
                            select max(v.last_message_at) as last_contact, array_agg(distinct v.channel) as channels,
                                   count(*) filter (where v.status in ('open', 'pending')) as open
                            from conversations v where v.customer_id = c.id) s on true
                        where c.merged_into is null
                          and (not :vip or c.vip)
                          and (cast(:segment as text) is null or :segment = any(c.segments))
                          and (cast(:language as text) is null or coalesce(c.language, c.detected_language) = :language)
                          and (cast(:channel as text) is null or :channel = any(s.channels))
                          and (not :open or s.open > 0)
                          and (cast(:found as uuid[]) is null or c.id = any(:found))
                        order by s.last_contact desc nulls last, c.created_at desc, c.id
                        limit :limit offset :offset""")
                .param("vip", filter.vipOnly())
                .param("segment", filter.segment())
                .param("language", filter.language())
                .param("channel", filter.channel())
                .param("open", filter.openOnly())
                .param("found", filter.found() == null ? null : filter.found().toArray(UUID[]::new))
                .param("limit", size + 1)
                .param("offset", (long) page * size)
                .query(CustomerList::row).list();
        boolean hasNext = rows.size() > size;
        return new Page(hasNext ? rows.subList(0, size) : rows, page, hasNext);
    }

    /** Every segment some live customer is in, for the filter's choices. */
    List<String> segments() {
        return jdbc.sql("select distinct unnest(segments) as s from customers where merged_into is null order by s")
                .query(String.class).list();
    }

    /** Every channel some customer has a conversation on. */
    List<String> channels() {
        return jdbc.sql("select distinct channel from conversations order by channel").query(String.class).list();
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        String chosen = rs.getString("language");
        String detected = rs.getString("detected_language");
        Language language = Language.parse(chosen != null ? chosen : detected).orElse(null);
        Timestamp last = rs.getTimestamp("last_contact");
        return new Row(rs.getObject("id", UUID.class), rs.getString("display_name"), rs.getBoolean("vip"), strings(rs.getArray("segments")),
                language, chosen == null && language != null, last == null ? null : last.toInstant(),
                strings(rs.getArray("channels")), rs.getInt("open"));
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        return new ArrayList<>(Arrays.stream((Object[]) array.getArray()).filter(java.util.Objects::nonNull).map(String::valueOf).toList());
    }
}
