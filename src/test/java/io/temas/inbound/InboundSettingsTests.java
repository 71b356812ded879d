package io.temas.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temas.channels.ChannelDescriptor;
import io.temas.channels.Channels;
import io.temas.channels.TestChannel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class InboundSettingsTests {

    private final ChannelDescriptor sms = TestChannel.of("sms", Duration.ofHours(24), 10);
    private final ChannelDescriptor chat = TestChannel.of("chat", Duration.ofMinutes(30), 3);
    private final Channels channels = new Channels(List.of(sms, chat));

    private static InboundSettings bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("temas.inbound", InboundSettings.class);
    }

    @Test
    void aSettingOverridesTheChannelsOwnThreadingWindow() {
        InboundSettings settings = bind(Map.of("temas.inbound.threading-window.sms", "12h"));
        settings.check(channels);

        assertThat(settings.window(sms)).isEqualTo(Duration.ofHours(12));
        assertThat(settings.window(chat)).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void refusesAWindowForAChannelNobodyRegistered() {
        InboundSettings settings = bind(Map.of("temas.inbound.threading-window.smss", "12h"));

        assertThatThrownBy(() -> settings.check(channels)).isInstanceOf(IllegalStateException.class)
                .hasMessage("temas.inbound.threading-window.smss: unknown channel 'smss'; known channels: chat, sms");
    }
}
