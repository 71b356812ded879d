package io.temas.channels.email;

import jakarta.mail.Session;
import java.time.Duration;
import java.util.Properties;

/** Jakarta Mail sessions for a mailbox's IMAP and SMTP servers, with timeouts so nothing hangs for ever. */
final class MailSessions {

    private static final String CONNECT_TIMEOUT = "15000";
    private static final String WRITE_TIMEOUT = "30000";

    private MailSessions() {
    }

    static String imapProtocol(EmailSettings.Imap imap) {
        return Boolean.TRUE.equals(imap.ssl()) ? "imaps" : "imap";
    }

    static Session imap(EmailSettings.Imap imap) {
        String p = "mail." + imapProtocol(imap) + ".";
        Properties props = new Properties();
        props.put(p + "host", imap.host());
        props.put(p + "port", String.valueOf(imap.portOrDefault()));
        props.put(p + "connectiontimeout", CONNECT_TIMEOUT);
        // Longer than the wake-up interval, so IDLE is woken before the read times out.
        props.put(p + "timeout", String.valueOf(imap.pollIntervalOrDefault().plus(Duration.ofSeconds(60)).toMillis()));
        props.put(p + "writetimeout", WRITE_TIMEOUT);
        props.put(p + "peek", "true");
        props.put(p + "partialfetch", "false");
        if (Boolean.TRUE.equals(imap.ssl())) {
            props.put(p + "ssl.enable", "true");
            props.put(p + "ssl.checkserveridentity", "true");
        }
        if (Boolean.TRUE.equals(imap.starttls())) {
            props.put(p + "starttls.enable", "true");
            props.put(p + "starttls.required", "true");
        }
        return Session.getInstance(props);
    }

    static Session smtp(EmailSettings.Smtp smtp) {
        String p = Boolean.TRUE.equals(smtp.ssl()) ? "mail.smtps." : "mail.smtp.";
        Properties props = new Properties();
        props.put(p + "host", smtp.host());
        props.put(p + "port", String.valueOf(smtp.portOrDefault()));
        props.put(p + "connectiontimeout", CONNECT_TIMEOUT);
        props.put(p + "timeout", WRITE_TIMEOUT);
        props.put(p + "writetimeout", WRITE_TIMEOUT);
        props.put(p + "auth", String.valueOf(smtp.username() != null && !smtp.username().isBlank()));
        if (Boolean.TRUE.equals(smtp.ssl())) {
            props.put(p + "ssl.enable", "true");
            props.put(p + "ssl.checkserveridentity", "true");
        }
        if (Boolean.TRUE.equals(smtp.starttls())) {
            props.put(p + "starttls.enable", "true");
            props.put(p + "starttls.required", "true");
        }
        return Session.getInstance(props);
    }

    static String smtpProtocol(EmailSettings.Smtp smtp) {
        return Boolean.TRUE.equals(smtp.ssl()) ? "smtps" : "smtp";
    }
}
