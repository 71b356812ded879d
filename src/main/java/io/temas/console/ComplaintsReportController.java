package io.temas.console;

import io.temas.complaints.ComplaintCatalogue;
import io.temas.complaints.ComplaintCategory;
import io.temas.complaints.ComplaintReport;
import io.temas.routing.Queue;
import io.temas.routing.Queues;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The complaint report for supervisors: complaints made between two days, counted by queue and by
 * category, a weekly trend chart, the conversations with links, and the same as CSV; a supervisor
 * limited to some queues sees theirs.
 */
@Controller
class ComplaintsReportController {

    /** Lines shown on the page; the CSV carries up to {@link #CSV_LINES}. */
    static final int PAGE_LINES = 200;
    static final int CSV_LINES = 50_000;

    /** A count with the name the reader knows it by. */
    record Named(String name, long count) {
    }

    private final ComplaintReport reports;
    private final ComplaintCatalogue catalogue;
    private final Queues queues;
    private final ViewerZone zone;
    private final ConsoleFormat format;
    private final MessageSource messages;
    private final Clock clock;
    private final Viewers viewers;

    ComplaintsReportController(ComplaintReport reports, ComplaintCatalogue catalogue, Queues queues, ViewerZone zone,
                               ConsoleFormat format, MessageSource messages, Clock clock, Viewers viewers) {
        this.viewers = viewers;
        this.reports = reports;
        this.catalogue = catalogue;
        this.queues = queues;
        this.zone = zone;
        this.format = format;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/console/complaints")
    String page(@RequestParam(required = false) String from, @RequestParam(required = false) String to, HttpServletRequest request,
                HttpServletResponse response, java.security.Principal principal, Model model) {
        supervisor(request);
        ZoneId here = zone.current();
        LocalDate today = LocalDate.now(clock.withZone(here));
        LocalDate first;
        LocalDate last;
        try {
            last = day(to, today);
            first = day(from, last.minusDays(89));
            if (last.isBefore(first) || first.plusDays(731).isBefore(last)) {
                throw new ConsoleRefusal("complaints.error.range");
            }
        } catch (ConsoleRefusal e) {
            response.setStatus(400);
            model.addAttribute("error", e.key());
            last = today;
            first = today.minusDays(89);
        }
        ComplaintReport.Report report = reports.report(first, last, here, viewers.of(principal).access(), PAGE_LINES);
        Map<UUID, String> queueNames = queueNames();
        String language = LocaleContextHolder.getLocale().getLanguage();
        model.addAttribute("report", report);
        model.addAttribute("from", first);
        model.addAttribute("to", last);
        model.addAttribute("byQueue", report.byQueue().stream()
                .map(c -> new Named(c.key() == null ? text("complaints.noQueue") : queueNames.getOrDefault(c.key(), "?"), c.count())).toList());
        model.addAttribute("byCategory", report.byCategory().stream()
                .map(c -> new Named(categoryName(c.key(), language), c.count())).toList());
        model.addAttribute("queueNames", queueNames);
        model.addAttribute("categoryNames", catalogue.categories().stream()
                .collect(Collectors.toMap(ComplaintCategory::code, k -> k.name(language))));
        model.addAttribute("weekLabels", report.weeks().stream().map(w -> format.day(w.start())).collect(Collectors.joining("|")));
        model.addAttribute("weekCounts", report.weeks().stream().map(w -> Long.toString(w.count())).collect(Collectors.joining(",")));
        return "console/complaints";
    }

    @GetMapping("/console/complaints/csv")
    ResponseEntity<byte[]> csv(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                               HttpServletRequest request, java.security.Principal principal) {
        supervisor(request);
        ZoneId here = zone.current();
        LocalDate today = LocalDate.now(clock.withZone(here));
        LocalDate last = day(to, today);
        LocalDate first = day(from, last.minusDays(89));
        ComplaintReport.Report report;
        try {
            report = reports.report(first, last, here, viewers.of(principal).access(), CSV_LINES);
        } catch (io.temas.shared.InvalidInput e) {
            throw new ConsoleRefusal("complaints.error.range");
        }
        Map<UUID, String> queueNames = queueNames();
        String language = LocaleContextHolder.getLocale().getLanguage();
        StringBuilder csv = new StringBuilder("\uFEFF");
        Csv.line(csv, List.of(text("complaints.col.reference"), text("complaints.col.at"), text("complaints.col.category"),
                text("complaints.col.queue"), text("complaints.col.customer"), text("complaints.col.channel"), text("complaints.col.status"),
                text("complaints.col.by"), text("complaints.col.subject"), "conversation_id", "customer_id"));
        for (ComplaintReport.Line l : report.lines()) {
            Csv.line(csv, java.util.Arrays.asList(l.reference(), l.at().atZone(here).toOffsetDateTime().toString(),
                    categoryName(l.category(), language), l.queueId() == null ? "" : queueNames.getOrDefault(l.queueId(), ""),
                    l.customerName(), l.channel(), l.status(), l.by(), l.subject(), l.conversationId().toString(),
                    l.customerId().toString()));
        }
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("complaints-" + first + "-" + last + ".csv", StandardCharsets.UTF_8).build().toString())
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    private Map<UUID, String> queueNames() {
        return queues.all().stream().collect(Collectors.toMap(Queue::id, Queue::name));
    }

    private String categoryName(String code, String language) {
        return code == null ? "" : catalogue.category(code).map(k -> k.name(language)).orElse(code);
    }

    private String text(String key) {
        return messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
    }

    private static LocalDate day(String value, LocalDate otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new ConsoleRefusal("complaints.error.date");
        }
    }

    static void supervisor(HttpServletRequest request) {
        if (!request.isUserInRole("SUPERVISOR")) {
            throw new AccessDeniedException("the complaint report and the win-back list are for supervisors");
        }
    }
}
