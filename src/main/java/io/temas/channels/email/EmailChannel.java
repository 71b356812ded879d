package io.temas.channels.email;

import io.temas.channels.Acknowledgement;
import io.temas.channels.Channel;
import io.temas.channels.ReplyAddress;
import io.temas.shared.ChannelType;
import java.time.Duration;
import org.springframework.stereotype.Component;

/** E-mail: threads by headers and the reference in the subject, never by time; answered by letter. */
@Component
class EmailChannel implements Channel {

    @Override
    public ChannelType type() {
        return ChannelType.EMAIL;
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
        return ReplyAddress.EMAIL;
    }

    @Override
    public boolean reachesStoredAddresses() {
        return true;
    }

    @Override
    public Acknowledgement acknowledgement() {
        return Acknowledgement.letter(20_000);
    }

    @Override
    public boolean realTime() {
        return false;
    }

}
