package io.temas.channels.chat;

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

/** Live chat: the customer waits in the session, so an agent handles few at once. */
@Configuration(proxyBeanMethods = false)
class ChatChannel {

    @Bean
    Channel chatDescriptor() {
        return ChannelDescriptor.of(ChannelType.CHAT).threadingWindow(Duration.ofMinutes(30)).capacity(3).handlingRate(20)
                .replyAddress(ReplyAddress.SESSION, false).acknowledgement(Acknowledgement.text(1_000)).realTime()
                .build();
    }

    /** The live chat is not built yet; messages are recorded and shown as not sent, and replies are offered another way. */
    @Bean
    OutboundTransport chatStandIn(RecordingTransport recording) {
        return recording.standIn(ChannelType.CHAT);
    }
}
