package io.temas.campaigns;

import io.temas.shared.ChannelType;
import io.temas.shared.InvalidInput;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The message a campaign sends on each channel (SMS text; e-mail subject, text and link), kept with
 * the campaign so a send is planned by naming only the channel.
 */
@Component
public class CampaignMessages {

    /** One channel's message; {@code subject} and {@code link} are for e-mail ({@code {link}} in the text). */
    public record Message(ChannelType channel, String subject, String text, String link) {
    }

    private final JdbcClient jdbc;
    private final Campaigns campaigns;

    CampaignMessages(JdbcClient jdbc, Campaigns campaigns) {
        this.jdbc = jdbc;
        this.campaigns = campaigns;
    }

    public List<Message> of(UUID campaignId) {
        return jdbc.sql("select * from campaign_messages where campaign_id = ? order by channel").param(campaignId)
                .query((rs, n) -> new Message(ChannelType.of(rs.getString("channel")), rs.getString("subject"), rs.getString("text"),
                        rs.getString("link"))).list();
    }

    public Optional<Message> of(UUID campaignId, ChannelType channel) {
        return of(campaignId).stream().filter(m -> m.channel().equals(channel)).findFirst();
    }

    /** Sets the channel's message; a blank text removes it. */
    @Transactional
    public void save(UUID campaignId, Message message) {
        campaigns.get(campaignId);
        if (message.channel() == null) {
            throw new InvalidInput("channel", "channel is required");
        }
        if (message.text() == null || message.text().isBlank()) {
            jdbc.sql("delete from campaign_messages where campaign_id = ? and channel = ?").params(campaignId, message.channel().code()).update();
            return;
        }
        jdbc.sql("""
                        insert into campaign_messages (campaign_id, channel, subject, text, link) values (?, ?, ?, ?, ?)
                        on conflict (campaign_id, channel) do update set subject = excluded.subject, text = excluded.text, link = excluded.link""")
                .params(campaignId, message.channel().code(), blankToNull(message.subject()), message.text().strip(), blankToNull(message.link()))
                .update();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
