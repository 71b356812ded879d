package io.temas.campaigns;

import io.temas.channels.OutboundMessage;
import io.temas.channels.Outbox;
import io.temas.channels.sms.GsmSegments;
import io.temas.customers.CustomerId;
import io.temas.customers.Customers;
import io.temas.customers.Identity;
import io.temas.shared.ChannelType;
import io.temas.shared.IdentifierType;
import io.temas.shared.Ids;
import io.temas.shared.InvalidInput;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Outbound campaign sends of SMS and e-mail. A send is planned first: its audience is resolved,
 * every member checked against the contact policies, and a dry-run report stored. An operator
 * confirms it; the audience is resolved again and the send refused when it differs sharply from
 * the plan or the campaign's last send on the channel (unless forced). Confirmed messages go to
 * the outbox spread over time at the configured rate, and are checked once more just before they
 * leave ({@link CampaignSendGuard}).
 */
@Service
public class CampaignSends {

    /**
     * What to send, to whom. In e-mail, {@code {link}} in the text becomes a tracked link to
     * {@code link}: a click is a response to the campaign.
     */
    public record Request(ChannelType channel, String subject, String text, Audience audience, String link) {
    }

    /**
     * A dry-run (or confirmation) report.
     *
     * @param refused  refusals by policy
     * @param segments SMS segments per message (0 for e-mail)
     * @param guard    null when the audience is in line with the plan and the last send, else why not
     */
    public record Report(UUID sendId, UUID campaignId, ChannelType channel, String status, int audience, int allowed,
                         Map<String, Integer> refused, int noAddress, Integer lastSend, int segments, String encoding, String guard,
                         List<Audiences.Member> sample) {
    }

    private record Planned(List<UUID> allowed, Map<String, Integer> refused, int noAddress, Map<UUID, String> recipients) {
    }

    private record Stored(String status, int planned, Request request) {
    }

    private final JdbcClient jdbc;
    private final Campaigns campaigns;
    private final Audiences audiences;
    private final Customers customers;
    private final ContactPolicies policies;
    private final Outbox outbox;
    private final CampaignSettings settings;
    private final JsonMapper json;
    private final Ids ids;
    private final Clock clock;

    CampaignSends(JdbcClient jdbc, Campaigns campaigns, Audiences audiences, Customers customers, ContactPolicies policies, Outbox outbox,
                  CampaignSettings settings, JsonMapper json, Ids ids, Clock clock) {
        this.jdbc = jdbc;
        this.campaigns = campaigns;
        this.audiences = audiences;
        this.customers = customers;
        this.policies = policies;
        this.outbox = outbox;
        this.settings = settings;
        this.json = json;
        this.ids = ids;
        this.clock = clock;
    }

    /** Plans a send and answers its dry-run report; nothing is sent. */
    @Transactional
    public Report plan(UUID campaignId, Request request) {
        Campaign campaign = campaigns.get(campaignId);
        if (!ChannelType.SMS.equals(request.channel()) && !ChannelType.EMAIL.equals(request.channel())) {
            throw new InvalidInput("channel", "campaign sends go by sms or email");
        }
        if (request.text() == null || request.text().isBlank()) {
            throw new InvalidInput("text", "text is required");
        }
        Audience audience = request.audience() == null ? Audience.EVERYONE : request.audience();
        List<UUID> members = audiences.members(audience);
        Planned planned = check(campaign, request.channel(), members);
        UUID id = ids.next();
        Integer last = lastSend(campaignId, request.channel());
        Report report = report(id, campaign, request, "planned", members.size(), planned, last, guard(members.size(), null, last),
                audiences.sample(audience, 10));
        jdbc.sql("""
                        insert into campaign_sends (id, campaign_id, channel, text, subject, link, audience, planned, allowed, report, status,
                        created_at) values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?::jsonb, 'planned', ?)""")
                .params(id, campaignId, request.channel().code(), request.text(), request.subject(), request.link(),
                        json.writeValueAsString(audience),
                        members.size(), planned.allowed().size(), json.writeValueAsString(report), Timestamp.from(clock.instant()))
                .update();
        return report;
    }

