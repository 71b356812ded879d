package io.temas.inbound;

import io.temas.shared.InvalidInput;
import io.temas.shared.Language;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The organisation's name, which acknowledgements and notices are signed with: the name an admin
 * saved, else {@code temas.inbound.organisation-name}, else the bundle's "customer service" in
 * the customer's language. Never the product's name: customers write to the organisation.
 */
@Component
public class OrganisationName {

    static final int MAX_LENGTH = 120;

    private final JdbcClient jdbc;
    private final InboundSettings settings;
    private final MessageSource messages;
    private final Clock clock;
    private volatile Optional<String> stored;
    private volatile Instant loadedAt = Instant.MIN;

    OrganisationName(JdbcClient jdbc, InboundSettings settings, MessageSource messages, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.messages = messages;
        this.clock = clock;
    }

    /** The name an admin saved, if any. */
    public Optional<String> stored() {
        Optional<String> name = stored;
        // Other nodes' changes show within half a minute; this node's at once.
        if (name == null || loadedAt.isBefore(clock.instant().minusSeconds(30))) {
            name = jdbc.sql("select name from organisation where id = 1").query(String.class).optional();
            stored = name;
            loadedAt = clock.instant();
        }
        return name;
    }

    /** The name from configuration, if one is set. */
    public Optional<String> configured() {
        return Optional.ofNullable(settings.organisationName()).map(String::strip).filter(n -> !n.isEmpty());
    }

    /** The name as it stands, if any is known. */
    public Optional<String> current() {
        return stored().or(this::configured);
    }

    /** What an acknowledgement in this language is signed with. */
    public String signature(Language language) {
        return current().orElseGet(() -> messages.getMessage("ack.signature.default", null, language.locale()));
    }

    /** Saves the name: one line, not blank (a form sent empty by mistake must not unsign every acknowledgement). */
    public void save(String name, String by) {
        String value = name == null ? "" : name.strip();
        if (value.isEmpty() || value.length() > MAX_LENGTH || value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInput("name", "the organisation's name is one line of 1 to " + MAX_LENGTH + " characters");
        }
        jdbc.sql("""
                        insert into organisation (id, name, updated_by, updated_at) values (1, ?, ?, ?)
                        on conflict (id) do update set name = excluded.name, updated_by = excluded.updated_by,
                            updated_at = excluded.updated_at""")
                .params(value, by, Timestamp.from(clock.instant())).update();
        stored = null;
    }

    /** Saves the name unless one was saved already (a loader's default never overwrites an admin's choice). */
    public void saveIfNone(String name, String by) {
        if (stored().isEmpty()) {
            save(name, by);
        }
    }
}
