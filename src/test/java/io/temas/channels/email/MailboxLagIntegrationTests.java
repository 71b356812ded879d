package io.temas.channels.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.temas.channels.InboundSink;
import io.temas.support.Scrape;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Each mailbox's lag as Prometheus scrapes it: how long since its fetcher listed it, and how many
 * messages it listed but has not committed (a fetcher that fails halfway leaves them counted
 * until a later fetch commits them).
 */
class MailboxLagIntegrationTests extends MailServerTest {

    private static final String ADDRESS = "olcum@ornek.com.tr";

    static {
        MAIL.setUser(ADDRESS, ADDRESS, PASSWORD);
    }

    @Autowired
    InboundSink pipeline;

    @Autowired
    MailboxStates states;

    @Autowired
    EmailSettings settings;

    @Test
    void runningMailboxesReportHowLongSinceTheirFetcherListedThem() {
        // The configured mailboxes' fetchers list them every two seconds here.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Scrape scrape = Scrape.of(api);
            assertThat(scrape.get("temas_mailbox_fetch_age_seconds", "mailbox", "fatura@ornek.com.tr")).isLessThan(60);
            assertThat(scrape.get("temas_mailbox_uncommitted", "mailbox", "fatura@ornek.com.tr")).isZero();
        });
    }

    @Test
    void messagesListedButNotCommittedAreCountedUntilAFetchCommitsThem() throws Exception {
        Mailbox mailbox = new Mailbox(null, ADDRESS, "Genel",
                new EmailSettings.Imap("127.0.0.1", MAIL.getImap().getPort(), ADDRESS, PASSWORD, false, false, null, false,
                        Duration.ofSeconds(1)), null, "test");
        for (int i = 1; i <= 3; i++) {
            send(unique("olcum") + "@example.com", ADDRESS, "Ölçüm " + i, "Metin " + i, null, Map.of());
        }

        // The second message fails before the pipeline committed it: the first and third are taken, the mark stays at the
        // first, so two listed messages are above it.
        MailboxFetcher failing = fetcher(mailbox, new MailboxFetcherCrashIntegrationTests.CrashingSink(pipeline, 2, false));
        assertThatThrownBy(failing::fetchOnce).hasMessageContaining("crash");
        failing.stop();
        assertThat(Scrape.of(api).get("temas_mailbox_uncommitted", "mailbox", ADDRESS)).isEqualTo(2);
        assertThat(Scrape.of(api).get("temas_mailbox_fetch_age_seconds", "mailbox", ADDRESS)).isGreaterThanOrEqualTo(0);

        MailboxFetcher working = fetcher(mailbox, pipeline);
        assertThat(working.fetchOnce()).as("the third was taken already").isEqualTo(1);
        working.stop();
        assertThat(Scrape.of(api).get("temas_mailbox_uncommitted", "mailbox", ADDRESS)).isZero();
    }

    private MailboxFetcher fetcher(Mailbox mailbox, InboundSink sink) {
        return new MailboxFetcher(mailbox, new EmailIngest(sink, settings, Clock.systemUTC()), states, 1);
    }
}
