package io.temas.channels.voice;

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

/** Voice: calls logged by the call centre; an agent takes one call at a time. */
@Configuration(proxyBeanMethods = false)
class VoiceChannel {

    @Bean
    Channel voiceDescriptor() {
        return ChannelDescriptor.of(ChannelType.VOICE).threadingWindow(Duration.ofHours(1)).capacity(1).handlingRate(10)
                .replyAddress(ReplyAddress.PHONE, false).acknowledgement(Acknowledgement.text(320)).realTime()
                // The PBX rings an extension; the call's conversation goes to whoever answers (see the call centre).
                .agentChosenByChannel()
                .build();
    }

    /** Calls are not sent by text; what would be sent is recorded. */
    @Bean
    OutboundTransport voiceStandIn(RecordingTransport recording) {
        return recording.standIn(ChannelType.VOICE);
    }
}
