package io.temas.channels.sms;

import io.temas.channels.Acknowledgement;
import io.temas.channels.Channel;
import io.temas.channels.OutboundTransport;
import io.temas.channels.RecordingTransport;
import io.temas.channels.ReplyAddress;
import io.temas.shared.ChannelType;
import java.time.Duration;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/** SMS: a short text to and from E.164 numbers; the opt-out words are the İYS convention (RET, İPTAL) and the English STOP. */
@Component
class SmsChannel implements Channel {

    @Override
    public ChannelType type() {
        return ChannelType.SMS;
    }

    @Override
    public Duration threadingWindow() {
        return Duration.ofHours(24);
    }

    @Override
    public int capacity() {
        return 10;
    }

    @Override
    public double handlingRate() {
        return 15.0;
    }

    @Override
    public ReplyAddress replyAddress() {
        return ReplyAddress.PHONE;
    }

    @Override
    public boolean reachesStoredAddresses() {
        return true;
    }

    @Override
    public Acknowledgement acknowledgement() {
        return Acknowledgement.text(320);
    }

    @Override
    public Set<String> optOutWords() {
        return Set.of("ret", "iptal", "stop", "dur", "unsubscribe");
    }

    @Override
    public boolean realTime() {
        return false;
    }

    /** Without a provider (temas.sms.provider=none) texts are recorded; the provider's transport replaces this. */
    @Bean
    OutboundTransport smsStandIn(RecordingTransport recording) {
        return recording.standIn(ChannelType.SMS);
    }
}
