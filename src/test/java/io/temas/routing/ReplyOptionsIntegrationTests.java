package io.temas.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.shared.ChannelType;
import io.temas.support.Api;
import io.temas.support.TemasIntegrationTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@TemasIntegrationTest
class ReplyOptionsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    ReplyOptions replyOptions;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
    }

    @Test
    void anSmsConversationIsAnsweredBySmsFromANumberAndByMailToTheCustomersAddress() {
        String phone = "+90555" + (1_000_000 + Math.floorMod(UUID.randomUUID().hashCode(), 8_999_999));
        String email = "secenek-" + UUID.randomUUID() + "@example.com";
        UUID conversation = inbound("""
                {"channel":"sms","entryPoint":"+908502220000","externalId":"%s","from":{"phone":"%s","email":"%s"},"text":"Merhaba"}"""
                .formatted(UUID.randomUUID(), phone, email));

        List<ReplyOption> options = replyOptions.of(conversation);

        assertThat(options).extracting(ReplyOption::channel).containsExactly(ChannelType.SMS, ChannelType.EMAIL);
        ReplyOption sms = options.getFirst();
        assertThat(sms.recipients()).containsExactly(phone);
        assertThat(sms.senders().getFirst()).isEqualTo("+908502220000");
        assertThat(sms.senders()).allMatch(s -> s.startsWith("+"));
        ReplyOption mail = options.get(1);
        assertThat(mail.recipients()).containsExactly(email);
        assertThat(mail.senders()).isNotEmpty().allMatch(s -> s.contains("@"));
    }

    @Test
    void aWebFormIsAnsweredOnItsOwnEntryPointAndByMailButNeverByText() {
        String email = "form-" + UUID.randomUUID() + "@example.com";
        UUID conversation = inbound("""
                {"channel":"webform","entryPoint":"web-iletisim","externalId":"%s","from":{"email":"%s"},"subject":"Kargo","text":"Kargom nerede?"}"""
                .formatted(UUID.randomUUID(), email));

        List<ReplyOption> options = replyOptions.of(conversation);

        assertThat(options).extracting(ReplyOption::channel).containsExactly(ChannelType.WEBFORM, ChannelType.EMAIL);
        assertThat(options.getFirst().senders().getFirst()).isEqualToIgnoringCase("web-iletisim");
        assertThat(options).allMatch(o -> o.recipients().equals(List.of(email)));
    }

    private UUID inbound(String json) {
        Api.Response response = api.post("/api/v1/inbound", json);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return UUID.fromString(response.text("/conversationId"));
    }
}
