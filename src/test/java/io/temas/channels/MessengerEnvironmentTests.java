package io.temas.channels;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.channels.messenger.MessengerSettings;
import io.temas.channels.telegram.TelegramSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The messenger channels read their secrets from the environment variables the README names, and are inactive without them. */
class MessengerEnvironmentTests {

    @Test
    void telegramReadsItsEnvironmentVariables() {
        TelegramSettings settings = bind("temas.telegram", TelegramSettings.class, Map.of(
                "TEMAS_TELEGRAM_BOT_TOKEN", "123:abc", "TEMAS_TELEGRAM_SECRET_TOKEN", "s3cret", "TEMAS_TELEGRAM_BOT_USERNAME", "@ornek_bot"));
        assertThat(settings.configured()).isTrue();
        assertThat(settings.botToken()).isEqualTo("123:abc");
        assertThat(settings.entryPoint()).isEqualTo("ornek_bot");
        assertThat(settings.baseUrl()).isEqualTo("https://api.telegram.org");

        TelegramSettings without = bind("temas.telegram", TelegramSettings.class, Map.of("TEMAS_TELEGRAM_BOT_TOKEN", "123:abc"));
        assertThat(without.configured()).isFalse();
        assertThat(without.missing()).isEqualTo("temas.telegram.secret-token");

        TelegramSettings pasted = bind("temas.telegram", TelegramSettings.class, Map.of(
                "TEMAS_TELEGRAM_BOT_TOKEN", "123:abc\n", "TEMAS_TELEGRAM_SECRET_TOKEN", "s3cret"));
        assertThat(pasted.botToken()).isEqualTo("123:abc");
        assertThat(pasted.configured()).isTrue();
    }

    @Test
    void messengerReadsItsEnvironmentVariables() {
        MessengerSettings settings = bind("temas.messenger", MessengerSettings.class, Map.of(
                "TEMAS_MESSENGER_APP_SECRET", "a", "TEMAS_MESSENGER_VERIFY_TOKEN", "v", "TEMAS_MESSENGER_PAGE_ACCESS_TOKEN", "p",
                "TEMAS_MESSENGER_INSTAGRAM_ACCOUNT_ID", "178", "TEMAS_MESSENGER_API_VERSION", "v22.0"));
        assertThat(settings.configured()).isTrue();
        assertThat(settings.instagramAccountId()).isEqualTo("178");
        assertThat(settings.apiVersion()).isEqualTo("v22.0");
        assertThat(settings.baseUrl()).isEqualTo("https://graph.facebook.com");
        assertThat(settings.mediaHosts()).containsExactly("fbcdn.net", "fbsbx.com", "cdninstagram.com");
        assertThat(bind("temas.messenger", MessengerSettings.class, Map.of("TEMAS_MESSENGER_MEDIA_HOSTS", "fbcdn.net,127.0.0.1")).mediaHosts())
                .containsExactly("fbcdn.net", "127.0.0.1");

        MessengerSettings without = bind("temas.messenger", MessengerSettings.class, Map.of("TEMAS_MESSENGER_APP_SECRET", "a"));
        assertThat(without.missing()).isEqualTo("temas.messenger.verify-token, temas.messenger.page-access-token");
    }

    private static <T> T bind(String prefix, Class<T> type, Map<String, Object> environment) {
        var source = new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment);
        var sources = new org.springframework.core.env.MutablePropertySources();
        sources.addFirst(source);
        return new Binder(ConfigurationPropertySources.from(sources)).bindOrCreate(prefix, type);
    }
}
