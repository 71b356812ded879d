package io.temas.console;

import io.temas.campaigns.Campaign;
import io.temas.campaigns.CampaignReports;
import io.temas.campaigns.Campaigns;
import io.temas.customers.LifecycleStage;
import io.temas.customers.Profiles;
import io.temas.knowledge.KnowledgeReports;
import io.temas.reporting.ReportFilter;
import io.temas.reporting.Reports;
import io.temas.routing.Agent;
import io.temas.routing.Agents;
import io.temas.routing.Queue;
import io.temas.routing.Queues;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Builds each report's panels from the figures: the chart's series and the table, in the reader's
 * language (headings, channel and queue names, numbers, days) with raw values kept for the CSV.
 *
 * <p>A chart is a map {@code reports.js} turns into an ECharts option: {@code kind} (bar, hbar,
 * line), {@code unit} (count, percent, minutes, score), {@code categories}, {@code series} (name,
 * data, and optionally {@code stack}, {@code line}, {@code dashed}), {@code empty} (the sentence for
 * no data).
 */
@Component
class ReportPanels {

    /** How many rows the "top" panels show. */
    static final int TOP = 20;

    private final Reports reports;
    private final KnowledgeReports knowledge;
    private final Campaigns campaigns;
    private final CampaignReports campaignReports;
    private final Queues queues;
    private final Agents agents;
    private final ConsoleFormat fmt;
    private final MessageSource messages;
    private final Profiles profiles;

    ReportPanels(Reports reports, KnowledgeReports knowledge, Campaigns campaigns, CampaignReports campaignReports, Queues queues,
                 Agents agents, ConsoleFormat fmt, MessageSource messages, Profiles profiles) {
        this.profiles = profiles;
        this.reports = reports;
        this.knowledge = knowledge;
        this.campaigns = campaigns;
        this.campaignReports = campaignReports;
        this.queues = queues;
        this.agents = agents;
        this.fmt = fmt;
        this.messages = messages;
    }

    List<ReportPanel> of(String report, ReportFilter filter) {
        return switch (report) {
            case "volume" -> List.of(volume(filter));
            case "times" -> times(filter);
            case "sla" -> List.of(sla(filter));
            case "satisfaction" -> satisfaction(filter);
            case "tags" -> List.of(tags(filter));
            case "knowledge" -> knowledge(filter);
            case "campaigns" -> List.of(campaigns(filter));
            case "lifecycle" -> lifecycle(filter);
            default -> throw new IllegalArgumentException(report);
        };
    }

    private ReportPanel volume(ReportFilter filter) {
        List<Reports.Volume> rows = reports.volume(filter);
        List<LocalDate> days = days(filter);
        TreeSet<String> channels = rows.stream().map(Reports.Volume::channel).collect(Collectors.toCollection(TreeSet::new));
        Map<LocalDate, Map<String, Long>> opened = new TreeMap<>();
        Map<LocalDate, Long> resolved = new TreeMap<>();
        for (Reports.Volume v : rows) {
            opened.computeIfAbsent(v.day(), d -> new TreeMap<>()).merge(v.channel(), v.opened(), Long::sum);
            resolved.merge(v.day(), v.resolved(), Long::sum);
        }
        List<Map<String, Object>> series = new ArrayList<>();
        for (String channel : channels) {
            series.add(series(channelName(channel), days.stream().map(d -> (Object) opened.getOrDefault(d, Map.of()).getOrDefault(channel, 0L)).toList(),
                    "stack", "opened"));
        }
        series.add(series(text("reports.resolved"), days.stream().map(d -> (Object) resolved.getOrDefault(d, 0L)).toList(), "line", true));
        List<String> headers = new ArrayList<>(List.of(text("reports.day")));
        channels.forEach(c -> headers.add(channelName(c)));
        headers.add(text("reports.opened"));
        headers.add(text("reports.resolved"));
        List<List<ReportPanel.Cell>> table = new ArrayList<>();
        for (LocalDate day : days) {
            List<ReportPanel.Cell> row = new ArrayList<>(List.of(day(day)));
            Map<String, Long> byChannel = opened.getOrDefault(day, Map.of());
            channels.forEach(c -> row.add(count(byChannel.getOrDefault(c, 0L))));
            row.add(count(byChannel.values().stream().mapToLong(Long::longValue).sum()));
            row.add(count(resolved.getOrDefault(day, 0L)));
            table.add(row);
        }
        return new ReportPanel("days", "reports.volume.days", chart("bar", "count", dayLabels(days), series),
                new ReportPanel.Table(headers, table));
    }

