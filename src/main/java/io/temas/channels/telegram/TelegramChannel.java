package io.temas.channels.telegram;

import io.temas.channels.Acknowledgement;
import io.temas.channels.Channel;
import io.temas.channels.ChannelDescriptor;
import io.temas.channels.ReplyAddress;
import io.temas.shared.ChannelType;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Telegram: private chats with the bot. Replies go to the chat the customer wrote from
 * ({@code telegram:<chat id>}); a message carries up to 4,096 characters.
 */
@Configuration(proxyBeanMethods = false)
class TelegramChannel {

    static final ChannelType TELEGRAM = ChannelType.of("telegram");

    @Bean
    Channel telegramDescriptor() {
        return ChannelDescriptor.of(TELEGRAM).threadingWindow(Duration.ofHours(24)).capacity(5).handlingRate(12)
                .replyAddress(ReplyAddress.SOCIAL_HANDLE, false).acknowledgement(Acknowledgement.text(TelegramTransport.MAX_TEXT))
                .build();
    }
}
