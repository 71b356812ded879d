package io.temas.channels.whatsapp;

import io.temas.channels.Acknowledgement;
import io.temas.channels.Channel;
import io.temas.channels.ChannelDescriptor;
import io.temas.channels.ReplyAddress;
import io.temas.shared.ChannelType;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * WhatsApp: a messenger customers answer within minutes or hours, so a few conversations at once
 * and a day's threading window (the same as Meta's customer-service window); replies go to the
 * customer's number ({@code +<wa_id>}). Stored numbers are not reached on WhatsApp: outside the
 * window only a template may be sent, which the agent picks on purpose.
 */
@Configuration(proxyBeanMethods = false)
public class WhatsAppChannel {

    /** The channel code, {@code whatsapp}. */
    public static final ChannelType WHATSAPP = ChannelType.of("whatsapp");

    @Bean
    Channel whatsappDescriptor() {
        return ChannelDescriptor.of(WHATSAPP).threadingWindow(Duration.ofHours(24)).capacity(5).handlingRate(12)
                .replyAddress(ReplyAddress.PHONE, false).acknowledgement(Acknowledgement.text(1_000))
                .build();
    }
}
