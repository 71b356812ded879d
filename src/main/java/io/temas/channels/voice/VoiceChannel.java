package io.temas.channels.voice;

import io.temas.channels.Acknowledgement;
import io.temas.channels.Channel;
import io.temas.channels.OutboundTransport;
import io.temas.channels.RecordingTransport;
import io.temas.channels.ReplyAddress;
import io.temas.shared.ChannelType;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/** Voice: calls logged by the call centre; an agent takes one call at a time. */
@Component
class VoiceChannel implements Channel {

    @Override
    public ChannelType type() {
        return ChannelType.VOICE;
    }

    @Override
    public Duration threadingWindow() {
        return Duration.ofHours(1);
    }

    @Override
    public int capacity() {
        return 1;
    }

    @Override
    public double handlingRate() {
        return 10.0;
    }

    @Override
    public ReplyAddress replyAddress() {
        return ReplyAddress.PHONE;
    }

    @Override
    public boolean reachesStoredAddresses() {
        return false;
    }

    @Override
    public Acknowledgement acknowledgement() {
        return Acknowledgement.text(320);
    }

    @Override
    public boolean realTime() {
        return true;
    }

    /** Calls are not sent by text; what would be sent is recorded. */
    @Bean
    OutboundTransport voiceStandIn(RecordingTransport recording) {
        return recording.standIn(ChannelType.VOICE);
    }
}