    private List<ReportPanel> times(ReportFilter filter) {
        List<Reports.DayTimes> rows = reports.times(filter);
        return List.of(times(filter, rows, Reports.DayTimes::firstResponse, "first", "reports.times.first"),
                times(filter, rows, Reports.DayTimes::resolution, "resolution", "reports.times.resolution"));
    }

    private ReportPanel times(ReportFilter filter, List<Reports.DayTimes> rows, Function<Reports.DayTimes, Reports.Times> pick, String id,
                              String title) {
        List<LocalDate> days = days(filter);
        Map<LocalDate, Reports.Times> byDay = rows.stream().collect(Collectors.toMap(Reports.DayTimes::day, pick));
        List<Object> p50 = new ArrayList<>();
        List<Object> p90 = new ArrayList<>();
        List<List<ReportPanel.Cell>> table = new ArrayList<>();
        Reports.Times all = Reports.Times.NONE;
        for (LocalDate day : days) {
            Reports.Times t = byDay.getOrDefault(day, Reports.Times.NONE);
            all = all.plus(t);
            p50.add(minutes(t.histogram().percentile(0.5)));
            p90.add(minutes(t.histogram().percentile(0.9)));
            table.add(timesRow(day(day), t));
        }
        table.add(timesRow(ReportPanel.Cell.of(text("reports.allDays")), all));
        // The target as one level across the chart: the mean over the whole range (each day's is in the table).
        Double overall = minutes(all.target());
        List<Object> target = days.stream().map(d -> (Object) overall).toList();
        List<Map<String, Object>> series = List.of(series(text("reports.p50"), p50), series(text("reports.p90"), p90),
                series(text("reports.target"), target, "dashed", true));
        return new ReportPanel(id, title, chart("line", "minutes", dayLabels(days), series), new ReportPanel.Table(
                List.of(text("reports.day"), text("reports.measured"), text("reports.p50"), text("reports.p90"), text("reports.target")),
                table));
    }

    private List<ReportPanel.Cell> timesRow(ReportPanel.Cell label, Reports.Times t) {
        return List.of(label, count(t.histogram().total()), duration(t.histogram().percentile(0.5)), duration(t.histogram().percentile(0.9)),
                duration(t.target()));
    }

    private ReportPanel sla(ReportFilter filter) {
        Map<UUID, String> names = queueNames();
        List<Reports.Attainment> rows = new ArrayList<>(reports.attainment(filter));
        rows.sort((a, b) -> queueName(names, a.queueId()).compareToIgnoreCase(queueName(names, b.queueId())));
        List<String> categories = rows.stream().map(r -> queueName(names, r.queueId())).toList();
        List<Map<String, Object>> series = List.of(
                series(text("reports.sla.first"), rows.stream().map(r -> (Object) percentValue(r.firstShare())).toList()),
                series(text("reports.sla.resolution"), rows.stream().map(r -> (Object) percentValue(r.resolutionShare())).toList()));
        List<List<ReportPanel.Cell>> table = rows.stream().map(r -> List.of(ReportPanel.Cell.of(queueName(names, r.queueId())),
                count(r.firstWithin()), count(r.firstOver()), share(r.firstShare()), count(r.resolutionWithin()), count(r.resolutionOver()),
                share(r.resolutionShare()))).toList();
        return new ReportPanel("queues", "reports.sla.queues", chart("bar", "percent", categories, series), new ReportPanel.Table(
                List.of(text("reports.queue"), text("reports.sla.firstWithin"), text("reports.sla.firstOver"), text("reports.sla.first"),
                        text("reports.sla.resolutionWithin"), text("reports.sla.resolutionOver"), text("reports.sla.resolution")), table));
    }

