package io.temas.bench;

import io.temas.routing.BusinessHours;
import io.temas.routing.EtaEstimator;
import io.temas.routing.RoutingSettings;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * How well acknowledgements keep their promise: a deterministic simulation of working days of
 * e-mail to one queue, with the real estimator ({@link EtaEstimator#estimate(EtaEstimator.Situation,
 * BusinessHours, double, Instant)}, the arithmetic acknowledgements run) asked at each arrival
 * exactly what the pipeline would tell it, on a simulated clock. Reports the share of customers
 * whose first answer came by the promised time, overall and by the hour they wrote, against the
 * configured percentile.
 *
 * <p>The simulated team: agents on shift 09:00–18:00 on weekdays (the office calendar the
 * estimator counts in), each holding at most {@code capacity} open conversations and answering
 * their unanswered ones oldest first, one at a time, with handling times drawn from a log-normal
 * distribution whose mean is the nominal handling rate; an answered conversation stays open
 * (taking a place) for an exponentially distributed time before it is closed, and a place freed
 * goes to the oldest waiting conversation, to the agent with the most room, as {@code Assignment}
 * does. Arrivals are a non-homogeneous Poisson stream from 07:00 to 21:00 with peaks at 10:00
 * and 14:00.
 *
 * <p>Run: {@code ./mvnw -Pbench test-compile exec:java -Dexec.mainClass=io.temas.bench.PromiseAccuracyDriver}
 * with {@code -Dbench.days}, {@code -Dbench.agents}, {@code -Dbench.perDay}, {@code -Dbench.seed},
 * {@code -Dbench.percentile}, {@code -Dbench.cv}.
 */
public final class PromiseAccuracyDriver {

    private static final ZoneId ISTANBUL = ZoneId.of("Europe/Istanbul");
    private static final BusinessHours OFFICE = new BusinessHours(null, "office", ISTANBUL, weekdays("09:00", "18:00"), Set.of());
    private static final Duration STEP = Duration.ofSeconds(5);
    private static final Duration RATE_WINDOW = Duration.ofHours(2);

    /** Everything the simulation is given. */
    record Setup(int days, int agents, int capacity, double ratePerHour, double handlingCv, Duration meanOpenAfterAnswer,
                 double perDay, double percentile, long seed) {
    }

    /** One customer: when they wrote, what they were promised, when they were answered. */
    static final class Customer {
        final Instant arrived;
        Instant promised;
        Instant answered;
        double work;
        Agent agent;

        Customer(Instant arrived) {
            this.arrived = arrived;
        }
    }

    static final class Agent {
        final Deque<Customer> unanswered = new ArrayDeque<>();
        int open;
        double remaining;
    }

    /** What came out, overall and per hour of arrival. */
    record Result(int customers, int kept, Map<Integer, int[]> byHour, double meanPromisedMinutes, double meanActualMinutes,
                  int peakWaiting) {

        double share() {
            return customers == 0 ? 0 : (double) kept / customers;
        }
    }

    private final Setup setup;
    private final SplittableRandom random;

    PromiseAccuracyDriver(Setup setup) {
        this.setup = setup;
        this.random = new SplittableRandom(setup.seed());
    }

    public static void main(String[] args) {
        Setup setup = new Setup(Integer.getInteger("bench.days", 20), Integer.getInteger("bench.agents", 4),
                Integer.getInteger("bench.capacity", 10), Double.parseDouble(System.getProperty("bench.rate", "8")),
                Double.parseDouble(System.getProperty("bench.cv", "0.8")), Duration.ofMinutes(Long.getLong("bench.openMinutes", 45)),
                Double.parseDouble(System.getProperty("bench.perDay", "260")),
                Double.parseDouble(System.getProperty("bench.percentile", "0.8")), Long.getLong("bench.seed", 20_261_202L));
        System.out.println("Setup: " + setup);
        Result result = new PromiseAccuracyDriver(setup).run();
        print(result, setup);
    }

