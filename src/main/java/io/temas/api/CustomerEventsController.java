package io.temas.api;

import io.temas.customers.CustomerId;
import io.temas.events.CustomerEvent;
import io.temas.events.CustomerEvents;
import io.temas.events.EventImports;
import io.temas.events.EventOutcome;
import io.temas.events.EventRefusal;
import io.temas.events.ImportJob;
import io.temas.shared.InvalidInput;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Events from other systems: one event ({@code application/json}) or many ({@code application/x-ndjson}), answered
 * with how many were taken, repeated (a source id already taken) and refused, each refused line as a problem detail
 * of its own; and import jobs for whole files, processed in the background.
 */
@RestController
class CustomerEventsController {

    private final CustomerEvents events;
    private final EventImports imports;

    CustomerEventsController(CustomerEvents events, EventImports imports) {
        this.events = events;
        this.imports = imports;
    }

    @PostMapping(path = "/api/v1/customer-events", consumes = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_NDJSON_VALUE})
    ResponseEntity<?> take(HttpServletRequest request) throws IOException {
        boolean ndjson = request.getContentType().toLowerCase(Locale.ROOT).startsWith(MediaType.APPLICATION_NDJSON_VALUE);
        byte[] body = request.getInputStream().readAllBytes();
        List<CustomerEvents.Line> lines = ndjson ? lines(body) : List.of(new CustomerEvents.Line(1, text(body, 1)));
        if (lines.isEmpty() || (!ndjson && lines.getFirst().raw().isBlank())) {
            throw new InvalidInput("body", "the body holds no event");
        }
        EventOutcome outcome = events.takeJson(lines);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("taken", outcome.taken());
        answer.put("repeated", outcome.repeated());
        answer.put("refused", outcome.refused().size());
        answer.put("refusedLines", outcome.refused().stream().map(CustomerEventsController::refusal).toList());
        if (outcome.taken() + outcome.repeated() == 0) {
            ProblemDetail problem = ApiProblems.problem(HttpStatus.UNPROCESSABLE_CONTENT, "events-refused",
                    ndjson ? "Every line was refused; see refusedLines." : outcome.refused().getFirst().reason());
            problem.setTitle("Events refused");
            answer.forEach(problem::setProperty);
            return ResponseEntity.unprocessableContent().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        return ResponseEntity.ok(answer);
    }

    /** NDJSON lines (a CR before the LF is dropped, blank lines skipped); a line that is not UTF-8 is kept and refused by its number. */
    private static List<CustomerEvents.Line> lines(byte[] body) {
        List<CustomerEvents.Line> lines = new ArrayList<>();
        int start = 0;
        int number = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i == body.length || body[i] == '\n') {
                number++;
                int end = i > start && body[i - 1] == '\r' ? i - 1 : i;
                if (i == body.length && start == body.length) {
                    break;
                }
                String line = text(java.util.Arrays.copyOfRange(body, start, end), number);
                if (!line.isBlank()) {
                    lines.add(new CustomerEvents.Line(number, line));
                }
                start = i + 1;
            }
        }
        return lines;
    }

    /** Strict UTF-8; bytes that are not are read as U+FFFD, which makes the line fail as JSON rather than vanish. */
    private static String text(byte[] bytes, int line) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            // Not UTF-8: a NUL in front makes the parser refuse it as such, with what could be read kept.
            return "\0" + new String(bytes, StandardCharsets.UTF_8);
        }
    }

    static Map<String, Object> refusal(EventRefusal r) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("type", "urn:temas:problem:invalid-event");
        line.put("title", "Invalid event");
        line.put("status", 422);
        line.put("detail", "Line " + r.line() + " " + r.reason());
        line.put("line", r.line());
        if (r.field() != null) {
            line.put("field", r.field());
        }
        line.put("raw", r.raw().length() > 1000 ? r.raw().substring(0, 1000) + "…" : r.raw());
        return line;
    }

    /**
     * Starts an import of a whole file: the body itself ({@code text/csv} or {@code application/x-ndjson}, streamed, so
     * large files are fine) or a multipart {@code file}; {@code format} names it when the type does not.
     */
    @PostMapping(path = "/api/v1/customer-events/imports")
    ResponseEntity<Map<String, Object>> startImport(@RequestParam(required = false) String format,
                                                    @RequestParam(required = false) MultipartFile file,
                                                    HttpServletRequest request) throws IOException {
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        ImportJob job;
        if (file != null) {
            try (InputStream in = file.getInputStream()) {
                job = imports.start(format != null ? format : formatOf(file.getOriginalFilename(), file.getContentType()),
                        file.getOriginalFilename(), in, principal(request));
            }
        } else if (type.startsWith("multipart/")) {
            throw new InvalidInput("file", "the multipart body has no part named file");
        } else {
            job = imports.start(format != null ? format : formatOf(null, type), request.getParameter("name"), request.getInputStream(),
                    principal(request));
        }
        return ResponseEntity.accepted().location(URI.create("/api/v1/customer-events/imports/" + job.id())).body(job(job));
    }

    private static String principal(HttpServletRequest request) {
        return request.getUserPrincipal() == null ? null : request.getUserPrincipal().getName();
    }

    private static String formatOf(String fileName, String contentType) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (type.startsWith("text/csv") || name.endsWith(".csv")) {
            return "csv";
        }
        if (type.startsWith(MediaType.APPLICATION_NDJSON_VALUE) || name.endsWith(".ndjson") || name.endsWith(".jsonl")) {
            return "ndjson";
        }
        throw new InvalidInput("format", "say format=csv or format=ndjson, or send text/csv or application/x-ndjson");
    }

    @GetMapping("/api/v1/customer-events/imports")
    Map<String, Object> recentImports(@RequestParam(defaultValue = "20") int limit) {
        return Map.of("items", imports.recent(Math.clamp(limit, 1, 200)).stream().map(CustomerEventsController::job).toList());
    }

    @GetMapping("/api/v1/customer-events/imports/{id}")
    Map<String, Object> importStatus(@PathVariable UUID id) {
        Map<String, Object> body = job(imports.get(id));
        body.put("refusedLines", imports.refusals(id, 100).stream().map(CustomerEventsController::refusal).toList());
        return body;
    }

    /** Every refused line of the job as CSV: line, field, reason, raw. */
    @GetMapping(path = "/api/v1/customer-events/imports/{id}/refusals", produces = "text/csv")
    void importRefusals(@PathVariable UUID id, HttpServletResponse response) throws IOException {
        imports.get(id);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"refused-lines-" + id + ".csv\"");
        imports.writeRefusals(id, new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8), EventRefusal::reason);
    }

    @PostMapping("/api/v1/customer-events/imports/{id}/resume")
    Map<String, Object> resume(@PathVariable UUID id) {
        return job(imports.resume(id));
    }

    @GetMapping("/api/v1/customers/{id}/events")
    Map<String, Object> customerEvents(@PathVariable UUID id, @RequestParam(defaultValue = "50") int limit) {
        return Map.of("items", events.recent(new CustomerId(id), Math.clamp(limit, 1, 500)).stream().map(CustomerEventsController::event).toList());
    }

    private static Map<String, Object> event(CustomerEvent e) {
        return ConversationsController.map("id", e.id(), "customerId", e.customerId().value(), "type", e.type(), "at", e.occurredAt(),
                "sourceId", e.sourceId(), "attributes", e.attributes(), "receivedAt", e.receivedAt());
    }

    static Map<String, Object> job(ImportJob j) {
        return ConversationsController.map("id", j.id(), "format", j.format(), "fileName", j.fileName(), "status", j.status(),
                "totalLines", j.totalLines(), "linesDone", j.linesDone(), "percent", j.percent(), "taken", j.taken(),
                "repeated", j.repeated(), "refused", j.refused(), "failure", j.failure(), "createdBy", j.createdBy(),
                "createdAt", j.createdAt(), "startedAt", j.startedAt(), "finishedAt", j.finishedAt());
    }

}
