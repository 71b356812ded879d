package io.temas.chat;

import static io.temas.support.ChatVisitor.type;
import static org.assertj.core.api.Assertions.assertThat;

import io.temas.channels.email.MailServerTest;
import io.temas.support.ChatVisitor;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

/** A visitor asks for the chat's transcript after it ends and receives it from the queue's mailbox over real SMTP. */
class ChatTranscriptMailIntegrationTests extends MailServerTest {

    @Test
    void theTranscriptArrivesByMailInTheVisitorsLanguage() throws Exception {
        String entryPoint = unique("fatura-sohbet");
        assertThat(api.post("/api/v1/entry-points", "{\"address\":\"" + entryPoint + "\",\"channel\":\"chat\",\"queue\":\"Fatura\"}")
                .status()).isEqualTo(201);
        String email = unique("dokum") + "@example.com";
        try (ChatVisitor visitor = new ChatVisitor(port, null)) {
            visitor.start("{\"entryPoint\":\"" + entryPoint + "\",\"language\":\"tr\"}");
            visitor.listen(0);
            assertThat(visitor.post("/chat/v1/sessions/" + visitor.sessionId + "/transcript", "{\"email\":\"" + email + "\"}",
                    visitor.token).status()).as("before the chat ends").isEqualTo(409);
            visitor.say("Faturamı nasıl öderim?");
            visitor.await(e -> e.path("articles").size() > 0);
            visitor.post("/chat/v1/sessions/" + visitor.sessionId + "/answered", "{\"answered\":true}", visitor.token);
            visitor.await(type("ended", null));
            assertThat(visitor.post("/chat/v1/sessions/" + visitor.sessionId + "/transcript", "{\"email\":\"not an address\"}",
                    visitor.token).status()).isEqualTo(400);
            assertThat(visitor.post("/chat/v1/sessions/" + visitor.sessionId + "/transcript", "{\"email\":\"" + email + "\"}",
                    visitor.token).status()).isEqualTo(202);
            assertThat(visitor.post("/chat/v1/sessions/" + visitor.sessionId + "/transcript", "{\"email\":\"someone@example.com\"}",
                    visitor.token).status()).as("once per chat, never a relay").isEqualTo(409);
        }
        MimeMessage mail = awaitMail(email, m -> true);
        assertThat(mail.getSubject()).isEqualTo("Sohbet dökümünüz");
        assertThat(mail.getFrom()[0].toString()).contains("fatura@ornek.com.tr");
        String text = mail.getContent().toString();
        assertThat(text).contains("Siz: Faturamı nasıl öderim?").contains("Faturamı nasıl öderim? (").contains("/portal/articles/");
    }
}
