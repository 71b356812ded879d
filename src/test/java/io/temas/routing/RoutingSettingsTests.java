package io.temas.routing;

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

class RoutingSettingsTests {

    private final ChannelDescriptor voice = TestChannel.of("voice", Duration.ofHours(1), 1);
    private final ChannelDescriptor email = TestChannel.of("email", Duration.ZERO, 10);

    private static RoutingSettings bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("temas.routing", RoutingSettings.class);
    }

    @Test
    void settingsOverrideTheChannelsOwnCapacityAndRate() {
        RoutingSettings settings = bind(Map.of("temas.routing.capacity.voice", "2", "temas.routing.handling-rate.email", "4.5"));

        assertThat(settings.capacity(voice)).isEqualTo(2);
        assertThat(settings.capacity(email)).isEqualTo(10);
        assertThat(settings.handlingRate(email)).isEqualTo(4.5);
        assertThat(settings.handlingRate(voice)).isEqualTo(10.0);
    }

    @Test
    void refusesACapacityForAChannelNobodyRegistered() {
        RoutingSettings settings = bind(Map.of("temas.routing.capacity.fax", "2"));

        assertThatThrownBy(() -> settings.check(new Channels(List.of(voice, email)))).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("temas.routing.capacity.fax: unknown channel 'fax'");
    }
}
