package io.temas.channels.messenger;

import io.temas.channels.Acknowledgement;
import io.temas.channels.Channel;
import io.temas.channels.ChannelDescriptor;
import io.temas.channels.OutboundTransport;
import io.temas.channels.ReplyAddress;
import io.temas.shared.ChannelType;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Messenger ({@code messenger}) and Instagram direct messages ({@code instagram}): two channels,
 * one platform. Replies go to the page-scoped id the customer wrote from
 * ({@code messenger:<PSID>}, {@code instagram:<IGSID>}); Messenger carries 2,000 characters a
 * message, Instagram 1,000.
 */
@Configuration(proxyBeanMethods = false)
class MessengerChannels {

    static final ChannelType MESSENGER = ChannelType.of("messenger");
    static final ChannelType INSTAGRAM = ChannelType.of("instagram");

    @Bean
    Channel messengerDescriptor() {
        return ChannelDescriptor.of(MESSENGER).threadingWindow(Duration.ofHours(24)).capacity(5).handlingRate(12)
                .replyAddress(ReplyAddress.SOCIAL_HANDLE, false).acknowledgement(Acknowledgement.text(2_000)).build();
    }

    @Bean
    Channel instagramDescriptor() {
        return ChannelDescriptor.of(INSTAGRAM).threadingWindow(Duration.ofHours(24)).capacity(5).handlingRate(12)
                .replyAddress(ReplyAddress.SOCIAL_HANDLE, false).acknowledgement(Acknowledgement.text(1_000)).build();
    }

    @Bean
    MessengerGraph messengerGraph(MessengerSettings settings, JsonMapper json) {
        return new MessengerGraph(settings, json);
    }

    @Bean
    OutboundTransport messengerTransport(MessengerSettings settings, MessengerGraph graph, MessengerContacts contacts, Clock clock) {
        return new MessengerTransport(MESSENGER, settings, graph, contacts, clock);
    }

    @Bean
    OutboundTransport instagramTransport(MessengerSettings settings, MessengerGraph graph, MessengerContacts contacts, Clock clock) {
        return new MessengerTransport(INSTAGRAM, settings, graph, contacts, clock);
    }
}
