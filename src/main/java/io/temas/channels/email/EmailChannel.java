package io.temas.channels.email;

import io.temas.channels.Acknowledgement;
import io.temas.channels.Channel;
import io.temas.channels.ChannelDescriptor;
import io.temas.channels.ReplyAddress;
import io.temas.shared.ChannelType;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** E-mail: threads by headers and the reference in the subject, never by time; answered by letter. */
@Configuration(proxyBeanMethods = false)
class EmailChannel {

    @Bean
    Channel emailDescriptor() {
        return ChannelDescriptor.of(ChannelType.EMAIL).threadingWindow(Duration.ZERO).capacity(10).handlingRate(8)
                .replyAddress(ReplyAddress.EMAIL, true).acknowledgement(Acknowledgement.letter(20_000))
                .build();
    }
}
