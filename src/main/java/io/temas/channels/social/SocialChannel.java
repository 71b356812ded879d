package io.temas.channels.social;

import io.temas.channels.Acknowledgement;
import io.temas.channels.Channel;
import io.temas.channels.OutboundTransport;
import io.temas.channels.RecordingTransport;
import io.temas.channels.ReplyAddress;
import io.temas.shared.ChannelType;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/** Social messengers: direct messages to and from network handles ({@code instagram:deniz}). */
@Component
class SocialChannel implements Channel {

    @Override
    public ChannelType type() {
        return ChannelType.SOCIAL;
    }

    @Override
    public Duration threadingWindow() {
        return Duration.ofHours(24);
    }

    @Override
    public int capacity() {
        return 5;
    }

    @Override
    public double handlingRate() {
        return 12.0;
    }

    @Override
    public ReplyAddress replyAddress() {
        return ReplyAddress.SOCIAL_HANDLE;
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
        return false;
    }

    /** No messenger provider yet; messages are recorded. */
    @Bean
    OutboundTransport socialStandIn(RecordingTransport recording) {
        return recording.standIn(ChannelType.SOCIAL);
    }
}
