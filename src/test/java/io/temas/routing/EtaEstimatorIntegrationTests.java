package io.temas.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.shared.ChannelType;
import io.temas.support.TemasIntegrationTest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The promise an acknowledgement makes, in a queue on the demo calendar (weekdays 09:00–18:00,
 * Saturdays 10:00–14:00, Turkish public holidays) with nobody waiting and nobody online: the
 * nominal e-mail rate (8 an hour) at the quantile calibrated for 80% kept promises (0.6) is a
 * wait of 6 minutes 52 seconds, counted from the next opening and rounded up to the hour when the
 * wait is long.
 */
@TemasIntegrationTest
class EtaEstimatorIntegrationTests {

    private static final ZoneId ISTANBUL = ZoneId.of("Europe/Istanbul");

    @Autowired
    EtaEstimator estimator;

    @Autowired
    Queues queues;

    @Autowired
    BusinessCalendars calendars;

    UUID queue;

    @BeforeEach
    void queueOnTheDemoCalendar() {
        BusinessHours demo = calendars.all().stream().filter(c -> c.name().equals("İstanbul mesai")).findFirst().orElseThrow();
        queue = queues.create("Söz " + UUID.randomUUID().toString().substring(0, 8), "ETA", demo.id()).id();
    }

    @ParameterizedTest(name = "a message at {0} is promised an answer by {1}")
    @CsvSource({
            // closed for the weekend: Monday's opening at 09:00, plus the wait
            "2026-04-25T20:00, 2026-04-27T10:00",
            "2026-04-26T11:00, 2026-04-27T10:00",
            // five minutes before Saturday closes: the rest of the wait on Monday morning
            "2026-04-25T13:55, 2026-04-27T10:00",
            // a minute before Friday closes: the rest of the wait when Saturday opens
            "2026-04-24T17:59, 2026-04-25T11:00",
            // Wednesday evening before the 23 April holiday: not Thursday but Friday
            "2026-04-22T18:30, 2026-04-24T10:00",
            // before the four days of Kurban Bayramı (27–30 May) and a Sunday: the Monday after
            "2026-05-26T20:00, 2026-06-01T10:00",
            // open and quiet: seven minutes, to the minute
            "2026-04-21T10:00, 2026-04-21T10:07"})
    void closedHoursAndHolidaysMoveThePromiseToTheNextOpening(String sent, String promised) {
        Instant now = local(sent);

        EtaEstimator.Eta eta = estimator.estimate(queue, ChannelType.EMAIL, List.of(), null, null, now);

        assertThat(eta.localBy().toLocalDateTime()).isEqualTo(LocalDateTime.parse(promised));
        assertThat(eta.zone()).isEqualTo(ISTANBUL);
    }

    /**
     * The queue's figures are read at most once a second, but a conversation estimated meanwhile still counts as waiting
     * ahead of the next: forty new conversations in the same instant are promised later and later, never all the same.
     */
    @org.junit.jupiter.api.Test
    void conversationsArrivingWithinTheSameSecondEachWaitBehindTheOnesBefore() {
        Instant now = local("2026-04-21T10:00");
        List<Instant> promised = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            promised.add(estimator.estimate(queue, ChannelType.EMAIL, List.of(), null, null, now).by());
        }

        assertThat(promised).isSortedAccordingTo(java.util.Comparator.naturalOrder());
        assertThat(promised.getFirst()).isEqualTo(local("2026-04-21T10:07"));
        assertThat(promised.getLast()).as("39 ahead at 8 an hour").isAfter(local("2026-04-21T13:00"));
    }

    /** The queue's waiting line is one whatever the channel: an SMS estimated after twenty e-mails waits behind them. */
    @org.junit.jupiter.api.Test
    void conversationsOfOtherChannelsEstimatedInTheSameSecondCountAsWaitingAhead() {
        Instant now = local("2026-04-21T10:00");
        Instant alone = estimator.estimate(queue, ChannelType.SMS, List.of(), null, null, now).by();
        UUID busy = queues.create("Söz " + UUID.randomUUID().toString().substring(0, 8), "ETA",
                calendars.all().stream().filter(c -> c.name().equals("İstanbul mesai")).findFirst().orElseThrow().id()).id();
        for (int i = 0; i < 20; i++) {
            estimator.estimate(busy, ChannelType.EMAIL, List.of(), null, null, now);
        }

        Instant behind = estimator.estimate(busy, ChannelType.SMS, List.of(), null, null, now).by();

        assertThat(behind).as("twenty e-mails ahead").isAfter(alone);
    }

    private static Instant local(String time) {
        return LocalDateTime.parse(time).atZone(ISTANBUL).toInstant();
    }
}
