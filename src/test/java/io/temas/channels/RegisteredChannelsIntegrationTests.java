package io.temas.channels;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.inbound.InboundSettings;
import io.temas.routing.RoutingSettings;
import io.temas.support.Api;
import io.temas.support.TemasIntegrationTest;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Every registered channel is complete: settings that make sense, a label in every language and
 * a transport. A channel package that forgets one fails here, not silently in production.
 */
@TemasIntegrationTest
class RegisteredChannelsIntegrationTests {

    @Autowired
    Channels channels;
    @Autowired
    InboundSettings inbound;
    @Autowired
    RoutingSettings routing;
    @Autowired
    OutboxDispatcher dispatcher;
    @LocalServerPort
    int port;

    @Test
    void includesEveryChannelTheProductShipsWith() {
        assertThat(channels.types()).extracting(t -> t.code()).contains("chat", "email", "sms", "social", "voice", "webform");
    }

    @Test
    void everyChannelHasSettingsLabelsAndATransport() throws IOException {
        List<Properties> bundles = List.of(bundles(""), bundles("_tr"), bundles("_az"), bundles("_en"));
        assertThat(channels.all()).as("registered channels").isNotEmpty();
        SoftAssertions softly = new SoftAssertions();
        for (Channel channel : channels.all()) {
            String code = channel.type().code();
            softly.assertThat(inbound.window(channel)).as("threading window of %s", code).isNotNull().isGreaterThanOrEqualTo(java.time.Duration.ZERO);
            softly.assertThat(routing.capacity(channel)).as("capacity of %s", code).isPositive();
            softly.assertThat(routing.handlingRate(channel)).as("handling rate of %s", code).isPositive();
            softly.assertThat(channel.replyAddress()).as("reply address of %s", code).isNotNull();
            softly.assertThat(channel.acknowledgement()).as("acknowledgement of %s", code).isNotNull();
            softly.assertThat(channel.optOutWords()).as("opt-out words of %s", code).isNotNull();
            for (int i = 0; i < bundles.size(); i++) {
                softly.assertThat(bundles.get(i).getProperty(channel.labelKey())).as("label %s in bundle %s", channel.labelKey(),
                        List.of("default", "tr", "az", "en").get(i)).isNotBlank();
            }
            softly.assertThat(dispatcher.transportOf(channel.type())).as("transport of %s", code).isPresent();
        }
        softly.assertAll();
    }

    @Test
    void theInboundApiRefusesAnUnknownChannelNamingTheKnownOnes() {
        Api.Response refused = new Api(port, TemasIntegrationTest.ADMIN_TOKEN).post("/api/v1/inbound", """
                {"channel":"fax","entryPoint":"+908502220000","externalId":"fax-1","from":{"phone":"+905551112233"},"text":"Merhaba"}""");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("/detail")).contains("unknown channel 'fax'", "known channels: ", "email", "sms");
    }

    /** Every bundle file of one language merged, read as the files are (no fallback to another language). */
    private static Properties bundles(String suffix) throws IOException {
        Properties merged = new Properties();
        for (Resource file : new PathMatchingResourcePatternResolver().getResources("classpath*:i18n/*.properties")) {
            String name = file.getFilename();
            boolean ofLanguage = suffix.isEmpty() ? !name.matches(".*_[a-z]{2}\\.properties") : name.endsWith(suffix + ".properties");
            if (ofLanguage) {
                try (var reader = new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8)) {
                    merged.load(reader);
                }
            }
        }
        return merged;
    }
}
