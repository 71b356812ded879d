package io.temas.complaints;

import io.temas.platform.AfterCommit;
import io.temas.platform.ConfigurationCache;
import io.temas.shared.Conflict;
import io.temas.shared.Ids;
import io.temas.shared.InvalidInput;
import io.temas.shared.Language;
import io.temas.shared.NotFound;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The complaint categories and keyword rules an admin keeps. Both are read for every inbound
 * message, so they are held in memory and reloaded after a change (a few seconds later on other
 * nodes). A plain bean, not a proxy, for the same reason (ARCHITECTURE.md, "Called directly"): the
 * changes run in the caller's transaction, or in one of their own through {@link TransactionTemplate}.
 */
@Component
public class ComplaintCatalogue {

    private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    private record Snapshot(List<ComplaintCategory> categories, List<ComplaintRule> rules) {
    }

    private final JdbcClient jdbc;
    private final Ids ids;
    private final Clock clock;
    private final ConfigurationCache<Snapshot> snapshot;
    private final TransactionTemplate transactions;

    ComplaintCatalogue(JdbcClient jdbc, Ids ids, Clock clock, TransactionTemplate transactions) {
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.ids = ids;
        this.clock = clock;
        this.snapshot = new ConfigurationCache<>(this::load, clock);
    }

    /** Every category, in the admin's order. */
    public List<ComplaintCategory> categories() {
        return snapshot.get().categories();
    }

    public Optional<ComplaintCategory> category(String code) {
        return categories().stream().filter(c -> c.code().equals(code)).findFirst();
    }

    /** Every keyword rule, active or not, by name. */
    public List<ComplaintRule> rules() {
        return snapshot.get().rules();
    }

    public ComplaintRule rule(UUID id) {
        return rules().stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFound("no complaint rule " + id));
    }

    /** Adds a category, or renames the one with this code. */
    public ComplaintCategory saveCategory(ComplaintCategory category) {
        return transactions.execute(tx -> {
            String code = required(category.code(), "code").toLowerCase(Locale.ROOT);
            if (!CODE.matcher(code).matches()) {
                throw new InvalidInput("code", "a category code is 1-40 lower-case letters, digits or dashes");
            }
            ComplaintCategory clean = new ComplaintCategory(code, required(category.nameTr(), "nameTr"), required(category.nameAz(), "nameAz"),
                    required(category.nameEn(), "nameEn"), category.position());
            jdbc.sql("""
                            insert into complaint_categories (code, name_tr, name_az, name_en, position, created_at) values (?, ?, ?, ?, ?, ?)
                            on conflict (code) do update set name_tr = excluded.name_tr, name_az = excluded.name_az,
                                name_en = excluded.name_en, position = excluded.position""")
                    .params(code, clean.nameTr(), clean.nameAz(), clean.nameEn(), clean.position(), Timestamp.from(clock.instant())).update();
            invalidate();
            return clean;
        });
    }

    /** Removes a category no rule uses; conversations already marked with it keep the code. */
    public void deleteCategory(String code) {
        transactions.executeWithoutResult(tx -> {
            if (rules().stream().anyMatch(r -> r.category().equals(code))) {
                throw new Conflict("a keyword rule still marks complaints of category " + code);
            }
            if (jdbc.sql("delete from complaint_categories where code = ?").param(code).update() == 0) {
                throw new NotFound("no complaint category " + code);
            }
            invalidate();
        });
    }

    /** Adds a rule ({@code id} null) or replaces the one with this id. */
    public ComplaintRule saveRule(ComplaintRule rule) {
        return transactions.execute(tx -> {
            String name = required(rule.name(), "name");
            if (name.length() > 80) {
                throw new InvalidInput("name", "a rule's name is at most 80 characters");
            }
            if (category(rule.category()).isEmpty()) {
                throw new InvalidInput("category", "no complaint category '" + rule.category() + "'");
            }
            String language = rule.language() == null || rule.language().isBlank() ? null : rule.language().strip();
            if (language != null && Arrays.stream(Language.values()).noneMatch(l -> l.code().equals(language))) {
                throw new InvalidInput("language", "language must be one of tr, az, en");
            }
            List<String> keywords = rule.keywords().stream().map(String::strip).filter(k -> !k.isEmpty())
                    .map(k -> k.length() > 100 ? k.substring(0, 100) : k).distinct().limit(200).toList();
            if (keywords.isEmpty()) {
                throw new InvalidInput("keywords", "a rule needs at least one word or phrase");
            }
            UUID id = rule.id() == null ? ids.next() : rule.id();
            try {
                if (rule.id() == null) {
                    jdbc.sql("""
                                    insert into complaint_rules (id, name, category, language, keywords, active, created_at)
                                    values (?, ?, ?, ?, ?, ?, ?)""")
                            .params(id, name, rule.category(), language, keywords.toArray(String[]::new), rule.active(),
                                    Timestamp.from(clock.instant())).update();
                } else if (jdbc.sql("update complaint_rules set name = ?, category = ?, language = ?, keywords = ?, active = ? where id = ?")
                        .params(name, rule.category(), language, keywords.toArray(String[]::new), rule.active(), id).update() == 0) {
                    throw new NotFound("no complaint rule " + id);
                }
            } catch (DuplicateKeyException e) {
                throw new Conflict("another complaint rule is called '" + name + "'");
            }
            invalidate();
            return new ComplaintRule(id, name, rule.category(), language, keywords, rule.active());
        });
    }

    public void deleteRule(UUID id) {
        transactions.executeWithoutResult(tx -> {
            if (jdbc.sql("delete from complaint_rules where id = ?").param(id).update() == 0) {
                throw new NotFound("no complaint rule " + id);
            }
            invalidate();
        });
    }

    /** Now, for this transaction's own reads, and again once it commits, for everyone's. */
    private void invalidate() {
        snapshot.invalidate();
        AfterCommit.run(snapshot::invalidate);
    }

    private Snapshot load() {
        List<ComplaintCategory> categories = jdbc.sql("select * from complaint_categories order by position, code")
                .query((rs, n) -> new ComplaintCategory(rs.getString("code"), rs.getString("name_tr"), rs.getString("name_az"),
                        rs.getString("name_en"), rs.getInt("position"))).list();
        List<ComplaintRule> rules = jdbc.sql("select * from complaint_rules order by name")
                .query((rs, n) -> new ComplaintRule(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("category"),
                        rs.getString("language"), strings(rs.getArray("keywords")), rs.getBoolean("active"))).list();
        return new Snapshot(categories, rules);
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidInput(field, field + " is required");
        }
        return value.strip();
    }
}
