package io.temas.channels.sms;

import io.temas.channels.Acknowledgement;
import io.temas.channels.Channel;
import io.temas.channels.ChannelDescriptor;
import io.temas.channels.OutboundTransport;
import io.temas.channels.RecordingTransport;
import io.temas.channels.ReplyAddress;
import io.temas.shared.ChannelType;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** SMS: a short text to and from E.164 numbers; the opt-out words are the İYS convention (RET, İPTAL) and the English STOP. */
@Configuration(proxyBeanMethods = false)
class SmsChannel {

    @Bean
    Channel smsDescriptor() {
        return ChannelDescriptor.of(ChannelType.SMS).threadingWindow(Duration.ofHours(24)).capacity(10).handlingRate(15)
                .replyAddress(ReplyAddress.PHONE, true).acknowledgement(Acknowledgement.text(320))
                .optOutWords("ret", "iptal", "stop", "dur", "unsubscribe")
                .build();
    }

    /** Without a provider (temas.sms.provider=none) texts are recorded; the provider's transport replaces this. */
    @Bean
    OutboundTransport smsStandIn(RecordingTransport recording) {
        return recording.standIn(ChannelType.SMS);
    }
}
