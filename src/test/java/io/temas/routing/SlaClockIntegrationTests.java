package io.temas.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.shared.ChannelType;
import io.temas.shared.Priority;
import io.temas.support.TemasIntegrationTest;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * SLA due times against a stored calendar with a holiday: weekdays 09:00–18:00 in Istanbul, no
 * weekend hours, Thursday 23 April 2026 off. The demo policies give e-mail 4 hours to the first
 * response and 3 days (72 business hours) to resolve at normal priority, 1 hour and 24 hours at high.
 */
@TemasIntegrationTest
class SlaClockIntegrationTests {

    private static final ZoneId ISTANBUL = ZoneId.of("Europe/Istanbul");

    @Autowired
    SlaClock sla;

    @Autowired
    SlaPolicies policies;

    @Autowired
    Queues queues;

    @Autowired
    BusinessCalendars calendars;

    BusinessHours weekdays;
    UUID queue;

    @BeforeEach
    void queueOnAWeekdayCalendarWithAHoliday() {
        Map<DayOfWeek, List<List<String>>> schedule = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            schedule.put(day, List.of(List.of("09:00", "18:00")));
        }
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        weekdays = calendars.create(new BusinessCalendars.Draft("Hafta içi " + suffix, "Europe/Istanbul", schedule,
                List.of(new BusinessCalendars.Holiday(LocalDate.of(2026, 4, 23), "Ulusal Egemenlik ve Çocuk Bayramı"))));
        queue = queues.create("SLA " + suffix, "SLA", weekdays.id()).id();
    }

    @ParameterizedTest(name = "{0} {1} from {2}: first response by {3}, resolved by {4}")
    @CsvSource({
            // an ordinary Tuesday morning: the same afternoon; eight working days of nine hours on, past the holiday
            "normal, 2026-04-21T10:00, 2026-04-21T14:00, 2026-05-04T10:00",
            // two hours left on Wednesday; Thursday is the holiday, so the rest is Friday morning
            "normal, 2026-04-22T16:00, 2026-04-24T11:00, 2026-05-05T16:00",
            // half an hour left on Wednesday: the other half after the holiday
            "high,   2026-04-22T17:30, 2026-04-24T09:30, 2026-04-28T14:30",
            // received on the holiday itself: the clock starts on Friday at nine
            "high,   2026-04-23T11:00, 2026-04-24T10:00, 2026-04-28T15:00",
            // Friday evening: nothing counts until Monday
            "high,   2026-04-24T19:00, 2026-04-27T10:00, 2026-04-29T15:00"})
    void dueTimesSkipTheHolidayAndTheHoursTheTeamIsAway(String priority, String received, String firstResponse, String resolution) {
        SlaClock.Due due = sla.due(ChannelType.EMAIL, Priority.of(priority), queue, local(received));

        assertThat(due.firstResponse()).isEqualTo(local(firstResponse));
        assertThat(due.resolution()).isEqualTo(local(resolution));
        assertThat(due.policy()).isEqualTo("email " + priority);
    }

    @Test
    void aPolicysOwnCalendarCountsRatherThanTheQueues() {
        // The demo calendar of queue Genel works Saturday mornings; this policy's calendar does not.
        UUID genel = queues.findByName("Genel").orElseThrow().id();
        SlaPolicy urgentSocial = policies.create("social urgent " + weekdays.name(), ChannelType.SOCIAL, Priority.URGENT,
                Duration.ofHours(2), Duration.ofHours(12), weekdays.id());
        try {
            SlaClock.Due due = sla.due(ChannelType.SOCIAL, Priority.URGENT, genel, local("2026-04-24T17:00"));

            assertThat(due.firstResponse()).isEqualTo(local("2026-04-27T10:00"));
            assertThat(due.resolution()).isEqualTo(local("2026-04-28T11:00"));
        } finally {
            policies.delete(urgentSocial.id());
        }
    }

    private static Instant local(String time) {
        return LocalDateTime.parse(time.strip()).atZone(ISTANBUL).toInstant();
    }
}
