package io.temas.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The promise counts the work already held, not only what waits: over many seeded situations
 * (the same on every run) more work of any kind never gives an earlier promise, a waiting
 * customer is never promised earlier than what the agents hold or than a customer still
 * unanswered was promised, and a promise past the SLA's due time says so.
 */
class HonestPromiseTests {

    private static final long SEED = 20_261_202L;
    private static final int STATES = 4_000;
    private static final double P = 0.8;
    private static final ZoneId ISTANBUL = ZoneId.of("Europe/Istanbul");
    private static final Instant YEAR_START = Instant.parse("2026-01-01T00:00:00Z");

    private static final BusinessHours OFFICE = new BusinessHours(null, "office", ISTANBUL, Map.of(
            DayOfWeek.MONDAY, List.of(interval("09:00", "18:00")),
            DayOfWeek.TUESDAY, List.of(interval("09:00", "18:00")),
            DayOfWeek.WEDNESDAY, List.of(interval("09:00", "18:00")),
            DayOfWeek.THURSDAY, List.of(interval("09:00", "18:00")),
            DayOfWeek.FRIDAY, List.of(interval("09:00", "18:00"))), Set.of());

    private static final List<BusinessHours> CALENDARS = List.of(OFFICE, BusinessHours.alwaysOpen(ISTANBUL));

    private record State(EtaEstimator.Situation situation, BusinessHours hours, Instant now) {

        Instant by() {
            return eta().by();
        }

        EtaEstimator.Eta eta() {
            return EtaEstimator.estimate(situation, hours, P, now);
        }

        State with(EtaEstimator.Situation changed) {
            return new State(changed, hours, now);
        }
    }

    private static State random(Random random) {
        BusinessHours hours = CALENDARS.get(random.nextInt(CALENDARS.size()));
        Instant now = YEAR_START.plusSeconds(random.nextLong(365L * 24 * 3600));
        int online = random.nextInt(6);
        double agentRate = 1 + random.nextDouble() * 15;
        boolean measured = random.nextBoolean();
        double teamRate = measured ? 0.5 + random.nextDouble() * 60 : Math.max(1, online) * agentRate;
        List<Integer> held = new ArrayList<>();
        for (int i = 0; i < online; i++) {
            held.add(random.nextInt(12));
        }
        boolean assigned = online > 0 && random.nextInt(3) == 0;
        Instant latest = random.nextBoolean() ? null : now.plusSeconds(random.nextLong(-3600, 6 * 3600));
        Instant due = random.nextBoolean() ? null : now.plusSeconds(random.nextLong(60, 24 * 3600));
        return new State(new EtaEstimator.Situation(online, agentRate, teamRate, measured, assigned ? 0 : random.nextInt(30), held,
                assigned ? 1 + random.nextInt(12) : null, assigned ? null : latest, due), hours, now);
    }

    /** The same situation with more work of one kind: more waiting, more held by one agent, a later earlier promise, more with the assignee. */
    private static EtaEstimator.Situation more(EtaEstimator.Situation s, Random random) {
        int extra = 1 + random.nextInt(5);
        return switch (random.nextInt(4)) {
            case 0 -> new EtaEstimator.Situation(s.online(), s.agentRate(), s.teamRate(), s.measured(), s.waitingAhead() + extra,
                    s.heldUnanswered(), s.heldByAssignee(), s.latestPromise(), s.slaDue());
            case 1 -> {
                List<Integer> held = new ArrayList<>(s.heldUnanswered());
                if (!held.isEmpty()) {
                    int who = random.nextInt(held.size());
                    held.set(who, held.get(who) + extra);
                }
                yield new EtaEstimator.Situation(s.online(), s.agentRate(), s.teamRate(), s.measured(), s.waitingAhead(), held,
                        s.heldByAssignee(), s.latestPromise(), s.slaDue());
            }
            case 2 -> new EtaEstimator.Situation(s.online(), s.agentRate(), s.teamRate(), s.measured(), s.waitingAhead(),
                    s.heldUnanswered(), s.heldByAssignee(), s.latestPromise() == null ? null : s.latestPromise().plusSeconds(60L * extra * 7),
                    s.slaDue());
            default -> new EtaEstimator.Situation(s.online(), s.agentRate(), s.teamRate(), s.measured(), s.waitingAhead(),
                    s.heldUnanswered(), s.heldByAssignee() == null ? null : s.heldByAssignee() + extra, s.latestPromise(), s.slaDue());
        };
    }

    @Test
    void moreWorkAheadNeverGivesAnEarlierPromise() {
        Random random = new Random(SEED);
        for (int i = 0; i < STATES; i++) {
            State state = random(random);
            State busier = state.with(more(state.situation(), random));
            assertThat(busier.by()).as("%s then %s", state, busier).isAfterOrEqualTo(state.by());
        }
    }