    private List<ReportPanel> satisfaction(ReportFilter filter) {
        Map<UUID, String> names = queueNames();
        List<LocalDate> days = days(filter);
        List<Reports.Satisfaction> byQueue = reports.satisfactionByQueue(filter);
        Map<String, Map<LocalDate, Reports.Satisfaction>> perQueue = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byQueue.forEach(s -> perQueue.computeIfAbsent(queueName(names, s.queueId()), q -> new TreeMap<>()).put(s.day(), s));
        List<Map<String, Object>> queueSeries = new ArrayList<>();
        perQueue.forEach((queue, perDay) -> queueSeries.add(series(queue, days.stream().map(d -> {
            Reports.Satisfaction s = perDay.get(d);
            return (Object) (s == null ? null : round(s.csat()));
        }).toList())));
        List<List<ReportPanel.Cell>> queueTable = byQueue.stream().map(s -> List.of(day(s.day()),
                ReportPanel.Cell.of(queueName(names, s.queueId())), count(s.csatCount()), score(s.csat()), share(s.satisfiedShare()),
                count(s.cesCount()), score(s.ces()))).toList();
        ReportPanel queues = new ReportPanel("queues", "reports.satisfaction.queues", chart("line", "score", dayLabels(days), queueSeries),
                new ReportPanel.Table(List.of(text("reports.day"), text("reports.queue"), text("reports.csat.answers"), text("reports.csat"),
                        text("reports.csat.satisfied"), text("reports.ces.answers"), text("reports.ces")), queueTable));

        Map<UUID, String> agentNames = agents.all().stream().collect(Collectors.toMap(Agent::id, Agent::displayName));
        List<Reports.Satisfaction> byAgent = new ArrayList<>(reports.satisfactionByAgent(filter));
        byAgent.sort((a, b) -> agentName(agentNames, a.agentId()).compareToIgnoreCase(agentName(agentNames, b.agentId())));
        List<String> agentLabels = byAgent.stream().map(s -> agentName(agentNames, s.agentId())).toList();
        ReportPanel agentsPanel = new ReportPanel("agents", "reports.satisfaction.agents", chart("bar", "score", agentLabels, List.of(
                series(text("reports.csat"), byAgent.stream().map(s -> (Object) round(s.csat())).toList()),
                series(text("reports.ces"), byAgent.stream().map(s -> (Object) round(s.ces())).toList()))),
                new ReportPanel.Table(List.of(text("reports.agent"), text("reports.csat.answers"), text("reports.csat"),
                        text("reports.csat.satisfied"), text("reports.ces.answers"), text("reports.ces"), text("reports.ratings.helpful"),
                        text("reports.ratings.total"), text("reports.ratings.share")),
                        byAgent.stream().map(s -> List.of(ReportPanel.Cell.of(agentName(agentNames, s.agentId())), count(s.csatCount()),
                                score(s.csat()), share(s.satisfiedShare()), count(s.cesCount()), score(s.ces()), count(s.helpful()),
                                count(s.rated()), share(s.helpfulShare()))).toList()));
        List<Reports.Satisfaction> rated = byAgent.stream().filter(s -> s.rated() > 0).toList();
        ReportPanel ratings = new ReportPanel("ratings", "reports.satisfaction.ratings", chart("bar", "percent",
                rated.stream().map(s -> agentName(agentNames, s.agentId())).toList(),
                List.of(series(text("reports.ratings.share"), rated.stream().map(s -> (Object) percentValue(s.helpfulShare())).toList()))),
                new ReportPanel.Table(List.of(text("reports.agent"), text("reports.ratings.helpful"), text("reports.ratings.total"),
                        text("reports.ratings.share")), rated.stream().map(s -> List.of(ReportPanel.Cell.of(agentName(agentNames, s.agentId())),
                        count(s.helpful()), count(s.rated()), share(s.helpfulShare()))).toList()));
        return List.of(queues, agentsPanel, ratings);
    }

    private ReportPanel tags(ReportFilter filter) {
        List<Reports.TagCount> top = reports.tags(filter, TOP);
        long opened = reports.opened(filter);
        return new ReportPanel("top", "reports.tags.top", chart("hbar", "count", top.stream().map(Reports.TagCount::tag).toList(),
                List.of(series(text("reports.conversations"), top.stream().map(t -> (Object) t.conversations()).toList()))),
                new ReportPanel.Table(List.of(text("reports.tag"), text("reports.conversations"), text("reports.tags.share")),
                        top.stream().map(t -> List.of(ReportPanel.Cell.of(t.tag()), count(t.conversations()),
                                share(opened == 0 ? null : (double) t.conversations() / opened))).toList()));
    }

