package io.temas.channels.email;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The e-mail channel's settings. Mailboxes can be listed here (so environment variables such as
 * {@code TEMAS_EMAIL_MAILBOXES_0_ADDRESS} work) or added through the API.
 *
 * @param mailboxes          mailboxes from configuration
 * @param fetch              run the IMAP fetchers (off for a node that only sends)
 * @param maxMessageBytes    larger messages go to the quarantine
 * @param maxAttachmentBytes larger attachments are not stored separately (the raw message keeps them)
 * @param parallelism        workers handing one mailbox's mail to the pipeline at once (one sender's mail stays in order)
 */
@ConfigurationProperties("temas.email")
public record EmailSettings(
        List<MailboxSettings> mailboxes,
        @DefaultValue("true") boolean fetch,
        @DefaultValue("52428800") long maxMessageBytes,
        @DefaultValue("26214400") long maxAttachmentBytes,
        @DefaultValue("8") int parallelism) {

    public EmailSettings {
        mailboxes = mailboxes == null ? List.of() : List.copyOf(mailboxes);
        if (parallelism < 1 || parallelism > 256) {
            throw new IllegalArgumentException("temas.email.parallelism must be between 1 and 256, not " + parallelism);
        }
    }

    public EmailLimits limits() {
        return new EmailLimits(maxMessageBytes, maxAttachmentBytes);
    }

    /** One mailbox: its address (an entry point), the queue its mail goes to, how to fetch and how to send. */
    public record MailboxSettings(String address, String queue, Imap imap, Smtp smtp) {
    }

    /**
     * IMAP access.
     *
     * @param ssl          implicit TLS (port 993)
     * @param starttls     upgrade a plain connection with STARTTLS (required when set)
     * @param folder       the folder to fetch, INBOX by default
     * @param idle         wait with IMAP IDLE between fetches when the server supports it
     * @param pollInterval how often to look when IDLE is off or unsupported (and to wake IDLE)
     */
    public record Imap(String host, Integer port, String username, String password, Boolean ssl, Boolean starttls, String folder,
                       Boolean idle, Duration pollInterval) {

        public int portOrDefault() {
            return port != null ? port : Boolean.TRUE.equals(ssl) ? 993 : 143;
        }

        public String folderOrDefault() {
            return folder == null || folder.isBlank() ? "INBOX" : folder;
        }

        public Duration pollIntervalOrDefault() {
            return pollInterval == null ? Duration.ofSeconds(60) : pollInterval;
        }

        public boolean useIdle() {
            return idle == null || idle;
        }
    }

    /** SMTP access for sending from the mailbox's address. */
    public record Smtp(String host, Integer port, String username, String password, Boolean ssl, Boolean starttls) {

        public int portOrDefault() {
            return port != null ? port : Boolean.TRUE.equals(ssl) ? 465 : 587;
        }
    }
}
