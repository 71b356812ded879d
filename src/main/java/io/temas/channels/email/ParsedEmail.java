package io.temas.channels.email;

import io.temas.channels.InboundAttachment;
import io.temas.channels.InboundMessage;
import java.time.Instant;
import java.util.List;

/**
 * An e-mail as Temas understands it.
 *
 * @param messageId   the Message-ID header, with its angle brackets, or null
 * @param references  the ids it answers: References then In-Reply-To, oldest first, without duplicates
 * @param fromAddress the sender's address (lower-case), or null
 * @param fromName    the sender's display name, decoded, or null
 * @param replyTo     the Reply-To address when it differs from the sender, or null
 * @param recipients  To and Cc addresses (lower-case)
 * @param subject     decoded subject, or null
 * @param date        the Date header, or null
 * @param text        the whole plain-text body (from text/plain, else derived from the HTML)
 * @param displayText the body without quoted history and signature, for showing
 * @param html        the sanitised HTML body, or null
 * @param attachments attachments and inline images (inline ones carry their Content-ID)
 * @param automation  whether a robot sent it (Auto-Submitted, Precedence, list headers)
 * @param bounce      the delivery report when this is a delivery status notification, else null
 * @param language    the Content-Language header, or null
 */
public record ParsedEmail(
        String messageId,
        List<String> references,
        String fromAddress,
        String fromName,
        String replyTo,
        List<String> recipients,
        String subject,
        Instant date,
        String text,
        String displayText,
        String html,
        List<InboundAttachment> attachments,
        InboundMessage.Automation automation,
        DeliveryReport bounce,
        String language) {

    /** What a delivery status notification says about the recipients it names. */
    public record DeliveryReport(List<String> recipients, boolean permanent, String reason) {
    }

    public boolean isBounce() {
        return bounce != null;
    }
}
