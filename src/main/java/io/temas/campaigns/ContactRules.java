package io.temas.campaigns;

import io.temas.channels.Channels;
import io.temas.platform.ConfigurationCache;
import io.temas.shared.ChannelType;
import io.temas.shared.InvalidInput;
import java.sql.Time;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Quiet hours and frequency caps per channel; a channel without a rule has neither. Cached for five seconds. */
@Component
public class ContactRules {

    /** A channel's rule: quiet hours (local time, null for none) and at most {@code cap} commercial contacts per window. */
    public record Rule(ChannelType channel, LocalTime quietFrom, LocalTime quietTo, Integer cap, int capWindowDays) {

        public Rule {
            if (capWindowDays < 1) {
                throw new InvalidInput("capWindowDays", "capWindowDays must be at least 1");
            }
            if (cap != null && cap < 0) {
                throw new InvalidInput("cap", "cap must not be negative");
            }
            if ((quietFrom == null) != (quietTo == null)) {
                throw new InvalidInput(quietFrom == null ? "quietFrom" : "quietTo", "quiet hours need both quietFrom and quietTo, or neither");
            }
        }
    }

    private final JdbcClient jdbc;
    private final ConfigurationCache<Map<ChannelType, Rule>> rules;
    private final Channels channels;

    ContactRules(JdbcClient jdbc, java.time.Clock clock, Channels channels) {
        this.jdbc = jdbc;
        this.channels = channels;
        this.rules = new ConfigurationCache<>(this::load, clock);
    }

    public Rule rule(ChannelType channel) {
        return rules.get().getOrDefault(channel, new Rule(channel, null, null, null, 7));
    }

    public List<Rule> all() {
        return channels.types().stream().map(this::rule).toList();
    }

    public Rule save(Rule rule) {
        jdbc.sql("""
                        insert into contact_rules (channel, quiet_from, quiet_to, cap, cap_window_days) values (?, ?, ?, ?, ?)
                        on conflict (channel) do update set quiet_from = excluded.quiet_from, quiet_to = excluded.quiet_to,
                        cap = excluded.cap, cap_window_days = excluded.cap_window_days""")
                .params(rule.channel().code(), time(rule.quietFrom()), time(rule.quietTo()), rule.cap(), rule.capWindowDays()).update();
        rules.invalidate();
        return rule(rule.channel());
    }

    private Map<ChannelType, Rule> load() {
        Map<ChannelType, Rule> loaded = new HashMap<>();
        jdbc.sql("select * from contact_rules").query((rs, n) -> {
            ChannelType channel = ChannelType.of(rs.getString("channel"));
            Time from = rs.getTime("quiet_from");
            Time to = rs.getTime("quiet_to");
            int cap = rs.getInt("cap");
            Integer capOrNull = rs.wasNull() ? null : cap;
            return loaded.put(channel, new Rule(channel, from == null ? null : from.toLocalTime(), to == null ? null : to.toLocalTime(),
                    capOrNull, rs.getInt("cap_window_days")));
        }).list();
        return loaded;
    }

    private static Time time(LocalTime t) {
        return t == null ? null : Time.valueOf(t);
    }
}