    private List<ReportPanel> knowledge(ReportFilter filter) {
        List<Reports.FailedSearch> failed = reports.failedSearches(filter, TOP);
        ReportPanel failedPanel = new ReportPanel("failed", "reports.kb.failed", chart("hbar", "count",
                failed.stream().map(Reports.FailedSearch::example).toList(),
                List.of(series(text("reports.kb.searches"), failed.stream().map(f -> (Object) f.searches()).toList()))),
                new ReportPanel.Table(List.of(text("reports.kb.query"), text("reports.kb.example"), text("reports.kb.searches"),
                        text("reports.kb.noResults")), failed.stream().map(f -> List.of(ReportPanel.Cell.of(f.query()),
                        ReportPanel.Cell.of(f.example()), count(f.searches()), count(f.noResults()))).toList()));

        List<Reports.ArticleViews> views = reports.articleViews(filter);
        long total = views.stream().mapToLong(Reports.ArticleViews::views).sum();
        List<Object> cumulative = new ArrayList<>();
        List<String> ranks = new ArrayList<>();
        List<List<ReportPanel.Cell>> paretoTable = new ArrayList<>();
        long running = 0;
        for (int i = 0; i < views.size(); i++) {
            Reports.ArticleViews v = views.get(i);
            running += v.views();
            double share = total == 0 ? 0 : (double) running / total;
            double articles = (double) (i + 1) / views.size();
            ranks.add(percentText(articles));
            cumulative.add(percentValue(share));
            paretoTable.add(List.of(count(i + 1), ReportPanel.Cell.of(v.title()), count(v.views()), share(articles), share(share)));
        }
        Map<String, Object> paretoChart = chart("line", "percent", ranks, List.of(series(text("reports.kb.cumulative"), cumulative),
                series(text("reports.kb.eighty"), ranks.stream().map(r -> (Object) 80).toList(), "dashed", true)));
        ReportPanel pareto = new ReportPanel("pareto", "reports.kb.pareto", paretoChart, new ReportPanel.Table(List.of(text("reports.kb.rank"),
                text("reports.kb.article"), text("reports.kb.views"), text("reports.kb.articleShare"), text("reports.kb.cumulative")), paretoTable));

        List<KnowledgeReports.ArticleHelpfulness> helpful = knowledge.helpfulness(TOP).articles();
        ReportPanel helpfulness = new ReportPanel("helpfulness", "reports.kb.helpfulness", chart("hbar", "percent",
                helpful.stream().map(KnowledgeReports.ArticleHelpfulness::title).toList(),
                List.of(series(text("reports.kb.helpfulShare"), helpful.stream().map(h -> (Object) percentValue(h.helpfulness())).toList()))),
                new ReportPanel.Table(List.of(text("reports.kb.article"), text("reports.kb.helpful"), text("reports.kb.unhelpful"),
                        text("reports.kb.helpfulShare"), text("reports.kb.views")), helpful.stream().map(h -> List.of(
                        ReportPanel.Cell.of(h.title()), count(h.helpful()), count(h.unhelpful()), share(h.helpfulness()), count(h.views()))).toList()));

        List<LocalDate> days = days(filter);
        Map<LocalDate, Reports.Deflection> byDay = reports.deflection(filter).stream()
                .collect(Collectors.toMap(Reports.Deflection::day, d -> d));
        Reports.Deflection none = new Reports.Deflection(null, 0, 0, 0);
        List<List<ReportPanel.Cell>> deflectionTable = new ArrayList<>();
        long sessions = 0;
        long bot = 0;
        long handed = 0;
        for (LocalDate day : days) {
            Reports.Deflection d = byDay.getOrDefault(day, none);
            sessions += d.sessions();
            bot += d.botClosed();
            handed += d.handedOver();
            deflectionTable.add(deflectionRow(day(day), d.sessions(), d.botClosed(), d.handedOver()));
        }
        deflectionTable.add(deflectionRow(ReportPanel.Cell.of(text("reports.allDays")), sessions, bot, handed));
        ReportPanel deflection = new ReportPanel("deflection", "reports.kb.deflection", chart("bar", "count", dayLabels(days), List.of(
                series(text("reports.kb.botClosed"), days.stream().map(d -> (Object) byDay.getOrDefault(d, none).botClosed()).toList(), "stack", "chat"),
                series(text("reports.kb.handedOver"), days.stream().map(d -> (Object) byDay.getOrDefault(d, none).handedOver()).toList(), "stack",
                        "chat"))),
                new ReportPanel.Table(List.of(text("reports.day"), text("reports.kb.sessions"), text("reports.kb.botClosed"),
                        text("reports.kb.handedOver"), text("reports.kb.deflectionShare")), deflectionTable));
        return List.of(failedPanel, pareto, helpfulness, deflection);
    }