    @Test
    void aWaitingCustomerIsNeverPromisedEarlierThanWhatIsHeldOrWasPromised() {
        Random random = new Random(SEED + 1);
        int checked = 0;
        for (int i = 0; i < STATES; i++) {
            State state = random(random);
            EtaEstimator.Situation s = state.situation();
            if (s.heldByAssignee() != null) {
                continue;
            }
            checked++;
            Instant by = state.by();
            if (s.latestPromise() != null) {
                assertThat(by).as("%s", state).isAfterOrEqualTo(s.latestPromise());
            }
            for (int held : s.heldUnanswered()) {
                if (held > 0) {
                    // The last of an agent's held conversations, as it would be promised now with that agent.
                    State assigned = state.with(new EtaEstimator.Situation(s.online(), s.agentRate(), s.teamRate(), s.measured(), 0,
                            s.heldUnanswered(), held, null, null));
                    assertThat(by).as("%s against an agent holding %d", state, held).isAfterOrEqualTo(assigned.by());
                }
            }
        }
        assertThat(checked).isGreaterThan(STATES / 2);
    }

    @Test
    void theChosenAgentsHeldWorkMovesThePromise() {
        // Twelve e-mails to two agents of the queue, handed out alternately: each promise counts what its agent holds.
        Instant now = LocalDateTime.parse("2026-04-21T10:00").atZone(ISTANBUL).toInstant();
        BusinessHours hours = BusinessHours.alwaysOpen(ISTANBUL);
        List<Instant> promises = new ArrayList<>();
        int[] held = {0, 0};
        for (int mail = 0; mail < 12; mail++) {
            int agent = mail % 2;
            held[agent]++;
            promises.add(EtaEstimator.estimate(new EtaEstimator.Situation(2, 8, 16, false, 0, List.of(held[0], held[1]), held[agent], null,
                    null), hours, P, now).by());
        }
        for (int i = 1; i < promises.size(); i++) {
            assertThat(promises.get(i)).isAfterOrEqualTo(promises.get(i - 1));
        }
        assertThat(promises.getLast()).isAfter(promises.getFirst().plus(Duration.ofMinutes(30)));
    }

    @Test
    void aWaitingCustomerWaitsBehindWhatTheAgentsHold() {
        Instant now = LocalDateTime.parse("2026-04-21T10:00").atZone(ISTANBUL).toInstant();
        BusinessHours hours = BusinessHours.alwaysOpen(ISTANBUL);
        EtaEstimator.Eta idle = EtaEstimator.estimate(new EtaEstimator.Situation(2, 8, 16, false, 0, List.of(0, 0), null, null, null),
                hours, P, now);
        EtaEstimator.Eta full = EtaEstimator.estimate(new EtaEstimator.Situation(2, 8, 16, false, 0, List.of(6, 6), null, null, null),
                hours, P, now);

        assertThat(full.by()).isAfter(idle.by());
        assertThat(full.basis()).contains("12 held unanswered");
    }

    @Test
    void aPromisePastTheSlaSaysSo() {
        Instant now = LocalDateTime.parse("2026-04-21T10:00").atZone(ISTANBUL).toInstant();
        BusinessHours hours = BusinessHours.alwaysOpen(ISTANBUL);
        EtaEstimator.Situation busy = new EtaEstimator.Situation(2, 8, 16, false, 20, List.of(6, 6), null, null, now.plus(Duration.ofHours(1)));
        EtaEstimator.Situation calm = new EtaEstimator.Situation(2, 8, 16, false, 0, List.of(0, 0), null, null, now.plus(Duration.ofHours(1)));

        EtaEstimator.Eta late = EtaEstimator.estimate(busy, hours, P, now);
        EtaEstimator.Eta onTime = EtaEstimator.estimate(calm, hours, P, now);

        assertThat(late.by()).isAfter(now.plus(Duration.ofHours(1)));
        assertThat(late.beyondSla()).isTrue();
        assertThat(late.basis()).contains("later than the first response due");
        assertThat(onTime.beyondSla()).isFalse();
        assertThat(onTime.by()).isBeforeOrEqualTo(now.plus(Duration.ofHours(1)));
    }

    @Test
    void aPromiseIsPastTheSlaExactlyWhenItSaysSo() {
        Random random = new Random(SEED + 2);
        for (int i = 0; i < STATES; i++) {
            State state = random(random);
            EtaEstimator.Eta eta = state.eta();
            Instant due = state.situation().slaDue();
            assertThat(eta.beyondSla()).as("%s", state).isEqualTo(due != null && eta.by().isAfter(due));
        }
    }

    @Test
    void roundingNeverPushesAPromiseThatFitsPastTheSla() {
        // Nominal 8 an hour, one ahead: about 12 minutes, which rounds to 10:15; a first response due at 10:13 keeps 10:13.
        Instant now = LocalDateTime.parse("2026-04-21T10:00").atZone(ISTANBUL).toInstant();
        Instant due = now.plus(Duration.ofMinutes(13));
        EtaEstimator.Eta eta = EtaEstimator.estimate(new EtaEstimator.Situation(1, 8, 8, false, 0, List.of(0), null, null, due),
                BusinessHours.alwaysOpen(ISTANBUL), P, now);

        assertThat(eta.by()).isEqualTo(due);
        assertThat(eta.beyondSla()).isFalse();
    }

    private static BusinessHours.Interval interval(String start, String end) {
        return new BusinessHours.Interval(LocalTime.parse(start), LocalTime.parse(end));
    }
}
