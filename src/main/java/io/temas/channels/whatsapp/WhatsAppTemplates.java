package io.temas.channels.whatsapp;

import io.temas.shared.Ids;
import io.temas.shared.InvalidInput;
import io.temas.shared.NotFound;
import io.temas.shared.RefusedByRule;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The message templates Meta approved for the business account, the only messages WhatsApp
 * delivers outside the customer-service window. Admins keep the list by hand or read it from
 * WhatsApp; a template's body text has numbered parameters ({@code {{1}}}, {@code {{2}}}) the agent
 * fills in when sending.
 */
@Service
public class WhatsAppTemplates {

    private static final Pattern PARAMETER = Pattern.compile("\\{\\{(\\d{1,2})}}");
    private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,512}");
    private static final List<String> CATEGORIES = List.of("UTILITY", "MARKETING", "AUTHENTICATION");

    /** One template in one language. */
    public record Template(UUID id, String name, String language, String category, String body, String status, Instant updatedAt) {

        /** How many numbered parameters the body has (the highest number). */
        public int parameters() {
            Matcher m = PARAMETER.matcher(body);
            int highest = 0;
            while (m.find()) {
                highest = Math.max(highest, Integer.parseInt(m.group(1)));
            }
            return highest;
        }

        public boolean approved() {
            return "APPROVED".equals(status);
        }

        /** The body with the parameters filled in, as the customer will read it. */
        public String render(List<String> values) {
            Matcher m = PARAMETER.matcher(body);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                int n = Integer.parseInt(m.group(1));
                m.appendReplacement(out, Matcher.quoteReplacement(n >= 1 && n <= values.size() ? values.get(n - 1) : m.group()));
            }
            m.appendTail(out);
            return out.toString();
        }
    }

    /** A template ready to queue: the text the conversation shows and the headers that make the transport send it as a template. */
    public record Prepared(String text, Map<String, String> headers) {
    }

    /** What reading the templates from WhatsApp did. */
    public record Synced(int added, int updated, int notListed) {
    }

    /** Status of a template WhatsApp listed without one. */
    public static final String UNKNOWN = "UNKNOWN";
    /** Status of a template kept here that WhatsApp does not list. */
    public static final String NOT_LISTED = "NOT_LISTED";

    private final JdbcClient jdbc;
    private final TransactionTemplate writes;
    private final GraphApi graph;
    private final WhatsAppSettings settings;
    private final JsonMapper json;
    private final Ids ids;
    private final Clock clock;

    WhatsAppTemplates(JdbcClient jdbc, PlatformTransactionManager transactions, GraphApi graph, WhatsAppSettings settings, JsonMapper json,
                      Ids ids, Clock clock) {
        this.jdbc = jdbc;
        this.writes = new TransactionTemplate(transactions);
        this.graph = graph;
        this.settings = settings;
        this.json = json;
        this.ids = ids;
        this.clock = clock;
    }

    public List<Template> all() {
        return jdbc.sql("select * from whatsapp_templates order by name, language").query(this::template).list();
    }

    /** The templates an agent may send. */
    public List<Template> approved() {
        return all().stream().filter(Template::approved).toList();
    }

    public Template get(UUID id) {
        return jdbc.sql("select * from whatsapp_templates where id = ?").param(id).query(this::template).optional()
                .orElseThrow(() -> new NotFound("no WhatsApp template " + id));
    }

    /** Adds a template (null id) or changes one; a name and language pair is one template. */
    @Transactional
    public UUID save(UUID id, String name, String language, String category, String body) {
        String n = required(name, "name").toLowerCase(Locale.ROOT);
        if (!NAME.matcher(n).matches()) {
            throw new InvalidInput("name", "a template name has lower-case letters, digits and underscores only, as in WhatsApp Manager");
        }
        String lang = required(language, "language");
        if (!lang.matches("[A-Za-z]{2,3}(_[A-Za-z]{2,4})?")) {
            throw new InvalidInput("language", "a language code as WhatsApp writes it: tr, en_US, az");
        }
        String cat = category == null || category.isBlank() ? "UTILITY" : category.strip().toUpperCase(Locale.ROOT);
        if (!CATEGORIES.contains(cat)) {
            throw new InvalidInput("category", "the category is one of " + String.join(", ", CATEGORIES));
        }
        String text = required(body, "body");
        if (text.length() > 1024) {
            throw new InvalidInput("body", "a template body has at most 1024 characters");
        }
        Timestamp now = Timestamp.from(clock.instant());
        if (id == null) {
            UUID created = ids.next();
            int inserted = jdbc.sql("""
                            insert into whatsapp_templates (id, name, language, category, body, status, updated_at)
                            values (?, ?, ?, ?, ?, 'APPROVED', ?) on conflict (name, language) do nothing""")
                    .params(created, n, lang, cat, text, now).update();
            if (inserted == 0) {
                throw new InvalidInput("name", "there is a template " + n + " in " + lang + " already");
            }
            return created;
        }
        get(id);
        try {
            jdbc.sql("update whatsapp_templates set name = ?, language = ?, category = ?, body = ?, updated_at = ? where id = ?")
                    .params(n, lang, cat, text, now, id).update();
        } catch (org.springframework.dao.DuplicateKeyException e) {
            throw new InvalidInput("name", "there is a template " + n + " in " + lang + " already");
        }
        return id;
    }

    @Transactional
    public void delete(UUID id) {
        jdbc.sql("delete from whatsapp_templates where id = ?").param(id).update();
    }

    /**
     * Reads the business account's templates from WhatsApp and keeps them here: new ones are added,
     * known ones take WhatsApp's text, category and status (a template listed without a status is
     * {@value #UNKNOWN}, not approved), and templates WhatsApp does not list (any more, or ever, when
     * kept by hand) stay in the list marked {@value #NOT_LISTED}, since WhatsApp would refuse to send
     * them. The pages are read first, outside any transaction; the changes are then written at once.
     *
     * @throws RefusedByRule when the connector is not configured or WhatsApp cannot be read
     */
    public Synced sync() {
        if (!settings.configured() || WhatsAppSettings.blank(settings.businessAccountId())) {
            throw new RefusedByRule("WhatsApp is not configured (temas.whatsapp.access-token and temas.whatsapp.business-account-id)");
        }
        List<JsonNode> remote;
        try {
            remote = graph.templates();
        } catch (IOException e) {
            throw new RefusedByRule("the templates could not be read from WhatsApp: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RefusedByRule("interrupted while reading the templates from WhatsApp");
        }
        List<Listed> listed = new java.util.ArrayList<>();
        for (JsonNode t : remote) {
            String name = t.path("name").asString("");
            String language = t.path("language").asString("");
            if (name.isBlank() || language.isBlank()) {
                continue;
            }
            String body = "";
            for (JsonNode component : t.path("components")) {
                if ("BODY".equalsIgnoreCase(component.path("type").asString(""))) {
                    body = component.path("text").asString("");
                }
            }
            String status = t.path("status").asString("").strip();
            listed.add(new Listed(name, language, t.path("category").asString("UTILITY").toUpperCase(Locale.ROOT), body,
                    status.isEmpty() ? UNKNOWN : status.toUpperCase(Locale.ROOT)));
        }
        return writes.execute(tx -> keep(listed));
    }

    /** One template as WhatsApp listed it. */
    private record Listed(String name, String language, String category, String body, String status) {
    }

    private Synced keep(List<Listed> listed) {
        int added = 0;
        int updated = 0;
        Timestamp now = Timestamp.from(clock.instant());
        for (Listed t : listed) {
            boolean inserted = jdbc.sql("""
                            insert into whatsapp_templates (id, name, language, category, body, status, updated_at)
                            values (?, ?, ?, ?, ?, ?, ?) on conflict (name, language) do update set category = excluded.category,
                            body = excluded.body, status = excluded.status, updated_at = excluded.updated_at returning (xmax = 0)""")
                    .params(ids.next(), t.name(), t.language(), t.category(), t.body(), t.status(), now)
                    .query(Boolean.class).single();
            if (inserted) {
                added++;
            } else {
                updated++;
            }
        }
        String[] names = listed.stream().map(Listed::name).toArray(String[]::new);
        String[] languages = listed.stream().map(Listed::language).toArray(String[]::new);
        int removed = jdbc.sql("""
                        update whatsapp_templates set status = ?, updated_at = ?
                        where status <> ? and (name, language) not in (select * from unnest(?::text[], ?::text[]))""")
                .params(NOT_LISTED, now, NOT_LISTED, names, languages).update();
        return new Synced(added, updated, removed);
    }

    /** What a template parameter may not hold, by WhatsApp's rules: line breaks, tabs, or more than three spaces in a row. */
    private static final Pattern FORBIDDEN_IN_PARAMETER = Pattern.compile("[\\n\\r\\t]| {4,}");

    /** The longest parameter WhatsApp takes. */
    static final int PARAMETER_LENGTH = 1024;

    /**
     * A template filled in for sending.
     *
     * @throws InvalidInput when a parameter is missing
     * @throws TemplateParameterRefused when a parameter breaks WhatsApp's rules
     * @throws RefusedByRule when the template is not approved
     */
    public Prepared prepare(UUID id, List<String> values) {
        Template template = get(id);
        if (!template.approved()) {
            throw new RefusedByRule("the template " + template.name() + " is " + template.status() + ", not approved");
        }
        List<String> given = values == null ? List.of() : values.stream().map(v -> v == null ? "" : v.strip()).toList();
        if (given.size() < template.parameters() || given.subList(0, template.parameters()).stream().anyMatch(String::isBlank)) {
            throw new InvalidInput("parameters", "the template " + template.name() + " needs " + template.parameters() + " parameters");
        }
        List<String> used = given.subList(0, template.parameters());
        for (int i = 0; i < used.size(); i++) {
            if (used.get(i).length() > PARAMETER_LENGTH) {
                throw new TemplateParameterRefused(i + 1, "parameter " + (i + 1) + " is longer than " + PARAMETER_LENGTH + " characters");
            }
            if (FORBIDDEN_IN_PARAMETER.matcher(used.get(i)).find()) {
                throw new TemplateParameterRefused(i + 1, "parameter " + (i + 1)
                        + " holds a line break, a tab or more than three spaces in a row, which WhatsApp refuses in template parameters");
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(WhatsAppTransport.TEMPLATE, template.name());
        headers.put(WhatsAppTransport.TEMPLATE_LANGUAGE, template.language());
        headers.put(WhatsAppTransport.TEMPLATE_PARAMETERS, json.writeValueAsString(used));
        return new Prepared(template.render(used), headers);
    }

    private Template template(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Template(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("language"), rs.getString("category"),
                rs.getString("body"), rs.getString("status"), rs.getTimestamp("updated_at").toInstant());
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidInput(field, field + " is required");
        }
        return value.strip();
    }
}
