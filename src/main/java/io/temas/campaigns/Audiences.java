package io.temas.campaigns;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Compiles an {@link Audience} to one SQL query over the customer profiles (read only) and the
 * campaign history, for a count, a sample, or the full list.
 */
@Service
public class Audiences {

    /** A customer in a sample. */
    public record Member(UUID customerId, String displayName) {
    }

    /** The count and a sample of who would be reached. */
    public record Preview(int count, List<Member> sample) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    Audiences(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Preview preview(Audience audience, int sampleSize) {
        Query q = compile(audience);
        int count = jdbc.sql("select count(*) from customers c where " + q.where()).params(q.params().toArray()).query(Integer.class).single();
        return new Preview(count, sample(audience, sampleSize));
    }

    /** The first members of the audience, for a report that already knows how many there are. */
    public List<Member> sample(Audience audience, int sampleSize) {
        Query q = compile(audience);
        List<Object> params = new ArrayList<>(q.params());
        params.add(sampleSize);
        return jdbc.sql("select c.id, c.display_name from customers c where " + q.where() + " order by c.id limit ?")
                .params(params.toArray())
                .query((rs, n) -> new Member(rs.getObject("id", UUID.class), rs.getString("display_name"))).list();
    }

    public List<UUID> members(Audience audience) {
        Query q = compile(audience);
        return jdbc.sql("select c.id from customers c where " + q.where() + " order by c.id").params(q.params().toArray())
                .query(UUID.class).list();
    }

    /** Whether one customer is in the audience. */
    public boolean includes(Audience audience, UUID customerId) {
        Query q = compile(audience);
        List<Object> params = new ArrayList<>(q.params());
        params.add(customerId);
        return jdbc.sql("select exists (select 1 from customers c where " + q.where() + " and c.id = ?)").params(params.toArray())
                .query(Boolean.class).single();
    }

    record Query(String where, List<Object> params) {
    }

    Query compile(Audience a) {
        Instant now = clock.instant();
        List<String> where = new ArrayList<>(List.of("c.merged_into is null"));
        List<Object> params = new ArrayList<>();
        if (!a.customerIds().isEmpty()) {
            where.add("c.id = any(?)");
            params.add(a.customerIds().toArray(UUID[]::new));
        }
        if (!a.segments().isEmpty()) {
            where.add("c.segments && ?::text[]");
            params.add(a.segments().toArray(String[]::new));
        }
        if (!a.excludeSegments().isEmpty()) {
            where.add("not (c.segments && ?::text[])");
            params.add(a.excludeSegments().toArray(String[]::new));
        }
        if (a.vip() != null) {
            where.add("c.vip = ?");
            params.add(a.vip());
        }
        if (!a.languages().isEmpty()) {
            where.add("c.language = any(?)");
            params.add(a.languages().toArray(String[]::new));
        }
        if (a.consentChannel() != null) {
            where.add("""
                    (select k.granted from consents k where k.customer_id = c.id and k.channel = ? and k.purpose = ?
                     order by k.recorded_at desc, k.id desc limit 1) is true""");
            params.add(a.consentChannel().code());
            params.add((a.consentPurpose() == null ? Purpose.COMMERCIAL : a.consentPurpose()).code());
        }
        if (a.notContactedDays() != null) {
            where.add("not exists (select 1 from campaign_contacts x where x.customer_id = c.id and x.created_at >= ? "
                    + "and x.status not in ('dropped', 'refused'))");
            params.add(Timestamp.from(now.minus(Duration.ofDays(a.notContactedDays()))));
        }
        if (a.noComplaintDays() != null) {
            where.add("not exists (select 1 from timeline_entries t where t.customer_id = c.id and t.kind like 'complaint%' and t.occurred_at >= ?)");
            params.add(Timestamp.from(now.minus(Duration.ofDays(a.noComplaintDays()))));
        }
        return new Query(String.join(" and ", where), params);
    }
}