    /**
     * Confirms a planned send: queues its messages unless the audience now differs from the plan
     * or the last send by more than the configured share and {@code force} is not set.
     *
     * @throws AudienceChanged when the guard stops it
     */
    @Transactional
    public Report confirm(UUID campaignId, UUID sendId, boolean force, String by) {
        Campaign campaign = campaigns.get(campaignId);
        Stored stored = jdbc.sql("select * from campaign_sends where id = ? and campaign_id = ? for update").params(sendId, campaignId)
                .query((rs, n) -> new Stored(rs.getString("status"), rs.getInt("planned"), new Request(ChannelType.of(rs.getString("channel")),
                        rs.getString("subject"), rs.getString("text"), json.readValue(rs.getString("audience"), Audience.class),
                        rs.getString("link"))))
                .optional().orElseThrow(() -> new CampaignNotFound("send", sendId));
        if (!"planned".equals(stored.status())) {
            throw new CampaignConflict("send " + sendId + " is already " + stored.status());
        }
        Request request = stored.request();
        ChannelType channel = request.channel();
        List<UUID> members = audiences.members(request.audience());
        Integer last = lastSend(campaignId, channel);
        String guard = guard(members.size(), stored.planned(), last);
        if (guard != null && !force) {
            throw new AudienceChanged(guard + "; confirm with force to send anyway");
        }
        if (!campaign.runsAt(clock.instant())) {
            throw new CampaignConflict("campaign " + campaign.code() + " is not running");
        }
        Planned planned = check(campaign, channel, members);
        Instant now = clock.instant();
        Duration gap = Duration.ofNanos(1_000_000_000L / Math.max(1, settings.sendRate()));
        int i = 0;
        for (UUID customer : planned.allowed()) {
            UUID contactId = ids.next();
            String recipient = planned.recipients().get(customer);
            String text = ChannelType.EMAIL.equals(channel)
                    ? request.text().replace("{link}", settings.publicUrl().replaceAll("/+$", "") + "/api/v1/campaign-links/" + contactId)
                    : request.text();
            UUID outboxId = outbox.enqueue(new OutboundMessage(channel, null, recipient, request.subject(), text,
                    Map.of("X-Temas-Kind", "campaign", "X-Temas-Campaign", campaignId.toString(), "X-Temas-Customer", customer.toString(),
                            "X-Temas-Contact", contactId.toString()), null, null), now.plus(gap.multipliedBy(i++)));
            jdbc.sql("""
                            insert into campaign_contacts (id, campaign_id, send_id, customer_id, channel, recipient, outbox_id, status, created_at,
                            updated_at) values (?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?)""")
                    .params(contactId, campaignId, sendId, customer, channel.code(), recipient, outboxId, Timestamp.from(now), Timestamp.from(now))
                    .update();
        }
        Report report = report(sendId, campaign, request, "confirmed", members.size(), planned, last, guard, List.of());
        jdbc.sql("update campaign_sends set status = 'confirmed', allowed = ?, report = ?::jsonb, confirmed_at = ?, confirmed_by = ? where id = ?")
                .params(planned.allowed().size(), json.writeValueAsString(report), Timestamp.from(now), by, sendId).update();
        return report;
    }

    /** A send as its report says, with when it was planned, confirmed and by whom, and what it says. */
    public record Summary(Report report, Instant createdAt, Instant confirmedAt, String confirmedBy, String text, String subject) {

        public boolean planned() {
            return "planned".equals(report.status());
        }
    }

    /** The campaign's sends, newest first. */
    public List<Summary> ofCampaign(UUID campaignId) {
        campaigns.get(campaignId);
        return jdbc.sql("select * from campaign_sends where campaign_id = ? order by created_at desc, id desc").param(campaignId)
                .query((rs, n) -> summary(rs)).list();
    }

