package io.temas.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temas.shared.ChannelType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChannelsTests {

    private final ChannelDescriptor sms = TestChannel.of("sms", Duration.ofHours(24), 10);
    private final ChannelDescriptor email = TestChannel.of("email", Duration.ZERO, 10);
    private final Channels channels = new Channels(List.of(sms, email));

    @Test
    void answersRegisteredChannelsByCodeInCodeOrder() {
        assertThat(channels.of(ChannelType.SMS)).isSameAs(sms);
        assertThat(channels.type(" SMS ")).isEqualTo(ChannelType.SMS);
        assertThat(channels.types()).containsExactly(ChannelType.EMAIL, ChannelType.SMS);
    }

    @Test
    void refusesAnUnknownCodeNamingTheKnownOnes() {
        assertThatThrownBy(() -> channels.type("fax")).isInstanceOf(UnknownChannel.class)
                .hasMessage("unknown channel 'fax'; known channels: email, sms");
        assertThatThrownBy(() -> channels.of(ChannelType.of("whatsapp"))).isInstanceOf(UnknownChannel.class)
                .hasMessageContaining("'whatsapp'");
        assertThatThrownBy(() -> channels.type("e mail!")).isInstanceOf(UnknownChannel.class)
                .hasMessageContaining("'e mail!'");
        assertThatThrownBy(() -> channels.type(" ")).hasMessage("channel is required");
    }

    @Test
    void refusesTwoDescriptorsForOneCode() {
        assertThatThrownBy(() -> new Channels(List.of(sms, TestChannel.of("sms", Duration.ZERO, 1))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'sms' is registered twice");
    }

    @Test
    void choosesTheRealTransportOverTheRecordingStandIn() {
        RecordingTransport recording = new RecordingTransport();
        OutboundTransport provider = transport(ChannelType.SMS, "twilio");

        Transports transports = new Transports(channels, List.of(recording.standIn(ChannelType.SMS), provider,
                recording.standIn(ChannelType.EMAIL)));

        assertThat(transports.of(ChannelType.SMS)).containsSame(provider);
        assertThat(transports.of(ChannelType.EMAIL)).map(OutboundTransport::name).contains("recording");
    }

    @Test
    void refusesToStartWithAChannelWithoutTransportOrATransportWithoutChannel() {
        assertThatThrownBy(() -> new Transports(channels, List.of(transport(ChannelType.SMS, "twilio"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("channel 'email' has no outbound transport");
        assertThatThrownBy(() -> new Transports(channels, List.of(transport(ChannelType.SMS, "twilio"), transport(ChannelType.EMAIL, "smtp"),
                transport(ChannelType.of("fax"), "fax"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("channel 'fax', which no channel package registered");
        assertThatThrownBy(() -> new Transports(channels, List.of(transport(ChannelType.SMS, "twilio"), transport(ChannelType.SMS, "generic"),
                transport(ChannelType.EMAIL, "smtp"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'sms' has two transports");
    }

    private static OutboundTransport transport(ChannelType channel, String name) {
        return new OutboundTransport() {
            @Override
            public ChannelType channel() {
                return channel;
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public SendResult send(OutboundMessage message) {
                return new SendResult.Sent(name);
            }
        };
    }
}
