package io.temas.console;

import io.temas.events.EventImports;
import io.temas.events.ImportJob;
import io.temas.shared.InvalidInput;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Locale;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * Imports of events from other systems, for supervisors and admins: upload a CSV or NDJSON file, watch its progress
 * (the bar is polled while the job runs), read and download the refused lines, resume a failed job.
 */
@Controller
class ImportsController {

    static final int REFUSALS_SHOWN = 100;

    private final EventImports imports;
    private final ConsoleFormat fmt;
    private final DataSize uploadLimit;

    ImportsController(EventImports imports, ConsoleFormat fmt,
                      @Value("${spring.servlet.multipart.max-file-size:25MB}") DataSize uploadLimit) {
        this.fmt = fmt;
        this.imports = imports;
        this.uploadLimit = uploadLimit;
    }

    @GetMapping("/console/imports")
    String list(Model model) {
        model.addAttribute("jobs", imports.recent(30));
        // The page refuses a larger file before sending it (imports.js): the container drops such an upload unanswered.
        model.addAttribute("uploadLimitBytes", uploadLimit.toBytes());
        model.addAttribute("uploadLimit", uploadLimit.toMegabytes() + " MB");
        return "console/imports";
    }

    @PostMapping("/console/imports")
    String upload(@RequestParam(required = false) MultipartFile file, @RequestParam(defaultValue = "auto") String format,
                  Principal principal, HttpServletResponse response, Model model) throws IOException {
        if (file == null || file.isEmpty()) {
            return refused(model, response, "events.import.error.noFile");
        }
        String kind = format(format, file.getOriginalFilename());
        if (kind == null) {
            return refused(model, response, "events.import.error.format");
        }
        ImportJob job;
        try (InputStream in = file.getInputStream()) {
            job = imports.start(kind, file.getOriginalFilename(), in, principal.getName());
        } catch (InvalidInput e) {
            // Said in the reader's language from the refusal's code (RefusalDetails).
            RefusalDetails.show(model, e);
            return refused(model, response, "events.import.error.file");
        }
        return "redirect:/console/imports/" + job.id();
    }

    private String refused(Model model, HttpServletResponse response, String error) {
        response.setStatus(400);
        model.addAttribute("error", error);
        return list(model);
    }

    private static String format(String chosen, String fileName) {
        if (EventImports.FORMATS.contains(chosen)) {
            return chosen;
        }
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return "csv";
        }
        return name.endsWith(".ndjson") || name.endsWith(".jsonl") ? "ndjson" : null;
    }

    @GetMapping("/console/imports/{id}")
    String job(@PathVariable UUID id, Model model) {
        model.addAttribute("job", imports.get(id));
        model.addAttribute("refusals", imports.refusals(id, REFUSALS_SHOWN));
        return "console/import";
    }

    /** The progress block alone, which the job page polls while the job runs. */
    @GetMapping("/console/imports/{id}/progress")
    String progress(@PathVariable UUID id, Model model) {
        ImportJob job = imports.get(id);
        model.addAttribute("job", job);
        if (job.finished()) {
            // The refused lines are final now: the page reloads once to show them.
            model.addAttribute("refusals", imports.refusals(id, REFUSALS_SHOWN));
        }
        return "console/import :: progress";
    }

    @GetMapping("/console/imports/{id}/refusals.csv")
    void refusals(@PathVariable UUID id, HttpServletResponse response) throws IOException {
        imports.get(id);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"refused-lines-" + id + ".csv\"");
        OutputStreamWriter out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        // A byte order mark, as the console's other CSVs write, so a spreadsheet reads the reasons' letters as UTF-8.
        out.write('\uFEFF');
        imports.writeRefusals(id, out, r -> fmt.reason(r.code(), r.reason()));
    }

    @PostMapping("/console/imports/{id}/resume")
    String resume(@PathVariable UUID id) {
        imports.resume(id);
        return "redirect:/console/imports/" + id;
    }
}
