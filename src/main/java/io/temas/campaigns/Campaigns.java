package io.temas.campaigns;

import io.temas.routing.EntryPointAddresses;
import io.temas.shared.ChannelType;
import io.temas.shared.Ids;
import io.temas.platform.ConfigurationCache;
import io.temas.shared.InvalidInput;
import io.temas.shared.TextInput;
import io.temas.shared.TextFolding;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The campaign database. Look-ups by code, keyword and entry point come from an in-memory
 * snapshot, reloaded after a local change and at most five seconds after a change on another node.
 *
 * <p>A plain bean, not a proxy: every inbound message looks campaigns up here (ARCHITECTURE.md, "Called directly"); the
 * changes run in the caller's transaction, or in one of their own through {@link TransactionTemplate}.
 */
@Component
public class Campaigns {

    private static final Pattern POSTCODE = Pattern.compile("\\d{5}");

    /** What a new campaign needs; {@code status} defaults to running. */
    public record Draft(String name, String code, String offer, String terms, List<ChannelType> channels, String smsKeyword,
                        Instant startsAt, Instant endsAt, Campaign.Status status, List<Campaign.EntryPoint> entryPoints) {
    }

    private record Snapshot(Map<UUID, Campaign> byId, Map<String, Campaign> byCode, Map<String, Campaign> byKeyword,
                            Map<String, Campaign> byEntryPoint, Map<UUID, Audience> audiences) {
    }

    private final JdbcClient jdbc;
    private final Ids ids;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final ConfigurationCache<Snapshot> snapshot;
    private final TransactionTemplate transactions;

    Campaigns(JdbcClient jdbc, Ids ids, Clock clock, ApplicationEventPublisher events, JsonMapper json, TransactionTemplate transactions) {
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.ids = ids;
        this.clock = clock;
        this.events = events;
        this.json = json;
        this.snapshot = new ConfigurationCache<>(this::load, clock);
    }

    /** Creates a campaign aimed at a target audience: the customers the console shows it to as an offer they qualify for. */
    public Campaign create(Draft draft, Audience target) {
        return transactions.execute(tx -> {
            Campaign campaign = create(draft);
            if (target != null) {
                target(campaign.id(), target);
            }
            return campaign;
        });
    }

    /** Sets (or, with null, clears) the campaign's target audience. */
    public void target(UUID id, Audience target) {
        transactions.executeWithoutResult(tx -> {
            get(id);
            jdbc.sql("update campaigns set audience = ?::jsonb where id = ?").params(target == null ? null : json.writeValueAsString(target), id)
                    .update();
            invalidate();
        });
    }

    /** The campaign's target audience; empty when it is meant for everyone. */
    public Optional<Audience> target(UUID id) {
        get(id);
        return Optional.ofNullable(current().audiences().get(id));
    }

