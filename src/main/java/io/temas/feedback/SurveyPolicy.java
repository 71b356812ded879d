package io.temas.feedback;

import io.temas.shared.ChannelType;
import io.temas.shared.InvalidInput;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Whether and how often customers are surveyed: the {@code temas.survey.*} settings until an admin
 * saves other choices in the console, then those (one row, read on every resolution so a change
 * holds on every node at once).
 */
@Service
public class SurveyPolicy {

    /** The settings in force; {@code saved} when an admin chose them. */
    public record Current(boolean enabled, boolean email, boolean sms, boolean chat, boolean webform, int quietDays, int smsWindowHours,
                          boolean saved, Instant updatedAt, String updatedBy) {

        /** Whether conversations on this channel are surveyed. */
        public boolean surveys(ChannelType channel) {
            if (!enabled) {
                return false;
            }
            return ChannelType.EMAIL.equals(channel) ? email : ChannelType.SMS.equals(channel) ? sms
                    : ChannelType.CHAT.equals(channel) ? chat : ChannelType.WEBFORM.equals(channel) && webform;
        }

        public Duration quietPeriod() {
            return Duration.ofDays(quietDays);
        }

        public Duration smsWindow() {
            return Duration.ofHours(smsWindowHours);
        }
    }

    private final JdbcClient jdbc;
    private final SurveySettings settings;
    private final Clock clock;

    SurveyPolicy(JdbcClient jdbc, SurveySettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    public Current current() {
        return jdbc.sql("select * from survey_settings where id = 1")
                .query((rs, n) -> new Current(rs.getBoolean("enabled"), rs.getBoolean("email"), rs.getBoolean("sms"), rs.getBoolean("chat"),
                        rs.getBoolean("webform"), rs.getInt("quiet_days"), rs.getInt("sms_window_hours"), true,
                        rs.getTimestamp("updated_at").toInstant(), rs.getString("updated_by")))
                .optional()
                .orElseGet(() -> new Current(settings.enabled(), settings.email(), settings.sms(), settings.chat(), settings.webform(),
                        (int) settings.quietPeriod().toDays(), (int) Math.max(1, settings.smsAnswerWindow().toHours()), false, null, null));
    }

    /** Saves an admin's choices. */
    @Transactional
    public Current save(boolean enabled, boolean email, boolean sms, boolean chat, boolean webform, int quietDays, int smsWindowHours, String by) {
        if (quietDays < 0 || quietDays > 3650) {
            throw new InvalidInput("quietDays", "the quiet period is 0 to 3650 days");
        }
        if (smsWindowHours < 1 || smsWindowHours > 720) {
            throw new InvalidInput("smsWindowHours", "the SMS answer window is 1 to 720 hours");
        }
        jdbc.sql("""
                        insert into survey_settings (id, enabled, email, sms, chat, webform, quiet_days, sms_window_hours, updated_at, updated_by)
                        values (1, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (id) do update set enabled = excluded.enabled, email = excluded.email,
                        sms = excluded.sms, chat = excluded.chat, webform = excluded.webform, quiet_days = excluded.quiet_days,
                        sms_window_hours = excluded.sms_window_hours, updated_at = excluded.updated_at, updated_by = excluded.updated_by""")
                .params(enabled, email, sms, chat, webform, quietDays, smsWindowHours, Timestamp.from(clock.instant()), by).update();
        return current();
    }
}
