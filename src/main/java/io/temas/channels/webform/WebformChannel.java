package io.temas.channels.webform;

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

/** The web contact form: every submission is a new request, answered on the address the customer left. */
@Configuration(proxyBeanMethods = false)
class WebformChannel {

    @Bean
    Channel webformDescriptor() {
        return ChannelDescriptor.of(ChannelType.WEBFORM).threadingWindow(Duration.ZERO).capacity(10).handlingRate(8)
                .replyAddress(ReplyAddress.CONTACT, false).acknowledgement(Acknowledgement.text(1_000))
                .build();
    }

    /**
     * A form cannot be written back to: its customers are answered by e-mail or SMS on the address
     * they left ({@code routing.ReplyOptions#reachBack}); the stand-in only marks not sent what had no such way.
     */
    @Bean
    OutboundTransport webformStandIn(RecordingTransport recording) {
        return recording.standIn(ChannelType.WEBFORM);
    }
}
