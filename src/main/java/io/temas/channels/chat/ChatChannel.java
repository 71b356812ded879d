package io.temas.channels.chat;

import io.temas.channels.Acknowledgement;
import io.temas.channels.Channel;
import io.temas.channels.OutboundTransport;
import io.temas.channels.RecordingTransport;
import io.temas.channels.ReplyAddress;
import io.temas.shared.ChannelType;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/** Live chat: the customer waits in the session, so an agent handles few at once. */
@Component
class ChatChannel implements Channel {

    @Override
    public ChannelType type() {
        return ChannelType.CHAT;
    }

    @Override
    public Duration threadingWindow() {
        return Duration.ofMinutes(30);
    }

    @Override
    public int capacity() {
        return 3;
    }

    @Override
    public double handlingRate() {
        return 20.0;
    }

    @Override
    public ReplyAddress replyAddress() {
        return ReplyAddress.SESSION;
    }

    @Override
    public boolean reachesStoredAddresses() {
        return false;
    }

    @Override
    public Acknowledgement acknowledgement() {
        return Acknowledgement.text(1_000);
    }

    @Override
    public boolean realTime() {
        return true;
    }

    /** The live chat is not built yet; messages are recorded. */
    @Bean
    OutboundTransport chatStandIn(RecordingTransport recording) {
        return recording.standIn(ChannelType.CHAT);
    }
}