    private List<ReportPanel.Cell> deflectionRow(ReportPanel.Cell label, long sessions, long bot, long handed) {
        return List.of(label, count(sessions), count(bot), count(handed), share(bot + handed == 0 ? null : (double) bot / (bot + handed)));
    }

    private ReportPanel campaigns(ReportFilter filter) {
        List<Campaign> shown = campaigns.all().stream()
                .filter(c -> c.status() != Campaign.Status.DRAFT)
                .filter(c -> (c.startsAt() == null || c.startsAt().isBefore(filter.end()))
                        && (c.endsAt() == null || !c.endsAt().isBefore(filter.start())))
                .limit(TOP).toList();
        List<String> stages = List.of("sent", "delivered", "clicked", "responded", "accepted");
        List<Map<String, Object>> series = new ArrayList<>();
        List<List<ReportPanel.Cell>> table = new ArrayList<>();
        for (Campaign c : shown) {
            Map<String, Integer> sends = campaignReports.report(c.id()).sends();
            int clicked = sends.getOrDefault("clicked", 0);
            int delivered = sends.getOrDefault("delivered", 0) + sends.getOrDefault("opened", 0) + clicked;
            int sent = sends.getOrDefault("sent", 0) + delivered;
            List<Object> funnel = List.of(sent, delivered, clicked, sends.getOrDefault("responded", 0), sends.getOrDefault("accepted", 0));
            series.add(series(c.name(), funnel));
            List<ReportPanel.Cell> row = new ArrayList<>(List.of(ReportPanel.Cell.of(c.name()), ReportPanel.Cell.of(c.code())));
            funnel.forEach(n -> row.add(count(((Integer) n).longValue())));
            table.add(row);
        }
        List<String> headers = new ArrayList<>(List.of(text("reports.campaign"), text("reports.campaign.code")));
        stages.forEach(s -> headers.add(text("reports.funnel." + s)));
        return new ReportPanel("funnel", "reports.campaigns.funnel", chart("bar", "count",
                stages.stream().map(s -> text("reports.funnel." + s)).toList(), series), new ReportPanel.Table(headers, table));
    }

    /**
     * The lifecycle funnel: how many customers are in each stage now (the period does not change it), and the moves
     * between stages made in the period.
     */
    private List<ReportPanel> lifecycle(ReportFilter filter) {
        List<Profiles.StageCount> stages = profiles.stages();
        List<List<ReportPanel.Cell>> stageRows = new ArrayList<>();
        for (Profiles.StageCount s : stages) {
            stageRows.add(List.of(new ReportPanel.Cell(stageName(s.stage()), s.stage() == null ? "" : s.stage().code()), count(s.customers())));
        }
        ReportPanel now = new ReportPanel("stages", "reports.lifecycle.stages", chart("bar", "count",
                stages.stream().map(s -> stageName(s.stage())).toList(),
                List.of(series(text("reports.lifecycle.customers"), stages.stream().map(s -> (Object) s.customers()).toList()))),
                new ReportPanel.Table(List.of(text("reports.lifecycle.stage"), text("reports.lifecycle.customers")), stageRows));
        List<Profiles.Move> moves = profiles.moves(filter.start(), filter.end());
        List<List<ReportPanel.Cell>> moveRows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<Object> counts = new ArrayList<>();
        for (Profiles.Move m : moves) {
            String label = stageName(m.from()) + " → " + stageName(m.to());
            moveRows.add(List.of(new ReportPanel.Cell(stageName(m.from()), m.from() == null ? "" : m.from().code()),
                    new ReportPanel.Cell(stageName(m.to()), m.to() == null ? "" : m.to().code()), count(m.moves())));
            if (labels.size() < TOP) {
                labels.add(label);
                counts.add(m.moves());
            }
        }
        ReportPanel period = new ReportPanel("moves", "reports.lifecycle.moves", chart("hbar", "count", labels,
                List.of(series(text("reports.lifecycle.count"), counts))),
                new ReportPanel.Table(List.of(text("reports.lifecycle.from"), text("reports.lifecycle.to"), text("reports.lifecycle.count")),
                        moveRows));
        return List.of(now, period);
    }

