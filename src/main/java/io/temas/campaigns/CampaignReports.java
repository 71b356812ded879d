package io.temas.campaigns;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** A campaign's figures: responses per kind, per medium and per channel, send statistics and call lists. */
@Service
public class CampaignReports {

    /**
     * The report.
     *
     * @param responses per kind ({@code accepted}: 12)
     * @param byMedium  per medium, then per kind
     * @param byChannel per channel, then per kind
     * @param sends     outbound contacts by status (queued, sent, delivered, failed, dropped), plus responded, accepted and opted-out
     *                  among those contacted
     * @param calls     call-list entries by status
     */
    public record Report(UUID campaignId, String code, String name, Map<String, Integer> responses,
                         Map<String, Map<String, Integer>> byMedium, Map<String, Map<String, Integer>> byChannel,
                         Map<String, Integer> sends, Map<String, Integer> calls) {
    }

    private final JdbcClient jdbc;
    private final Campaigns campaigns;

    CampaignReports(JdbcClient jdbc, Campaigns campaigns) {
        this.jdbc = jdbc;
        this.campaigns = campaigns;
    }

    public Report report(UUID campaignId) {
        Campaign campaign = campaigns.get(campaignId);
        Map<String, Integer> responses = new TreeMap<>();
        Map<String, Map<String, Integer>> byMedium = new TreeMap<>();
        Map<String, Map<String, Integer>> byChannel = new TreeMap<>();
        jdbc.sql("select kind, channel, coalesce(medium, channel) as medium, count(*) as n from campaign_responses where campaign_id = ? "
                        + "group by kind, channel, coalesce(medium, channel)")
                .param(campaignId).query((rs, n) -> {
                    String kind = rs.getString("kind");
                    int count = rs.getInt("n");
                    responses.merge(kind, count, Integer::sum);
                    byMedium.computeIfAbsent(rs.getString("medium"), k -> new TreeMap<>()).merge(kind, count, Integer::sum);
                    byChannel.computeIfAbsent(rs.getString("channel"), k -> new TreeMap<>()).merge(kind, count, Integer::sum);
                    return kind;
                }).list();
        Map<String, Integer> sends = new LinkedHashMap<>();
        for (String status : new String[]{"queued", "sent", "delivered", "failed", "dropped", "opened", "clicked"}) {
            sends.put(status, 0);
        }
        jdbc.sql("select status, count(*) as n from campaign_contacts where campaign_id = ? group by status").param(campaignId)
                .query((rs, n) -> sends.put(rs.getString("status"), rs.getInt("n")) == null ? 0 : 1).list();
        jdbc.sql("""
                        select count(distinct r.customer_id) filter (where true) as responded,
                        count(distinct r.customer_id) filter (where r.kind = 'accepted') as accepted,
                        count(distinct r.customer_id) filter (where r.kind = 'opted-out') as opted_out
                        from campaign_responses r where r.campaign_id = ? and exists (
                        select 1 from campaign_contacts c where c.campaign_id = r.campaign_id and c.customer_id = r.customer_id)""")
                .param(campaignId).query((rs, n) -> {
                    sends.put("responded", rs.getInt("responded"));
                    sends.put("accepted", rs.getInt("accepted"));
                    sends.put("optedOut", rs.getInt("opted_out"));
                    return rs.getInt("responded");
                }).single();
        Map<String, Integer> calls = new TreeMap<>();
        jdbc.sql("select status, count(*) as n from call_list_entries where campaign_id = ? group by status").param(campaignId)
                .query((rs, n) -> calls.put(rs.getString("status"), rs.getInt("n")) == null ? 0 : 1).list();
        return new Report(campaignId, campaign.code(), campaign.name(), responses, byMedium, byChannel, sends, calls);
    }
}
