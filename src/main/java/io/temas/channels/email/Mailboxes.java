package io.temas.channels.email;

import io.temas.platform.AfterCommit;
import io.temas.platform.ConfigurationCache;
import io.temas.shared.Ids;
import io.temas.shared.InvalidInput;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The mailboxes: those from configuration plus those added through the API. Credentials of API
 * mailboxes are stored in the database; keep them in configuration (environment variables) when
 * the database is not the place for secrets.
 */
@Service
public class Mailboxes {

    private final EmailSettings settings;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Ids ids;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final List<Consumer<Mailbox>> changeListeners = new CopyOnWriteArrayList<>();
    /** The API's mailboxes: every acknowledgement by e-mail and every send asks which there are. */
    private final ConfigurationCache<List<Mailbox>> stored;

    Mailboxes(EmailSettings settings, JdbcClient jdbc, JsonMapper json, Ids ids, Clock clock, ApplicationEventPublisher events) {
        this.settings = settings;
        this.jdbc = jdbc;
        this.json = json;
        this.ids = ids;
        this.clock = clock;
        this.events = events;
        this.stored = new ConfigurationCache<>(this::readStored, clock);
    }

    /** The mailboxes from configuration, then the API's (as read at most a few seconds ago; a change made here at once). */
    public List<Mailbox> all() {
        return with(stored.get());
    }

    private List<Mailbox> with(List<Mailbox> fromApi) {
        List<Mailbox> all = new ArrayList<>();
        for (EmailSettings.MailboxSettings m : settings.mailboxes()) {
            if (m.address() != null && !m.address().isBlank()) {
                all.add(new Mailbox(null, m.address(), m.queue(), m.imap(), m.smtp(), "configuration"));
            }
        }
        all.addAll(fromApi);
        return all;
    }

    private List<Mailbox> readStored() {
        return List.copyOf(jdbc.sql("select * from mailboxes where enabled order by address").query((rs, n) -> new Mailbox(
                rs.getObject("id", UUID.class), rs.getString("address"), rs.getString("queue"),
                json.readValue(rs.getString("imap"), EmailSettings.Imap.class),
                json.readValue(rs.getString("smtp"), EmailSettings.Smtp.class), "api")).list());
    }

    /** The mailbox as the caller's transaction sees it, past the cache (which must not hold what may yet roll back). */
    private Mailbox read(UUID id) {
        return with(readStored()).stream().filter(m -> id.equals(m.id())).findFirst().orElseThrow(() -> new MailboxNotFound("No mailbox with id " + id));
    }

    /** Forgets the cached mailboxes now and once the caller's transaction has ended, committed or not. */
    private void changed() {
        stored.invalidate();
        AfterCommit.whenEnded(stored::invalidate);
    }

    public Optional<Mailbox> findByAddress(String address) {
        if (address == null) {
            return Optional.empty();
        }
        String wanted = new Mailbox(null, address, null, null, null, null).address();
        return all().stream().filter(m -> m.address().equals(wanted)).findFirst();
    }

    public Mailbox get(UUID id) {
        return all().stream().filter(m -> id.equals(m.id())).findFirst()
                .orElseThrow(() -> new MailboxNotFound("No mailbox with id " + id + " (mailboxes from configuration cannot be changed here)"));
    }

    @Transactional
    public Mailbox create(String address, String queue, EmailSettings.Imap imap, EmailSettings.Smtp smtp) {
        validate(address, queue);
        if (findByAddress(address).isPresent()) {
            throw new MailboxConflict("a mailbox for " + address + " exists");
        }
        UUID id = ids.next();
        try {
            jdbc.sql("insert into mailboxes (id, address, queue, imap, smtp, created_at) values (?, ?, ?, ?::jsonb, ?::jsonb, ?)")
                    .params(id, address.trim().toLowerCase(java.util.Locale.ROOT), queue, json.writeValueAsString(imap),
                            json.writeValueAsString(smtp), Timestamp.from(clock.instant()))
                    .update();
        } catch (DuplicateKeyException e) {
            throw new MailboxConflict("a mailbox for " + address + " exists");
        }
        changed();
        Mailbox mailbox = read(id);
        events.publishEvent(new MailboxConfigured(mailbox.address(), mailbox.queue()));
        changeListeners.forEach(l -> l.accept(mailbox));
        return mailbox;
    }

    @Transactional
    public Mailbox update(UUID id, String address, String queue, EmailSettings.Imap imap, EmailSettings.Smtp smtp) {
        get(id);
        validate(address, queue);
        jdbc.sql("update mailboxes set address = ?, queue = ?, imap = ?::jsonb, smtp = ?::jsonb where id = ?")
                .params(address.trim().toLowerCase(java.util.Locale.ROOT), queue, json.writeValueAsString(imap),
                        json.writeValueAsString(smtp), id)
                .update();
        changed();
        Mailbox mailbox = read(id);
        events.publishEvent(new MailboxConfigured(mailbox.address(), mailbox.queue()));
        changeListeners.forEach(l -> l.accept(mailbox));
        return mailbox;
    }

    @Transactional
    public void delete(UUID id) {
        Mailbox mailbox = get(id);
        jdbc.sql("delete from mailboxes where id = ?").param(id).update();
        changed();
        changeListeners.forEach(l -> l.accept(new Mailbox(null, mailbox.address(), null, null, null, "deleted")));
    }

    /** Tells the fetchers about changes. */
    void onChange(Consumer<Mailbox> listener) {
        changeListeners.add(listener);
    }

    /** Announces configured mailboxes so their addresses become entry points. */
    void announceAll() {
        all().forEach(m -> events.publishEvent(new MailboxConfigured(m.address(), m.queue())));
    }

    private static void validate(String address, String queue) {
        if (address == null || !address.contains("@")) {
            throw new InvalidInput("address", "a mailbox needs an e-mail address");
        }
        if (queue == null || queue.isBlank()) {
            throw new InvalidInput("queue", "a mailbox needs the name of the queue its mail goes to");
        }
    }
}