    /** One send of the campaign. */
    public Summary get(UUID campaignId, UUID sendId) {
        return jdbc.sql("select * from campaign_sends where id = ? and campaign_id = ?").params(sendId, campaignId)
                .query((rs, n) -> summary(rs)).optional().orElseThrow(() -> new CampaignNotFound("send", sendId));
    }

    private Summary summary(java.sql.ResultSet rs) throws java.sql.SQLException {
        Report stored = json.readValue(rs.getString("report"), Report.class);
        // The stored report is the dry run's until confirmed; the row's status is the truth.
        Report report = new Report(stored.sendId(), stored.campaignId(), stored.channel(), rs.getString("status"), stored.audience(),
                stored.allowed(), stored.refused(), stored.noAddress(), stored.lastSend(), stored.segments(), stored.encoding(), stored.guard(),
                stored.sample() == null ? List.of() : stored.sample());
        Timestamp confirmed = rs.getTimestamp("confirmed_at");
        return new Summary(report, rs.getTimestamp("created_at").toInstant(), confirmed == null ? null : confirmed.toInstant(),
                rs.getString("confirmed_by"), rs.getString("text"), rs.getString("subject"));
    }

    private Planned check(Campaign campaign, ChannelType channel, List<UUID> members) {
        List<UUID> allowed = new ArrayList<>();
        Map<String, Integer> refused = new TreeMap<>();
        Map<UUID, String> recipients = new LinkedHashMap<>();
        int noAddress = 0;
        for (UUID member : members) {
            Optional<String> address = address(member, channel);
            if (address.isEmpty()) {
                noAddress++;
                continue;
            }
            ContactDecision decision = policies.decide(new ContactPolicies.Contact(member, address.get(), channel, Purpose.COMMERCIAL,
                    campaign.id()), false);
            if (decision instanceof ContactDecision.Refused r && !r.temporary()) {
                refused.merge(r.policy(), 1, Integer::sum);
            } else {
                allowed.add(member);
                recipients.put(member, address.get());
            }
        }
        return new Planned(allowed, refused, noAddress, recipients);
    }

    private Optional<String> address(UUID customer, ChannelType channel) {
        IdentifierType type = ChannelType.SMS.equals(channel) ? IdentifierType.PHONE : IdentifierType.EMAIL;
        return customers.identities(new CustomerId(customer)).stream()
                .filter(i -> i.type() == type && i.undeliverableAt() == null).map(Identity::value).findFirst();
    }

    private Integer lastSend(UUID campaignId, ChannelType channel) {
        return jdbc.sql("""
                        select planned from campaign_sends where campaign_id = ? and channel = ? and status = 'confirmed'
                        order by confirmed_at desc limit 1""")
                .params(campaignId, channel.code()).query(Integer.class).optional().orElse(null);
    }

    /** Why an audience of {@code count} is out of line with the plan or the last send, or null. */
    String guard(int count, Integer planned, Integer last) {
        String against = deviation(count, planned, "the dry run");
        return against != null ? against : deviation(count, last, "the last send");
    }

    private String deviation(int count, Integer reference, String what) {
        if (reference == null) {
            return null;
        }
        double base = Math.max(1, Math.max(count, reference));
        double share = Math.abs(count - reference) / base;
        return share > settings.guardShare()
                ? "the audience is " + count + ", " + what + " had " + reference + " (" + Math.round(share * 100) + "% apart, more than "
                + Math.round(settings.guardShare() * 100) + "%)"
                : null;
    }

    private Report report(UUID id, Campaign campaign, Request request, String status, int audience, Planned planned, Integer last,
                          String guard, List<Audiences.Member> sample) {
        GsmSegments.Count segments = ChannelType.SMS.equals(request.channel()) ? GsmSegments.count(request.text()) : null;
        return new Report(id, campaign.id(), request.channel(), status, audience, planned.allowed().size(), planned.refused(),
                planned.noAddress(), last, segments == null ? 0 : segments.segments(), segments == null ? null : segments.encoding().name(),
                guard, sample);
    }
}
