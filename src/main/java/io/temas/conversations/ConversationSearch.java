package io.temas.conversations;

import io.temas.shared.InvalidInput;
import io.temas.shared.PageCursor;
import io.temas.shared.TextFolding;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Finds any conversation someone may see: by its reference first, then by the words of its
 * subject or by its customer, newest activity first, a page at a time. Each way reads an index
 * (the unique reference, a trigram index over the folded subject, the customer's conversations),
 * so a search costs about the same with a thousand conversations or a million.
 */
@Service
public class ConversationSearch {

    /** Queries longer than this are cut: nobody types more, and each word costs an index probe. */
    static final int MAX_QUERY = 200;
    /** Words shorter than a trigram cannot use the subject index and match too much anyway. */
    static final int MIN_WORD = 3;
    private static final int MAX_WORDS = 8;

    /** What to look for: the text typed, and the customers it names (found by the customers module). */
    public record Query(String text, Collection<UUID> customerIds) {
    }

    /** A page of matches; {@code next} continues after the last one, or is null at the end. */
    public record Results(List<Conversation> items, String next) {
    }

    private final JdbcClient jdbc;
    private final Conversations conversations;

    ConversationSearch(JdbcClient jdbc, Conversations conversations) {
        this.jdbc = jdbc;
        this.conversations = conversations;
    }

    public Results find(Query query, QueueAccess access, String after, int limit) {
        String text = clean(query.text());
        PageCursor cursor;
        try {
            cursor = PageCursor.decode(after);
        } catch (InvalidInput notACursor) {
            // A search link whose cursor was mangled starts again from the first page.
            cursor = null;
        }
        List<Conversation> items = new ArrayList<>();
        Optional<Conversation> byReference = References.typed(text).flatMap(conversations::findByReference).filter(access::permits);
        if (cursor == null) {
            byReference.ifPresent(items::add);
        }
        List<String> words = words(text);
        if (words.isEmpty() && query.customerIds().isEmpty()) {
            return new Results(items, null);
        }
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("select * from conversations where (customer_id = any(?)");
        args.add(query.customerIds().toArray(UUID[]::new));
        if (!words.isEmpty()) {
            sql.append(" or (");
            for (int i = 0; i < words.size(); i++) {
                sql.append(i == 0 ? "" : " and ").append("search_fold(subject) like ?");
                args.add("%" + escape(words.get(i)) + "%");
            }
            sql.append(')');
        }
        sql.append(") and (? or queue_id = any(?) or assignee_id = ?)");
        args.add(access.all());
        args.add(access.queueIds().toArray(UUID[]::new));
        args.add(access.agentId());
        sql.append(" and id <> ?");
        args.add(byReference.map(Conversation::id).orElse(new UUID(0, 0)));
        if (cursor != null) {
            sql.append(" and (last_message_at, id) < (?, ?)");
            args.add(Timestamp.from(cursor.at()));
            args.add(cursor.id());
        }
        sql.append(" order by last_message_at desc, id desc limit ?");
        int room = limit - items.size();
        args.add(room + 1);
        List<Conversation> found = jdbc.sql(sql.toString()).params(args).query(Conversations::conversation).list();
        String next = null;
        if (found.size() > room) {
            found = found.subList(0, room);
            next = found.isEmpty() ? null : new PageCursor(found.getLast().lastMessageAt(), found.getLast().id()).encode();
        }
        items.addAll(found);
        return new Results(items, next);
    }

    /** The query as the database can take it: no control characters (PostgreSQL refuses NUL), not overlong. */
    public static String clean(String text) {
        String clean = text == null ? "" : text.replaceAll("\\p{Cntrl}", " ").strip();
        return clean.length() > MAX_QUERY ? clean.substring(0, MAX_QUERY) : clean;
    }

    /** The folded words a subject must all contain. */
    static List<String> words(String text) {
        return Arrays.stream(TextFolding.fold(text).split("[^\\p{L}\\p{N}]+"))
                .filter(w -> w.length() >= MIN_WORD).distinct().limit(MAX_WORDS).toList();
    }

    private static String escape(String word) {
        return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
