package io.temas.channels.email;

import io.temas.shared.ReasonCode;
import io.temas.channels.OutboundMessage;
import io.temas.channels.OutboundTransport;
import io.temas.channels.RecordingTransport;
import io.temas.channels.SendResult;
import io.temas.shared.ChannelType;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends e-mail through the SMTP server of the mailbox it is sent from, keeping the Message-ID,
 * In-Reply-To and References the conversation chose, so the customer's mail client threads it.
 * Mail from an address without SMTP settings is recorded and marked not sent. Refused recipients and 5xx
 * replies are permanent failures; everything else is retried by the outbox.
 */
@Component
class SmtpTransport implements OutboundTransport {

    private static final Logger log = LoggerFactory.getLogger(SmtpTransport.class);

    private final Mailboxes mailboxes;
    private final RecordingTransport recording;
    private final java.util.Set<String> warned = java.util.concurrent.ConcurrentHashMap.newKeySet();

    SmtpTransport(Mailboxes mailboxes, RecordingTransport recording) {
        this.mailboxes = mailboxes;
        this.recording = recording;
    }

    @Override
    public ChannelType channel() {
        return ChannelType.EMAIL;
    }

    @Override
    public String name() {
        return "smtp";
    }

    /** A connection of its own to the mailbox's SMTP server per send, nothing written: sends go side by side. */
    @Override
    public boolean sendsSideBySide() {
        return true;
    }

    @Override
    public SendResult send(OutboundMessage message) {
        Optional<Mailbox> mailbox = mailboxes.findByAddress(message.sender()).filter(Mailbox::sends);
        if (mailbox.isEmpty()) {
            if (warned.add(String.valueOf(message.sender()))) {
                log.warn("No SMTP settings for {}; mail from it is recorded in the outbox and marked not sent", message.sender());
            }
            return recording.send(message, "no way to send mail from " + message.sender() + ": it has no SMTP server configured",
                    io.temas.shared.ReasonCode.of("delivery.noSmtp", message.sender()));
        }
        EmailSettings.Smtp smtp = mailbox.get().smtp();
        Session session = MailSessions.smtp(smtp);
        try {
            MimeMessage mime = build(session, message);
            try (Transport transport = session.getTransport(MailSessions.smtpProtocol(smtp))) {
                transport.connect(smtp.host(), smtp.portOrDefault(), blankToNull(smtp.username()), blankToNull(smtp.password()));
                transport.sendMessage(mime, mime.getAllRecipients());
            }
            return new SendResult.Sent(mime.getMessageID());
        } catch (SMTPAddressFailedException e) {
            return classify(e.getReturnCode(), "recipient refused: " + e.getMessage());
        } catch (SMTPSendFailedException e) {
            return classify(e.getReturnCode(), e.getMessage());
        } catch (SendFailedException e) {
            boolean refused = e.getInvalidAddresses() != null && e.getInvalidAddresses().length > 0;
            return refused ? new SendResult.PermanentFailure("invalid recipient: " + e.getMessage())
                    : new SendResult.TemporaryFailure(e.getMessage());
        } catch (MessagingException e) {
            return new SendResult.TemporaryFailure(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static SendResult classify(int code, String reason) {
        return code >= 500 ? new SendResult.PermanentFailure(code + " " + reason) : new SendResult.TemporaryFailure(code + " " + reason);
    }

    static MimeMessage build(Session session, OutboundMessage message) throws MessagingException {
        String messageId = message.headers().get("Message-ID");
        MimeMessage mime = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                if (messageId != null) {
                    setHeader("Message-ID", messageId);
                } else {
                    super.updateMessageID();
                }
            }
        };
        try {
            mime.setFrom(new InternetAddress(message.sender()));
            mime.setRecipients(Message.RecipientType.TO, InternetAddress.parse(message.recipient()));
        } catch (jakarta.mail.internet.AddressException e) {
            throw new SendFailedException("invalid address '" + e.getRef() + "': " + e.getMessage(), e,
                    new jakarta.mail.Address[0], new jakarta.mail.Address[0], new jakarta.mail.Address[] {new InternetAddress()});
        }
        mime.setSubject(message.subject() == null ? "" : message.subject(), "UTF-8");
        mime.setSentDate(new Date());
        mime.setText(message.body(), "UTF-8");
        for (Map.Entry<String, String> header : message.headers().entrySet()) {
            if (!"Message-ID".equalsIgnoreCase(header.getKey()) && header.getValue() != null) {
                mime.setHeader(header.getKey(), header.getValue());
            }
        }
        mime.saveChanges();
        return mime;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

}
