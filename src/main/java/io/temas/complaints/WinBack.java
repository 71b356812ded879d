package io.temas.complaints;

import io.temas.shared.InvalidInput;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The win-back list: customers whose experience was bad — a survey answered with a low
 * satisfaction score, a complaint, or a conversation whose first response or resolution was late
 * — within the look-back, and who have since gone quiet: no inbound message within the quiet
 * period and no open or pending conversation. Customers who refused commercial contact are
 * listed too, marked unreachable: whether a campaign may contact someone is decided by the
 * campaign's own contact rules when it sends.
 */
@Service
public class WinBack {

    /** Why a customer is on the list. */
    public enum ReasonCode {
        LOW_CSAT, COMPLAINT, SLA_BREACH;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One bad experience: when, in which conversation, and a detail (the score, the complaint's category, or which
     * deadline was missed: {@code first_response} or {@code resolution}).
     */
    public record Reason(ReasonCode code, Instant at, UUID conversationId, String reference, String detail) {
    }

    /**
     * A customer to win back: the reasons newest first, when they last wrote, and whether a commercial campaign can
     * reach them at all (false when they refused commercial contact on every channel or asked not to be contacted).
     */
    public record Candidate(UUID customerId, String name, Instant lastContactAt, boolean reachable, List<Reason> reasons) {

        /** The newest reason. */
        public Reason reason() {
            return reasons.getFirst();
        }
    }

    /** What the list looks for: a bad experience within {@code lookBack}, and silence for at least {@code quiet}. */
    public record Criteria(Duration lookBack, Duration quiet) {

        public Criteria {
            if (lookBack == null || lookBack.isNegative() || lookBack.isZero() || lookBack.toDays() > 3650) {
                throw new InvalidInput("lookBackDays", "the look-back is 1 to 3650 days");
            }
            if (quiet == null || quiet.isNegative() || quiet.isZero() || quiet.toDays() > 3650) {
                throw new InvalidInput("quietDays", "the quiet period is 1 to 3650 days");
            }
        }

        /** From day counts as a screen or the API gives them; a missing one takes the setting. */
        public static Criteria days(Integer lookBackDays, Integer quietDays, WinBackSettings settings) {
            return new Criteria(lookBackDays == null ? settings.lookBack() : Duration.ofDays(lookBackDays),
                    quietDays == null ? settings.quiet() : Duration.ofDays(quietDays));
        }
    }

    // Every bad experience within the look-back (?1 since, ?2 highest bad score), one row each.
    private static final String BAD = """
            with bad as (
                select s.customer_id, 'low_csat' as code, s.answered_at as at, s.conversation_id, s.csat::text as detail
                from surveys s where s.answered_at >= ? and s.csat <= ?
                union all
                select c.customer_id, 'complaint', c.complaint_at, c.id, c.complaint_category
                from conversations c where c.complaint_at >= ?
                union all
                select c.customer_id, 'sla_breach',
                       coalesce(case when c.first_response_breached then c.first_response_due end, c.resolution_due, c.created_at),
                       c.id, case when c.first_response_breached then 'first_response' else 'resolution' end
                from conversations c where (c.first_response_breached or c.resolution_breached) and c.created_at >= ?
            ),
            quiet as (
                select k.customer_id, cu.display_name, 
                       (select max(m.occurred_at) from conversations o join messages m on m.conversation_id = o.id
                        where o.customer_id = k.customer_id and m.direction = 'inbound') as last_contact,
                       exists (select 1 from do_not_contact d where d.customer_id = k.customer_id and d.channel is null
                               and (d.expires_at is null or d.expires_at > ?))
                       or (exists (select 1 from consents x where x.customer_id = k.customer_id and x.purpose = 'commercial')
                           and not exists (select 1 from (select distinct on (x.channel) x.granted from consents x
                                                          where x.customer_id = k.customer_id and x.purpose = 'commercial'
                                                          order by x.channel, x.recorded_at desc, x.id desc) latest where latest.granted))
                       as unreachable
                from (select distinct customer_id from bad) k
                join customers cu on cu.id = k.customer_id and cu.merged_into is null
                where not exists (select 1 from conversations o where o.customer_id = k.customer_id and o.status in ('open', 'pending'))
                  and not exists (select 1 from conversations o join messages m on m.conversation_id = o.id
                                  where o.customer_id = k.customer_id and m.direction = 'inbound' and m.occurred_at >= ?)
            )
            select q.customer_id, q.display_name, q.last_contact, q.unreachable, b.code, b.at, b.conversation_id, c.reference, b.detail
            from quiet q join bad b on b.customer_id = q.customer_id join conversations c on c.id = b.conversation_id
            order by b.at desc, b.conversation_id, b.code""";

    private final JdbcClient jdbc;
    private final WinBackSettings settings;
    private final Clock clock;

    WinBack(JdbcClient jdbc, WinBackSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    /** The customers to win back now, the most recently let down first, at most {@code temas.win-back.limit}. */
    public List<Candidate> list(Criteria criteria) {
        Instant now = clock.instant();
        Timestamp since = Timestamp.from(now.minus(criteria.lookBack()));
        record Row(UUID customer, String name, Instant lastContact, boolean unreachable, Reason reason) {
        }
        List<Row> rows = jdbc.sql(BAD)
                .params(since, settings.csatAtMost(), since, since, Timestamp.from(now), Timestamp.from(now.minus(criteria.quiet())))
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant(), rs.getBoolean(4),
                        new Reason(ReasonCode.valueOf(rs.getString(5).toUpperCase(java.util.Locale.ROOT)), rs.getTimestamp(6).toInstant(),
                                rs.getObject(7, UUID.class), rs.getString(8), rs.getString(9)))).list();
        Map<UUID, List<Row>> byCustomer = new LinkedHashMap<>();
        rows.forEach(r -> byCustomer.computeIfAbsent(r.customer(), k -> new ArrayList<>()).add(r));
        return byCustomer.values().stream().limit(Math.max(1, settings.limit())).map(list -> {
            Row first = list.getFirst();
            return new Candidate(first.customer(), first.name(), first.lastContact(), !first.unreachable(),
                    list.stream().map(Row::reason).sorted(Comparator.comparing(Reason::at).reversed()).toList());
        }).toList();
    }

    /** The settings' look-back and quiet period. */
    public Criteria defaults() {
        return Criteria.days(null, null, settings);
    }
}
