package io.temas.chat;

import io.temas.channels.OutboundMessage;
import io.temas.channels.Outbox;
import io.temas.conversations.Conversations;
import io.temas.conversations.Message;
import io.temas.conversations.NewMessage;
import io.temas.conversations.References;
import io.temas.routing.EntryPoint;
import io.temas.routing.EntryPoints;
import io.temas.shared.ChannelType;
import io.temas.shared.Conflict;
import io.temas.shared.InvalidInput;
import io.temas.shared.TextInput;
import java.time.Clock;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A chat's transcript by e-mail, once per chat, in the visitor's language, from the mailbox of the chat's queue
 * (or any of ours). It goes through the outbox like every e-mail, and when the chat has a
 * conversation it is written there too, so the agent sees it was sent and whether it left.
 */
@Component
class ChatTranscripts {

    private final ChatLog log;
    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;
    private final ChatTexts texts;
    private final EntryPoints entryPoints;
    private final Conversations conversations;
    private final Outbox outbox;
    private final Clock clock;
    private final String publicUrl;

    ChatTranscripts(ChatLog log, org.springframework.jdbc.core.simple.JdbcClient jdbc, ChatTexts texts, EntryPoints entryPoints, Conversations conversations, Outbox outbox, Clock clock,
                    @Value("${temas.public-url:http://localhost:8080}") String publicUrl) {
        this.log = log;
        this.jdbc = jdbc;
        this.texts = texts;
        this.entryPoints = entryPoints;
        this.conversations = conversations;
        this.outbox = outbox;
        this.clock = clock;
        this.publicUrl = publicUrl == null ? "" : publicUrl.replaceAll("/+$", "");
    }

    @Transactional
    void send(ChatSessions.Session session, String email) {
        String address = email == null ? null : TextInput.check("email", email.strip(), false);
        if (address == null || !ChatSessions.EMAIL.matcher(address).matches()) {
            throw new InvalidInput("email", "email is not an e-mail address");
        }
        if (!session.ended()) {
            throw new Conflict("the transcript is sent after the chat ends");
        }
        int first = jdbc.sql("update chat_sessions set transcript_sent_at = ? where id = ? and transcript_sent_at is null")
                .params(java.sql.Timestamp.from(clock.instant()), session.id()).update();
        if (first == 0) {
            // Once per chat: the endpoint must not become a way to mail anybody from our mailbox again and again.
            throw new Conflict("the transcript of this chat has been sent already");
        }
        String sender = mailbox(session.entryPoint())
                .orElseThrow(() -> new Conflict("no mailbox to send the transcript from; an admin adds an e-mail entry point"));
        String body = texts.get(session.language(), "chat.transcript.intro") + "\n\n"
                + ChatTranscript.text(log.all(session.id()), session.language(), texts, session.entryPoint())
                .replace("(/portal/", "(" + publicUrl + "/portal/");
        String subject = texts.get(session.language(), "chat.transcript.subject");
        String headerId = References.newHeaderId(sender);
        Map<String, String> headers = Map.of("Message-ID", headerId, "Auto-Submitted", "auto-replied", "X-Temas-Kind", "chat-transcript");
        UUID messageId = null;
        if (session.conversationId() != null) {
            messageId = conversations.add(new NewMessage(session.conversationId(), Message.Direction.OUTBOUND, "transcript",
                    ChannelType.EMAIL, null, headerId, sender, address, subject, body, null, session.language().code(), "system",
                    clock.instant()));
        }
        outbox.enqueue(new OutboundMessage(ChannelType.EMAIL, sender, address, subject, body, headers, session.conversationId(), messageId));
    }

    /** The e-mail entry point of the chat's queue, else the first of ours. */
    private java.util.Optional<String> mailbox(EntryPoint chat) {
        return entryPoints.all().stream().filter(e -> e.address().contains("@") && e.campaign() == null
                        && (e.channel() == null || ChannelType.EMAIL.equals(e.channel())))
                .min(Comparator.comparing((EntryPoint e) -> !e.queueId().equals(chat.queueId())).thenComparing(EntryPoint::address))
                .map(EntryPoint::address);
    }
}
