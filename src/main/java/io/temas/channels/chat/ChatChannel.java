package io.temas.channels.chat;

import io.temas.channels.Acknowledgement;
import io.temas.channels.Channel;
import io.temas.channels.ChannelDescriptor;
import io.temas.channels.OutboundTransport;
import io.temas.channels.RecordingTransport;
import io.temas.channels.ReplyAddress;
import io.temas.shared.ChannelType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Live chat: the customer waits in the session, so an agent handles few at once; messages thread by
 * their chat session only. The sessions, the bot and the transport live in the chat module.
 */
@Configuration(proxyBeanMethods = false)
class ChatChannel {

    @Bean
    Channel chatDescriptor() {
        return ChannelDescriptor.of(ChannelType.CHAT).capacity(3).handlingRate(20)
                .replyAddress(ReplyAddress.SESSION, false).acknowledgement(Acknowledgement.text(1_000)).realTime()
                .build();
    }

    /**
     * Stands in while the chat module is not part of the application (a test of a few modules);
     * the chat module's transport replaces it.
     */
    @Bean
    OutboundTransport chatStandIn(RecordingTransport recording) {
        return recording.standIn(ChannelType.CHAT);
    }
}