    public Campaign create(Draft draft) {
        return transactions.execute(tx -> {
            Checked checked = checked(draft);
            UUID id = ids.next();
            refuseTaken(checked.code(), checked.keyword());
            try {
                jdbc.sql("""
                                insert into campaigns (id, name, code, offer, terms, channels, sms_keyword, starts_at, ends_at, status, created_at)
                                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(id, checked.name(), checked.code(), draft.offer(), draft.terms(), checked.channels(),
                                checked.keyword(), ts(draft.startsAt()), ts(draft.endsAt()),
                                (draft.status() == null ? Campaign.Status.RUNNING : draft.status()).code(), Timestamp.from(clock.instant()))
                        .update();
                for (Campaign.EntryPoint entryPoint : draft.entryPoints() == null ? List.<Campaign.EntryPoint>of() : draft.entryPoints()) {
                    Campaign.EntryPoint normalised = entryPoint(entryPoint);
                    jdbc.sql("insert into campaign_entry_points (address, campaign_id, kind, medium) values (?, ?, ?, ?)")
                            .params(normalised.address(), id, normalised.kind(), normalised.medium()).update();
                }
            } catch (DuplicateKeyException e) {
                throw new CampaignConflict("another campaign already uses this code, SMS keyword or entry point: " + e.getMostSpecificCause().getMessage());
            }
            invalidate();
            Campaign created = get(id);
            events.publishEvent(new CampaignChanged(id, created.code(), created.status(), clock.instant()));
            return created;
        });
    }

    /**
     * Changes what a campaign is: name, code, offer, terms, channels, keyword, dates and status.
     * Its entry points are kept ({@link #addEntryPoint}, {@link #removeEntryPoint}).
     */
    public Campaign update(UUID id, Draft draft) {
        return transactions.execute(tx -> {
            get(id);
            Checked checked = checked(draft);
            refuseTaken(checked.code(), checked.keyword(), id);
            Campaign.Status status = draft.status() == null ? get(id).status() : draft.status();
            try {
                jdbc.sql("""
                                update campaigns set name = ?, code = ?, offer = ?, terms = ?, channels = ?, sms_keyword = ?, starts_at = ?,
                                ends_at = ?, status = ? where id = ?""")
                        .params(checked.name(), checked.code(), draft.offer(), draft.terms(), checked.channels(), checked.keyword(),
                                ts(draft.startsAt()), ts(draft.endsAt()), status.code(), id)
                        .update();
            } catch (DuplicateKeyException e) {
                throw new CampaignConflict("another campaign already uses this code or SMS keyword: " + e.getMostSpecificCause().getMessage());
            }
            invalidate();
            Campaign changed = get(id);
            events.publishEvent(new CampaignChanged(id, changed.code(), changed.status(), clock.instant()));
            return changed;
        });
    }

    /** Adds a dedicated entry point; one address belongs to one campaign. */
    public Campaign addEntryPoint(UUID id, Campaign.EntryPoint entryPoint) {
        return transactions.execute(tx -> {
            get(id);
            Campaign.EntryPoint normalised = entryPoint(entryPoint);
            try {
                jdbc.sql("insert into campaign_entry_points (address, campaign_id, kind, medium) values (?, ?, ?, ?)")
                        .params(normalised.address(), id, normalised.kind(), normalised.medium()).update();
            } catch (DuplicateKeyException e) {
                throw new CampaignConflict("a campaign already uses the entry point " + normalised.address());
            }
            invalidate();
            Campaign changed = get(id);
            events.publishEvent(new CampaignChanged(id, changed.code(), changed.status(), clock.instant()));
            return changed;
        });
    }

    /** Removes one of the campaign's entry points. */
    public Campaign removeEntryPoint(UUID id, String address) {
        return transactions.execute(tx -> {
            get(id);
            int removed = jdbc.sql("delete from campaign_entry_points where campaign_id = ? and address = ?")
                    .params(id, EntryPointAddresses.normalise(address == null ? "" : address)).update();
            if (removed == 0) {
                throw new CampaignNotFound("entry point", address);
            }
            invalidate();
            Campaign changed = get(id);
            events.publishEvent(new CampaignChanged(id, changed.code(), changed.status(), clock.instant()));
            return changed;
        });
    }

    public Campaign changeStatus(UUID id, Campaign.Status status) {
        return transactions.execute(tx -> {
            get(id);
            jdbc.sql("update campaigns set status = ? where id = ?").params(status.code(), id).update();
            invalidate();
            Campaign changed = get(id);
            events.publishEvent(new CampaignChanged(id, changed.code(), status, clock.instant()));
            return changed;
        });
    }

    public Campaign get(UUID id) {
        Campaign campaign = current().byId().get(id);
        if (campaign == null) {
            snapshot.invalidate();
            campaign = current().byId().get(id);
        }
        if (campaign == null) {
            throw new CampaignNotFound("campaign", id);
        }
        return campaign;
    }

    public List<Campaign> all() {
        return current().byId().values().stream().sorted(Comparator.comparing(Campaign::createdAt).reversed()).toList();
    }

    /** The campaigns customers can answer and be contacted for now. */
    public List<Campaign> runningNow() {
        Instant now = clock.instant();
        return all().stream().filter(c -> c.runsAt(now)).toList();
    }

    public Optional<Campaign> byCode(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(current().byCode().get(TextFolding.fold(code.trim())));
    }

    /** The campaign whose SMS keyword is this word, in any spelling ("kis2026", "KIŞ2026"). */
    public Optional<Campaign> byKeyword(String word) {
        return word == null ? Optional.empty() : Optional.ofNullable(current().byKeyword().get(TextFolding.fold(word.trim())));
    }

    /** The campaign one of whose dedicated entry points this address is. */
    public Optional<Campaign> byEntryPoint(String address) {
        return address == null ? Optional.empty() : Optional.ofNullable(current().byEntryPoint().get(EntryPointAddresses.normalise(address)));
    }

    /** Campaign codes as folded words, for finding a code quoted in free text. */
    Map<String, Campaign> codes() {
        return current().byCode();
    }

    /** Drops the snapshot now and again once the change is committed, so no reader keeps a copy from before it. */
    private void invalidate() {
        snapshot.invalidate();
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCompletion(int status) {
                            snapshot.invalidate();
                        }
                    });
        }
    }

    private Snapshot current() {
        return snapshot.get();
    }

    private Snapshot load() {
        Map<UUID, List<Campaign.EntryPoint>> entryPoints = new HashMap<>();
        jdbc.sql("select * from campaign_entry_points order by address").query((rs, n) -> entryPoints
                .computeIfAbsent(rs.getObject("campaign_id", UUID.class), k -> new ArrayList<>())
                .add(new Campaign.EntryPoint(rs.getString("address"), rs.getString("kind"), rs.getString("medium")))).list();
        List<Campaign> campaigns = jdbc.sql("select * from campaigns").query((rs, n) -> campaign(rs, entryPoints)).list();
        Map<UUID, Campaign> byId = new HashMap<>();
        Map<String, Campaign> byCode = new HashMap<>();
        Map<String, Campaign> byKeyword = new HashMap<>();
        Map<String, Campaign> byEntryPoint = new HashMap<>();
        Map<UUID, Audience> audiences = new HashMap<>();
        jdbc.sql("select id, audience from campaigns where audience is not null")
                .query((rs, n) -> audiences.put(rs.getObject("id", UUID.class), json.readValue(rs.getString("audience"), Audience.class))).list();
        for (Campaign c : campaigns) {
            byId.put(c.id(), c);
            byCode.put(TextFolding.fold(c.code()), c);
            if (c.smsKeyword() != null) {
                byKeyword.put(TextFolding.fold(c.smsKeyword()), c);
            }
            c.entryPoints().forEach(e -> byEntryPoint.put(e.address(), c));
        }
        return new Snapshot(Map.copyOf(byId), Map.copyOf(byCode), Map.copyOf(byKeyword), Map.copyOf(byEntryPoint), Map.copyOf(audiences));
    }

    private static Campaign campaign(ResultSet rs, Map<UUID, List<Campaign.EntryPoint>> entryPoints) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        return new Campaign(id, rs.getString("name"), rs.getString("code"), rs.getString("offer"), rs.getString("terms"),
                Arrays.stream((String[]) rs.getArray("channels").getArray()).map(ChannelType::of).toList(),
                rs.getString("sms_keyword"), instant(rs.getTimestamp("starts_at")), instant(rs.getTimestamp("ends_at")),
                Campaign.Status.of(rs.getString("status")), List.copyOf(entryPoints.getOrDefault(id, List.of())),
                rs.getTimestamp("created_at").toInstant());
    }

    /** One spelling per entry point, and its kind guessed from its shape when not given. */
    static Campaign.EntryPoint entryPoint(Campaign.EntryPoint given) {
        String address = EntryPointAddresses.normalise(required(given.address(), "entry point address"));
        String kind = given.kind() != null && !given.kind().isBlank() ? given.kind().trim().toLowerCase(java.util.Locale.ROOT)
                : address.contains("@") ? "email"
                : address.startsWith("+") ? "phone"
                : POSTCODE.matcher(address).matches() ? "postcode"
                : "code";
        return new Campaign.EntryPoint(address, kind, given.medium());
    }

    /**
     * Look-ups fold codes and keywords (KIS2026, kis2026 and KIŞ2026 are one code), so uniqueness is
     * checked folded too; the database's own constraint sees only the exact spelling. Read from the
     * table, not the snapshot, which may be seconds old.
     */
    private void refuseTaken(String code, String keyword) {
        refuseTaken(code, keyword, null);
    }

    private void refuseTaken(String code, String keyword, UUID self) {
        String foldedCode = TextFolding.fold(code);
        String foldedKeyword = keyword == null ? null : TextFolding.fold(keyword);
        jdbc.sql("select id, code, sms_keyword from campaigns").query((rs, n) -> {
            if (rs.getObject("id", UUID.class).equals(self)) {
                return null;
            }
            if (TextFolding.fold(rs.getString("code")).equals(foldedCode)) {
                throw new CampaignConflict("another campaign already uses the code " + rs.getString("code"));
            }
            if (foldedKeyword != null && rs.getString("sms_keyword") != null && TextFolding.fold(rs.getString("sms_keyword")).equals(foldedKeyword)) {
                throw new CampaignConflict("another campaign already uses the SMS keyword " + rs.getString("sms_keyword"));
            }
            return null;
        }).list();
    }

    /** What create and update write of a draft, checked: the name and code required, the texts and dates sound. */
    private record Checked(String name, String code, String keyword, String[] channels) {
    }

    private static Checked checked(Draft draft) {
        String name = required(draft.name(), "name");
        String code = required(draft.code(), "code").trim();
        TextInput.check("offer", draft.offer(), true);
        TextInput.check("terms", draft.terms(), true);
        if (draft.startsAt() != null && draft.endsAt() != null && !draft.endsAt().isAfter(draft.startsAt())) {
            throw new InvalidInput("endsAt", "endsAt must be after startsAt");
        }
        String keyword = draft.smsKeyword() == null || draft.smsKeyword().isBlank() ? null : keyword(draft.smsKeyword());
        String[] channels = (draft.channels() == null ? List.<ChannelType>of() : draft.channels()).stream().map(ChannelType::code)
                .toArray(String[]::new);
        return new Checked(name, code, keyword, channels);
    }

    private static String keyword(String keyword) {
        String k = keyword.trim();
        if (!k.matches("[\\p{L}\\p{N}]+")) {
            throw new InvalidInput("smsKeyword", "smsKeyword must be one word of letters and digits");
        }
        return k.toUpperCase(java.util.Locale.forLanguageTag("tr"));
    }

    /** A short value (a name, a code) that must be there, within the limits every short value from outside obeys. */
    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidInput(field, field + " is required");
        }
        return TextInput.check(field, value, false);
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