    Result run() {
        // Monday 20 April 2026 onwards, weekdays only.
        LocalDate day = LocalDate.of(2026, 4, 20);
        List<Customer> all = new ArrayList<>();
        List<Agent> agents = new ArrayList<>();
        for (int i = 0; i < setup.agents(); i++) {
            agents.add(new Agent());
        }
        Deque<Customer> waiting = new ArrayDeque<>();
        Deque<Instant> answeredTimes = new ArrayDeque<>();
        List<Object[]> closes = new ArrayList<>();
        int peakWaiting = 0;
        int simulated = 0;
        while (simulated < setup.days()) {
            if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
                day = day.plusDays(1);
                continue;
            }
            List<Instant> arrivals = arrivals(day);
            int next = 0;
            Instant t = day.atStartOfDay(ISTANBUL).toInstant();
            Instant end = t.plus(Duration.ofDays(1));
            while (t.isBefore(end)) {
                boolean onShift = OFFICE.isOpen(t);
                // Places freed by closing answered conversations go to the oldest waiting.
                for (var it = closes.iterator(); it.hasNext(); ) {
                    Object[] close = it.next();
                    if (!((Instant) close[0]).isAfter(t)) {
                        ((Agent) close[1]).open--;
                        it.remove();
                    }
                }
                while (onShift && !waiting.isEmpty()) {
                    Agent free = roomiest(agents);
                    if (free == null) {
                        break;
                    }
                    assign(waiting.removeFirst(), free);
                }
                while (next < arrivals.size() && !arrivals.get(next).isAfter(t)) {
                    Customer customer = new Customer(arrivals.get(next++));
                    customer.work = handlingHours();
                    all.add(customer);
                    Agent free = onShift ? roomiest(agents) : null;
                    if (free != null) {
                        assign(customer, free);
                    } else {
                        waiting.addLast(customer);
                    }
                    customer.promised = promise(customer, agents, waiting, answeredTimes, all, onShift, t);
                }
                peakWaiting = Math.max(peakWaiting, waiting.size());
                if (onShift) {
                    for (Agent agent : agents) {
                        work(agent, t, answeredTimes, closes);
                    }
                }
                while (!answeredTimes.isEmpty() && answeredTimes.peekFirst().isBefore(t.minus(RATE_WINDOW))) {
                    answeredTimes.removeFirst();
                }
                t = t.plus(STEP);
            }
            simulated++;
            day = day.plusDays(1);
        }
        return result(all, peakWaiting);
    }

    /** The situation the pipeline would read for this customer, handed to the real estimator. */
    private Instant promise(Customer customer, List<Agent> agents, Deque<Customer> waiting, Deque<Instant> answeredTimes,
                            List<Customer> all, boolean onShift, Instant now) {
        int online = onShift ? agents.size() : 0;
        // As the estimator reads it: the online agents, or while nobody is online the queue's agents who will be.
        List<Integer> held = agents.stream().map(a -> a.unanswered.size()).toList();
        int measured = (int) answeredTimes.stream().filter(a -> !a.isBefore(now.minus(RATE_WINDOW))).count();
        var measuredRate = EtaEstimator.measuredRate(measured, OFFICE, RATE_WINDOW, now);
        boolean isMeasured = measuredRate.isPresent();
        double teamRate = isMeasured ? measuredRate.getAsDouble() : agents.size() * setup.ratePerHour();
        EtaEstimator.Situation situation;
        if (customer.agent != null) {
            situation = new EtaEstimator.Situation(online, setup.ratePerHour(), teamRate, isMeasured, 0, held,
                    Math.max(1, customer.agent.unanswered.size()), null, null);
        } else {
            Instant latest = all.stream().filter(c -> c != customer && c.answered == null && c.promised != null)
                    .map(c -> c.promised).max(Comparator.naturalOrder()).orElse(null);
            situation = new EtaEstimator.Situation(online, setup.ratePerHour(), teamRate, isMeasured, waiting.size() - 1, held, null,
                    latest, null);
        }
        EtaEstimator.Eta eta = EtaEstimator.estimate(situation, OFFICE, quantile(), now);
        if (Boolean.getBoolean("bench.trace")) {
            System.out.println(now.atZone(ISTANBUL).toLocalDateTime() + " -> " + eta.localBy().toLocalDateTime() + " " + eta.basis());
        }
        return eta.by();
    }

    /** The quantile the estimator works at for the target share: the setting's calibration unless one is given. */
    private double quantile() {
        String own = System.getProperty("bench.quantile");
        return own != null ? Double.parseDouble(own) : RoutingSettings.calibrated(setup.percentile());
    }

    private static void assign(Customer customer, Agent agent) {
        customer.agent = agent;
        agent.open++;
        agent.unanswered.addLast(customer);
    }

    private Agent roomiest(List<Agent> agents) {
        Agent best = null;
        for (Agent agent : agents) {
            if (agent.open < setup.capacity() && (best == null || agent.open < best.open)) {
                best = agent;
            }
        }
        return best;
    }

    private void work(Agent agent, Instant t, Deque<Instant> answeredTimes, List<Object[]> closes) {
        double left = STEP.toSeconds() / 3600.0;
        while (left > 0 && !agent.unanswered.isEmpty()) {
            Customer current = agent.unanswered.peekFirst();
            if (agent.remaining <= 0) {
                agent.remaining = current.work;
            }
            double done = Math.min(left, agent.remaining);
            agent.remaining -= done;
            left -= done;
            if (agent.remaining <= 1e-12) {
                agent.unanswered.removeFirst();
                agent.remaining = 0;
                Instant at = t.plusSeconds((long) ((STEP.toSeconds() / 3600.0 - left) * 3600));
                current.answered = at;
                answeredTimes.addLast(at);
                double open = -Math.log(1 - random.nextDouble()) * setup.meanOpenAfterAnswer().toSeconds();
                closes.add(new Object[] {at.plusSeconds((long) open), agent});
            }
        }
    }

    /** A handling time in hours: log-normal with the nominal mean and the configured coefficient of variation. */
    private double handlingHours() {
        double mean = 1 / setup.ratePerHour();
        double sigma2 = Math.log(1 + setup.handlingCv() * setup.handlingCv());
        double mu = Math.log(mean) - sigma2 / 2;
        return Math.exp(mu + Math.sqrt(sigma2) * gaussian());
    }

    private double gaussian() {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** A day's arrivals: 07:00–21:00, a low base with peaks around 10:00 and 14:00, by thinning a Poisson stream. */
    private List<Instant> arrivals(LocalDate day) {
        double[] weight = new double[24 * 60];
        double total = 0;
        for (int minute = 7 * 60; minute < 21 * 60; minute++) {
            double h = minute / 60.0;
            weight[minute] = 0.25 + Math.exp(-Math.pow(h - 10, 2) / (2 * 1.0)) + 0.8 * Math.exp(-Math.pow(h - 14, 2) / (2 * 1.2));
            total += weight[minute];
        }
        List<Instant> arrivals = new ArrayList<>();
        Instant midnight = day.atStartOfDay(ISTANBUL).toInstant();
        for (int minute = 0; minute < weight.length; minute++) {
            double expected = setup.perDay() * weight[minute] / total;
            int n = poisson(expected);
            for (int i = 0; i < n; i++) {
                arrivals.add(midnight.plusSeconds(minute * 60L + random.nextInt(60)));
            }
        }
        arrivals.sort(Comparator.naturalOrder());
        return arrivals;
    }

    private int poisson(double mean) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int n = 0;
        while (product > limit) {
            product *= random.nextDouble();
            n++;
        }
        return n;
    }

    private static Result result(List<Customer> all, int peakWaiting) {
        Map<Integer, int[]> byHour = new java.util.TreeMap<>();
        int kept = 0;
        int counted = 0;
        double promised = 0;
        double actual = 0;
        for (Customer c : all) {
            if (c.answered == null) {
                continue;
            }
            counted++;
            boolean ok = !c.answered.isAfter(c.promised);
            kept += ok ? 1 : 0;
            promised += Duration.between(c.arrived, c.promised).toSeconds() / 60.0;
            actual += Duration.between(c.arrived, c.answered).toSeconds() / 60.0;
            int[] hour = byHour.computeIfAbsent(c.arrived.atZone(ISTANBUL).getHour(), h -> new int[2]);
            hour[0]++;
            hour[1] += ok ? 1 : 0;
        }
        return new Result(counted, kept, byHour, promised / Math.max(1, counted), actual / Math.max(1, counted), peakWaiting);
    }

    private static void print(Result result, Setup setup) {
        System.out.printf(Locale.ROOT, "Customers answered: %d; by the promised time: %d = %.1f %% (target %.0f %%)%n",
                result.customers(), result.kept(), 100 * result.share(), 100 * setup.percentile());
        System.out.printf(Locale.ROOT, "Mean promised wait %.1f min, mean actual wait %.1f min, most waiting for an agent %d%n",
                result.meanPromisedMinutes(), result.meanActualMinutes(), result.peakWaiting());
        System.out.println("| hour written | customers | answered by the promise |");
        System.out.println("|---|---:|---:|");
        result.byHour().forEach((hour, n) -> System.out.printf(Locale.ROOT, "| %02d:00 | %d | %.1f %% |%n", hour, n[0],
                100.0 * n[1] / n[0]));
    }

    private static Map<DayOfWeek, List<BusinessHours.Interval>> weekdays(String start, String end) {
        Map<DayOfWeek, List<BusinessHours.Interval>> schedule = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            schedule.put(d, List.of(new BusinessHours.Interval(LocalTime.parse(start), LocalTime.parse(end))));
        }
        return schedule;
    }
}
