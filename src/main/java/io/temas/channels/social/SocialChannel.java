package io.temas.channels.social;

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

/** Social messengers: direct messages to and from network handles ({@code instagram:deniz}). */
@Configuration(proxyBeanMethods = false)
class SocialChannel {

    @Bean
    Channel socialDescriptor() {
        return ChannelDescriptor.of(ChannelType.SOCIAL).threadingWindow(Duration.ofHours(24)).capacity(5).handlingRate(12)
                .replyAddress(ReplyAddress.SOCIAL_HANDLE, false).acknowledgement(Acknowledgement.text(1_000))
                .build();
    }

    /** No messenger provider yet; messages are recorded. */
    @Bean
    OutboundTransport socialStandIn(RecordingTransport recording) {
        return recording.standIn(ChannelType.SOCIAL);
    }
}
