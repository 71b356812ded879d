package io.temas.campaigns;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * How far a campaign's outbound contacts got, per channel and in all: sent, delivered, clicked,
 * then the customers contacted who responded and who accepted. Each stage counts those that
 * reached it or went further (a click proves delivery, whether or not a receipt came).
 */
@Service
public class CampaignFunnel {

    /** The stages in order, as the report names them. */
    public static final List<String> STAGES = List.of("sent", "delivered", "clicked", "responded", "accepted");

    /**
     * One channel's funnel; {@code channel} is null for the campaign as a whole.
     *
     * @param contacted contacts queued, whatever became of them
     */
    public record Row(String channel, int contacted, int sent, int delivered, int clicked, int responded, int accepted) {

        /** The stage counts in {@link #STAGES} order. */
        public List<Integer> stages() {
            return List.of(sent, delivered, clicked, responded, accepted);
        }
    }

    private static final String COUNTS = """
            count(*) as contacted,
            count(*) filter (where c.status in ('sent', 'delivered', 'read', 'opened', 'clicked')) as sent,
            count(*) filter (where c.status in ('delivered', 'read', 'opened', 'clicked')) as delivered,
            count(*) filter (where c.status = 'clicked') as clicked,
            count(distinct c.customer_id) filter (where exists (select 1 from campaign_responses r
                where r.campaign_id = c.campaign_id and r.customer_id = c.customer_id)) as responded,
            count(distinct c.customer_id) filter (where exists (select 1 from campaign_responses r
                where r.campaign_id = c.campaign_id and r.customer_id = c.customer_id and r.kind = 'accepted')) as accepted
            from campaign_contacts c where c.campaign_id = ?""";

    private final JdbcClient jdbc;
    private final Campaigns campaigns;

    CampaignFunnel(JdbcClient jdbc, Campaigns campaigns) {
        this.jdbc = jdbc;
        this.campaigns = campaigns;
    }

    /** The whole campaign first, then one row per channel it was sent on. */
    public List<Row> of(UUID campaignId) {
        campaigns.get(campaignId);
        List<Row> rows = new ArrayList<>();
        rows.add(jdbc.sql("select " + COUNTS).param(campaignId).query((rs, n) -> row(null, rs)).single());
        rows.addAll(jdbc.sql("select c.channel, " + COUNTS + " group by c.channel order by c.channel").param(campaignId)
                .query((rs, n) -> row(rs.getString("channel"), rs)).list());
        return rows;
    }

    private static Row row(String channel, java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Row(channel, rs.getInt("contacted"), rs.getInt("sent"), rs.getInt("delivered"), rs.getInt("clicked"),
                rs.getInt("responded"), rs.getInt("accepted"));
    }
}