    private String stageName(LifecycleStage stage) {
        return text("profile.stage." + (stage == null ? "none" : stage.code()));
    }

    // --- building blocks

    private Map<String, Object> chart(String kind, String unit, List<String> categories, List<Map<String, Object>> series) {
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("kind", kind);
        chart.put("unit", unit);
        chart.put("categories", categories);
        chart.put("series", series);
        chart.put("empty", text("reports.empty"));
        chart.put("minutes", text("reports.unit.minutes"));
        return chart;
    }

    private static Map<String, Object> series(String name, List<Object> data, Object... options) {
        Map<String, Object> series = new LinkedHashMap<>();
        series.put("name", name);
        series.put("data", data);
        for (int i = 0; i + 1 < options.length; i += 2) {
            series.put((String) options[i], options[i + 1]);
        }
        return series;
    }

    private static List<LocalDate> days(ReportFilter filter) {
        return filter.from().datesUntil(filter.to().plusDays(1)).toList();
    }

    private List<String> dayLabels(List<LocalDate> days) {
        return days.stream().map(fmt::day).toList();
    }

    private ReportPanel.Cell day(LocalDate day) {
        return new ReportPanel.Cell(fmt.day(day), day.toString());
    }

    private ReportPanel.Cell count(long n) {
        return new ReportPanel.Cell(NumberFormat.getIntegerInstance(locale()).format(n), Long.toString(n));
    }

    private ReportPanel.Cell share(Double share) {
        if (share == null) {
            return new ReportPanel.Cell("—", "");
        }
        return new ReportPanel.Cell(percentText(share), String.format(Locale.ROOT, "%.4f", share));
    }

    private String percentText(double share) {
        NumberFormat percent = NumberFormat.getPercentInstance(locale());
        percent.setMaximumFractionDigits(1);
        return percent.format(share);
    }

    private ReportPanel.Cell score(Double score) {
        if (score == null) {
            return new ReportPanel.Cell("—", "");
        }
        NumberFormat decimal = NumberFormat.getNumberInstance(locale());
        decimal.setMinimumFractionDigits(2);
        decimal.setMaximumFractionDigits(2);
        return new ReportPanel.Cell(decimal.format(score), String.format(Locale.ROOT, "%.2f", score));
    }

    private ReportPanel.Cell duration(Duration d) {
        return d == null ? new ReportPanel.Cell("—", "") : new ReportPanel.Cell(fmt.preciseSpan(d), Long.toString(d.toSeconds()));
    }

    private static Double minutes(Duration d) {
        return d == null ? null : Math.round(d.toMillis() / 600.0) / 100.0;
    }

    private static Double percentValue(Double share) {
        return share == null ? null : Math.round(share * 1000) / 10.0;
    }

    private static Double round(Double value) {
        return value == null ? null : Math.round(value * 100) / 100.0;
    }

    private String channelName(String code) {
        return fmt.label("channel." + code, code);
    }

    private Map<UUID, String> queueNames() {
        return queues.all().stream().collect(Collectors.toMap(Queue::id, Queue::name));
    }

    private String queueName(Map<UUID, String> names, UUID id) {
        return id == null ? text("reports.noQueue") : names.getOrDefault(id, id.toString());
    }

    private String agentName(Map<UUID, String> names, UUID id) {
        return id == null ? text("reports.noAgent") : names.getOrDefault(id, id.toString());
    }

    private String text(String key) {
        return messages.getMessage(key, null, key, locale());
    }

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }
}
