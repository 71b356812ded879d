package io.temas.console;

import io.temas.channels.Channel;
import io.temas.channels.Channels;
import io.temas.reporting.ReportFilter;
import io.temas.reporting.ReportRollups;
import io.temas.reporting.ReportSettings;
import io.temas.routing.Queue;
import io.temas.routing.Queues;
import io.temas.shared.NotFound;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/**
 * The supervisors' reports: one page per report with its filters in the address (so a report can
 * be bookmarked and shared), a chart and the same figures as a table per panel, and each table as
 * CSV. Figures come from the pre-aggregated hour rows; the page says how fresh they are.
 */
@Controller
class ReportsController {

    /** The reports, in the order of the page's menu. */
    static final List<String> REPORTS = List.of("volume", "times", "sla", "satisfaction", "tags", "knowledge", "campaigns", "lifecycle");

    /** Reports that queue and channel do not narrow. */
    private static final Set<String> UNFILTERED = Set.of("knowledge", "campaigns", "lifecycle");

    private final ReportPanels panels;
    private final ReportRollups rollups;
    private final ReportSettings settings;
    private final Queues queues;
    private final Channels channels;
    private final Viewers viewers;
    private final ViewerZone zone;
    private final Clock clock;
    private final JsonMapper json;

    ReportsController(ReportPanels panels, ReportRollups rollups, ReportSettings settings, Queues queues, Channels channels,
                      Viewers viewers, ViewerZone zone, Clock clock, JsonMapper json) {
        this.panels = panels;
        this.rollups = rollups;
        this.settings = settings;
        this.queues = queues;
        this.channels = channels;
        this.viewers = viewers;
        this.zone = zone;
        this.clock = clock;
        this.json = json;
    }

    @GetMapping("/console/reports")
    String overview(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                    @RequestParam(required = false) String queue, @RequestParam(required = false) String channel, Principal principal,
                    Model model) {
        return report("volume", from, to, queue, channel, principal, model);
    }

    @GetMapping("/console/reports/{report}")
    String report(@PathVariable String report, @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                  @RequestParam(required = false) String queue, @RequestParam(required = false) String channel, Principal principal,
                  Model model) {
        String name = known(report);
        ReportFilter filter = filter(from, to, queue, channel, principal);
        List<ReportPanel> built = panels.of(name, filter);
        model.addAttribute("report", name);
        model.addAttribute("reports", REPORTS);
        model.addAttribute("panels", built);
        model.addAttribute("charts", built.stream().map(p -> json.writeValueAsString(p.chart())).toList());
        model.addAttribute("filter", filter);
        model.addAttribute("filtered", !UNFILTERED.contains(name));
        model.addAttribute("queues", visibleQueues(principal));
        model.addAttribute("channels", channels.all().stream().map(c -> c.type().code()).sorted().toList());
        model.addAttribute("refreshedAt", rollups.refreshedAt());
        model.addAttribute("interval", settings.interval());
        return "console/reports";
    }

    @GetMapping("/console/reports/{report}/{panel}.csv")
    ResponseEntity<byte[]> csv(@PathVariable String report, @PathVariable String panel, @RequestParam(required = false) String from,
                               @RequestParam(required = false) String to, @RequestParam(required = false) String queue,
                               @RequestParam(required = false) String channel, Principal principal) {
        String name = known(report);
        ReportFilter filter = filter(from, to, queue, channel, principal);
        ReportPanel found = panels.of(name, filter).stream().filter(p -> p.id().equals(panel)).findFirst()
                .orElseThrow(() -> new NotFound("no report panel " + panel));
        String file = "temas-" + name + "-" + panel + "-" + filter.from() + "-" + filter.to() + ".csv";
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file).build().toString())
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(ReportCsv.of(found.table()).getBytes(StandardCharsets.UTF_8));
    }

    private static String known(String report) {
        if (!REPORTS.contains(report)) {
            throw new NotFound("no report " + report);
        }
        return report;
    }

    /** The filters from the address; the last seven days (today included) in the reader's zone by default. */
    private ReportFilter filter(String from, String to, String queue, String channel, Principal principal) {
        ZoneId readerZone = zone.current();
        LocalDate today = LocalDate.now(clock.withZone(readerZone));
        LocalDate last = blank(to) ? today : day(to, "to");
        LocalDate first = blank(from) ? last.minusDays(6) : day(from, "from");
        if (last.isBefore(first)) {
            throw new ConsoleRefusal("reports.error.order");
        }
        if (java.time.temporal.ChronoUnit.DAYS.between(first, last) + 1 > settings.maxDays()) {
            throw new ConsoleRefusal("reports.error.range");
        }
        Viewer viewer = viewers.of(principal);
        Set<UUID> visible = viewer.access().all() ? null : viewer.access().queueIds();
        UUID queueId = null;
        if (!blank(queue)) {
            try {
                queueId = UUID.fromString(queue.strip());
            } catch (IllegalArgumentException e) {
                throw new ConsoleRefusal("reports.error.queue");
            }
            UUID wanted = queueId;
            if (queues.all().stream().noneMatch(q -> q.id().equals(wanted)) || (visible != null && !visible.contains(wanted))) {
                throw new ConsoleRefusal("reports.error.queue");
            }
        }
        String channelCode = null;
        if (!blank(channel)) {
            channelCode = channel.strip();
            String wanted = channelCode;
            if (channels.all().stream().map(Channel::type).noneMatch(t -> t.code().equals(wanted))) {
                throw new ConsoleRefusal("reports.error.channel");
            }
        }
        return new ReportFilter(first, last, readerZone, queueId, channelCode, visible);
    }

    private List<Queue> visibleQueues(Principal principal) {
        Viewer viewer = viewers.of(principal);
        return queues.all().stream().filter(q -> viewer.access().permitsQueue(q.id())).toList();
    }

    private static LocalDate day(String value, String field) {
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new ConsoleRefusal("reports.error." + field);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
