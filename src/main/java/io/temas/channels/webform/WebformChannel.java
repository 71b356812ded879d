package io.temas.channels.webform;

import io.temas.channels.Acknowledgement;
import io.temas.channels.Channel;
import io.temas.channels.OutboundTransport;
import io.temas.channels.RecordingTransport;
import io.temas.channels.ReplyAddress;
import io.temas.shared.ChannelType;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/** The web contact form: every submission is a new request, answered on the address the customer left. */
@Component
class WebformChannel implements Channel {

    @Override
    public ChannelType type() {
        return ChannelType.WEBFORM;
    }

    @Override
    public Duration threadingWindow() {
        return Duration.ZERO;
    }

    @Override
    public int capacity() {
        return 10;
    }

    @Override
    public double handlingRate() {
        return 8.0;
    }

    @Override
    public ReplyAddress replyAddress() {
        return ReplyAddress.CONTACT;
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

    /** A form cannot be written back to; replies are recorded until they leave by e-mail. */
    @Bean
    OutboundTransport webformStandIn(RecordingTransport recording) {
        return recording.standIn(ChannelType.WEBFORM);
    }
}
