package io.temas.calls;

import io.temas.shared.ReasonCode;
import io.temas.platform.AfterCommit;
import io.temas.platform.ConfigurationCache;
import io.temas.shared.InvalidInput;
import io.temas.shared.TextInput;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The telephony settings: saved from the settings screen into the database, read through a
 * {@link ConfigurationCache} (a change on another node counts within seconds), anything not saved
 * coming from the configuration. Secrets are write-only: a change that leaves one out keeps the one saved.
 * Every change is announced with {@link TelephonyChanged} once it is committed, so a connection to the
 * PBX (Asterisk's event stream) is made again with the new values.
 */
@Service
public class TelephonySettings {

    /** The adapters' codes. */
    public static final java.util.List<String> CODES = java.util.List.of("asterisk", "twilio", "cti", "simulated");

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern SID = Pattern.compile("[A-Za-z0-9]{2,64}");

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final CallsSettings calls;
    private final AsteriskSettings asterisk;
    private final TwilioVoiceSettings twilio;
    private final CtiSettings cti;
    private final String publicUrl;
    private final ConfigurationCache<Telephony> cache;

    TelephonySettings(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events, CallsSettings calls, AsteriskSettings asterisk,
                      TwilioVoiceSettings twilio, CtiSettings cti, @Value("${temas.public-url:}") String publicUrl) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
        this.calls = calls;
        this.asterisk = asterisk;
        this.twilio = twilio;
        this.cti = cti;
        this.publicUrl = blankToNull(publicUrl);
        this.cache = new ConfigurationCache<>(this::load, clock);
    }

    /** The settings in effect. */
    public Telephony current() {
        return cache.get();
    }

    /**
     * A change from the settings screen. A null or blank secret keeps the one saved; other fields left blank fall
     * back to the configuration.
     */
    public record Change(String pbx, String publicUrl, String ariUrl, String ariUsername, String ariPassword, String ariApp,
                         String ariTechnology, String ariContext, String twilioAccountSid, String twilioAuthToken,
                         String twilioCallerNumber, String twilioDomain, String twilioApiUrl, String ctiDialUrl) {
    }

    /**
     * Saves a change.
     *
     * @throws InvalidInput for an unknown PBX, an address that is not http(s), or a name, SID or number that cannot be one
     */
    @Transactional
    public Telephony save(Change change, String by) {
        String pbx = code(change.pbx());
        String ariApp = name("ariApp", change.ariApp());
        String technology = name("ariTechnology", change.ariTechnology());
        String context = name("ariContext", change.ariContext());
        String sid = blankToNull(change.twilioAccountSid());
        if (sid != null && !SID.matcher(sid).matches()) {
            throw new InvalidInput("twilioAccountSid", "an account SID is letters and digits");
        }
        String caller = blankToNull(change.twilioCallerNumber());
        if (caller != null && !caller.matches("\\+[1-9][0-9]{6,14}")) {
            throw new InvalidInput("twilioCallerNumber", "the caller number is in E.164 (+908502220000)");
        }
        String domain = blankToNull(change.twilioDomain());
        if (domain != null && !domain.matches("[A-Za-z0-9.-]{1,253}")) {
            throw new InvalidInput("twilioDomain", "a SIP domain is a host name");
        }
        Optional<Saved> before = saved();
        secretFor(url("ariUrl", change.ariUrl()), before.map(Saved::ariUrl), before.map(Saved::ariPassword), change.ariPassword(),
                "ariPassword", "ARI password");
        secretFor(url("twilioApiUrl", change.twilioApiUrl()), before.map(Saved::twilioApiUrl), before.map(Saved::twilioAuthToken),
                change.twilioAuthToken(), "twilioAuthToken", "Twilio auth token");
        jdbc.sql("""
                        insert into telephony_settings (id, pbx, public_url, ari_url, ari_username, ari_password, ari_app, ari_technology,
                            ari_context, twilio_account_sid, twilio_auth_token, twilio_caller_number, twilio_domain, twilio_api_url,
                            cti_dial_url, updated_at, updated_by)
                        values (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (id) do update set pbx = excluded.pbx, public_url = excluded.public_url, ari_url = excluded.ari_url,
                            ari_username = excluded.ari_username, ari_password = coalesce(excluded.ari_password, telephony_settings.ari_password),
                            ari_app = excluded.ari_app, ari_technology = excluded.ari_technology, ari_context = excluded.ari_context,
                            twilio_account_sid = excluded.twilio_account_sid,
                            twilio_auth_token = coalesce(excluded.twilio_auth_token, telephony_settings.twilio_auth_token),
                            twilio_caller_number = excluded.twilio_caller_number, twilio_domain = excluded.twilio_domain, twilio_api_url = excluded.twilio_api_url,
                            cti_dial_url = excluded.cti_dial_url, updated_at = excluded.updated_at, updated_by = excluded.updated_by""")
                .params(pbx, url("publicUrl", change.publicUrl()), url("ariUrl", change.ariUrl()), text("ariUsername", change.ariUsername()),
                        text("ariPassword", change.ariPassword()), ariApp, technology, context, sid, text("twilioAuthToken", change.twilioAuthToken()),
                        caller, domain, url("twilioApiUrl", change.twilioApiUrl()), url("ctiDialUrl", change.ctiDialUrl()), Timestamp.from(clock.instant()), by)
                .update();
        changed();
        return load();
    }

    /**
     * A saved secret is sent only to the address it was saved with: a change that points the connection at another
     * address must give the secret again, so a settings change (or a borrowed admin session) cannot send it elsewhere.
     */
    private static void secretFor(String newUrl, Optional<String> savedUrl, Optional<String> savedSecret, String newSecret, String field,
                                  String what) {
        boolean kept = newSecret == null || newSecret.isBlank();
        if (kept && savedSecret.filter(v -> !v.isBlank()).isPresent() && newUrl != null && !newUrl.equals(savedUrl.orElse(null))) {
            throw new InvalidInput(field, "give the " + what + " again: a saved secret is not sent to a new address")
                    .saying(ReasonCode.of("calls.telephony.secretAgain", ReasonCode.key("calls.telephony.secret." + field)));
        }
    }

    private void changed() {
        // After the commit, so a reader in between cannot reload the old row and hold it for seconds.
        AfterCommit.run(() -> {
            cache.invalidate();
            events.publishEvent(new TelephonyChanged());
        });
    }

    private static String code(String pbx) {
        String code = blankToNull(pbx);
        if (code == null) {
            return null;
        }
        code = code.toLowerCase(Locale.ROOT);
        if (!CODES.contains(code)) {
            throw new InvalidInput("pbx", "the telephone system is one of " + CODES + " or none");
        }
        return code;
    }

    /**
     * Chooses the adapter that places calls (null: none), keeping everything else as saved.
     *
     * @throws InvalidInput for an unknown code
     */
    @Transactional
    public void choose(String pbx, String by) {
        String code = code(pbx);
        jdbc.sql("""
                        insert into telephony_settings (id, pbx, updated_at, updated_by) values (1, ?, ?, ?)
                        on conflict (id) do update set pbx = excluded.pbx, updated_at = excluded.updated_at, updated_by = excluded.updated_by""")
                .params(code, Timestamp.from(clock.instant()), by).update();
        changed();
    }

    /** What the settings screen saved, field by field (secrets included); empty when it never saved anything. */
    public Optional<Saved> saved() {
        return jdbc.sql("select * from telephony_settings where id = 1").query(TelephonySettings::row).optional();
    }

    /** The saved row as it is, secrets included; the screen shows only whether they are set. */
    public record Saved(String pbx, String publicUrl, String ariUrl, String ariUsername, String ariPassword, String ariApp,
                        String ariTechnology, String ariContext, String twilioAccountSid, String twilioAuthToken,
                        String twilioCallerNumber, String twilioDomain, String twilioApiUrl, String ctiDialUrl) {
    }

    private static Saved row(ResultSet rs, int n) throws SQLException {
        return new Saved(rs.getString("pbx"), rs.getString("public_url"), rs.getString("ari_url"), rs.getString("ari_username"),
                rs.getString("ari_password"), rs.getString("ari_app"), rs.getString("ari_technology"), rs.getString("ari_context"),
                rs.getString("twilio_account_sid"), rs.getString("twilio_auth_token"), rs.getString("twilio_caller_number"),
                rs.getString("twilio_domain"), rs.getString("twilio_api_url"), rs.getString("cti_dial_url"));
    }

    private Telephony load() {
        Optional<Saved> row = saved();
        Saved s = row.orElse(new Saved(null, null, null, null, null, null, null, null, null, null, null, null, null, null));
        // The choice of PBX is saved as a whole: once the screen saved one (or none), the setting no longer counts.
        String pbx = row.isPresent() ? s.pbx() : blankToNull(calls.pbx());
        return new Telephony(pbx, or(s.publicUrl(), publicUrl),
                new Telephony.Ari(or(s.ariUrl(), asterisk.url()), or(s.ariUsername(), asterisk.username()),
                        or(s.ariPassword(), asterisk.password()), or(s.ariApp(), asterisk.app()), or(s.ariTechnology(), asterisk.technology()),
                        or(s.ariContext(), asterisk.context())),
                new Telephony.Twilio(or(s.twilioAccountSid(), twilio.accountSid()), or(s.twilioAuthToken(), twilio.authToken()),
                        or(s.twilioCallerNumber(), twilio.callerNumber()), or(s.twilioDomain(), twilio.domain()),
                        or(s.twilioApiUrl(), twilio.baseUrl())),
                or(s.ctiDialUrl(), cti.dialUrl()), row.isPresent());
    }

    private static String or(String saved, String configured) {
        return saved != null && !saved.isBlank() ? saved : blankToNull(configured);
    }

    private static String name(String field, String value) {
        String v = blankToNull(value);
        if (v != null && !NAME.matcher(v).matches()) {
            throw new InvalidInput(field, "a name is 1 to 64 letters, digits or _.- characters");
        }
        return v;
    }

    private static String text(String field, String value) {
        String v = blankToNull(value);
        if (v != null && v.length() > 500) {
            throw new InvalidInput(field, "at most 500 characters");
        }
        return v == null ? null : TextInput.check(field, v, false);
    }

    private static String url(String field, String value) {
        String v = blankToNull(value);
        if (v == null) {
            return null;
        }
        try {
            URI uri = URI.create(v);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getFragment() != null) {
                throw new InvalidInput(field, "an address is an http or https URL");
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(field, "an address is an http or https URL");
        }
        return v.replaceAll("/+$", "");
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
