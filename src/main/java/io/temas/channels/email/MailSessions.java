package io.temas.channels.email;

import jakarta.mail.Session;
import java.time.Duration;
import java.util.Properties;

/** Jakarta Mail sessions for a mailbox's IMAP and SMTP servers, with timeouts so nothing hangs for ever. */
final class MailSessions {

    /** The system property Jakarta Mail reads for the class that makes its header and part streams. */
    static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

    /** Angus Mail's provider, the one the service loader would find. */
    static final String ANGUS_STREAM_PROVIDER = "org.eclipse.angus.mail.util.MailStreamProvider";

    private static final String CONNECT_TIMEOUT = "15000";
    private static final String WRITE_TIMEOUT = "30000";

    private MailSessions() {
    }

    /**
     * Names Jakarta Mail's stream provider for the whole process, unless the property already names one; the parser
     * calls it when the e-mail channel starts, before any mail is fetched, parsed or sent. Without a
     * name, Jakarta Mail (2.1) looks the provider up through the service loader every time it reads a block of
     * headers or a part: it scans the class path for the service file, inside the packaged jar's nested archives, and
     * that scan was the larger part of the CPU an e-mail cost. Named, the look-up is one class by name.
     *
     * <p>Jakarta Mail loads a named provider through the reading thread's context class loader and, unlike the
     * service loader, does not fall back to its own when that loader cannot see the class. Every thread Temas starts
     * inherits a context class loader that sees Angus Mail (the application's); mail must not be read on a thread
     * whose context class loader is the JDK's system loader, such as the common fork-join pool's inside the packaged
     * jar.
     */
    static void nameStreamProvider() {
        if (System.getProperty(STREAM_PROVIDER) != null) {
            return;
        }
        try {
            Class.forName(ANGUS_STREAM_PROVIDER, false, MailSessions.class.getClassLoader());
        } catch (ClassNotFoundException renamed) {
            // Another Angus Mail names it differently: the service loader still finds it, only more slowly.
            return;
        }
        System.setProperty(STREAM_PROVIDER, ANGUS_STREAM_PROVIDER);
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
        tls(props, p, imap.ssl(), imap.starttls());
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
        tls(props, p, smtp.ssl(), smtp.starttls());
        return Session.getInstance(props);
    }

    /** Implicit TLS, or a STARTTLS upgrade that must happen; both check the server's name against its certificate. */
    private static void tls(Properties props, String prefix, Boolean ssl, Boolean starttls) {
        if (Boolean.TRUE.equals(ssl)) {
            props.put(prefix + "ssl.enable", "true");
            props.put(prefix + "ssl.checkserveridentity", "true");
        }
        if (Boolean.TRUE.equals(starttls)) {
            props.put(prefix + "starttls.enable", "true");
            props.put(prefix + "starttls.required", "true");
            props.put(prefix + "ssl.checkserveridentity", "true");
        }
    }

    static String smtpProtocol(EmailSettings.Smtp smtp) {
        return Boolean.TRUE.equals(smtp.ssl()) ? "smtps" : "smtp";
    }
}
