package io.temas.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Autowired
    io.temas.conversations.Conversations conversations;

    @Autowired
    io.temas.customers.Customers customers;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port, TemasIntegrationTest.ADMIN_TOKEN);
    }

    @Test
    void withoutAnSmsProviderAnSmsConversationIsAnsweredByMailAndSmsIsShownUnreachable() {
        String phone = "+90555" + (1_000_000 + Math.floorMod(UUID.randomUUID().hashCode(), 8_999_999));
        String email = "secenek-" + UUID.randomUUID() + "@example.com";
        UUID conversation = inbound("""
                {"channel":"sms","entryPoint":"+908502220000","externalId":"%s","from":{"phone":"%s","email":"%s"},"text":"Merhaba"}"""
                .formatted(UUID.randomUUID(), phone, email));

        List<ReplyOption> options = replyOptions.of(conversation);

        assertThat(options).extracting(ReplyOption::channel).containsExactly(ChannelType.EMAIL);
        ReplyOption mail = options.getFirst();
        assertThat(mail.recipients()).containsExactly(email);
        assertThat(mail.senders()).isNotEmpty().allMatch(s -> s.contains("@"));
        assertThat(unreachable(conversation)).containsExactly(ChannelType.SMS);
        assertThatThrownBy(() -> replyOptions.choose(conversation, null, null, null)).isInstanceOf(CustomerUnreachable.class)
                .satisfies(e -> assertThat(((CustomerUnreachable) e).alternatives()).containsExactlyElementsOf(options));
    }

    @Test
    void aWebFormIsAnsweredByMailToTheAddressItLeftFromTheQueuesMailbox() {
        String email = "form-" + UUID.randomUUID() + "@example.com";
        UUID conversation = inbound("""
                {"channel":"webform","entryPoint":"web-iletisim","externalId":"%s","from":{"email":"%s"},"subject":"Kargo","text":"Kargom nerede?"}"""
                .formatted(UUID.randomUUID(), email));

        List<ReplyOption> options = replyOptions.of(conversation);

        assertThat(options).extracting(ReplyOption::channel).containsExactly(ChannelType.EMAIL);
        assertThat(options.getFirst().recipients()).containsExactly(email);
        assertThat(options.getFirst().senders().getFirst()).as("Genel's mailbox, not its campaign address").isEqualTo("bilgi@ornek.com.tr");
        assertThat(replyOptions.choose(conversation, null, null, null))
                .isEqualTo(new ReplyOptions.Chosen(ChannelType.EMAIL, "bilgi@ornek.com.tr", email));
        assertThat(unreachable(conversation)).isEmpty();
    }

    private List<ChannelType> unreachable(UUID conversation) {
        var c = conversations.get(conversation);
        return replyOptions.unreachable(c, customers.identities(new io.temas.customers.CustomerId(c.customerId())),
                conversations.messages(conversation));
    }

    private UUID inbound(String json) {
        Api.Response response = api.post("/api/v1/inbound", json);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return UUID.fromString(response.text("/conversationId"));
    }
}
