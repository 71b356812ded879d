package io.temas.channels.whatsapp;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** What the settings screen shows about the connector; secrets only as set or not set. */
@Service
public class WhatsAppStatus {

    /**
     * The connector's state.
     *
     * @param refusedSignatures webhook requests refused for their signature since the start
     * @param lastReceived      when a signed webhook last arrived, null when none has
     */
    public record Overview(boolean configured, boolean webhookReady, boolean verifyTokenSet, boolean accessTokenSet,
                           String phoneNumberId, String businessAccountId, String graphRoot, long refusedSignatures,
                           Instant lastReceived) {
    }

    private final WhatsAppSettings settings;
    private final MeterRegistry meters;
    private final JdbcClient jdbc;

    WhatsAppStatus(WhatsAppSettings settings, MeterRegistry meters, JdbcClient jdbc) {
        this.settings = settings;
        this.meters = meters;
        this.jdbc = jdbc;
    }

    public Overview overview() {
        long refused = Math.round(meters.find("temas.webhooks.refused").tag("channel", WhatsAppChannel.WHATSAPP.code()).counters()
                .stream().mapToDouble(Counter::count).sum());
        Instant last = jdbc.sql("select last_received_at from whatsapp_webhook_state where id = 1").query(Timestamp.class).optional()
                .map(Timestamp::toInstant).orElse(null);
        return new Overview(settings.configured(), settings.webhookReady(), settings.verifyTokenSet(),
                !WhatsAppSettings.blank(settings.accessToken()), settings.phoneNumberId(), settings.businessAccountId(), settings.root(),
                refused, last);
    }

    /** Whether sends can leave (for the conversation screen's notice). */
    public boolean configured() {
        return settings.configured();
    }
}
