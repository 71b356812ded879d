package io.temas.api;

import io.temas.customers.CustomerId;
import io.temas.privacy.Erasure;
import io.temas.privacy.Erasures;
import io.temas.privacy.PersonalDataExport;
import io.temas.shared.InvalidInput;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** KVKK / GDPR: a person's data as a zip, their erasure, and the audit of erasures; admin scope throughout. */
@RestController
class PrivacyController {

    private final PersonalDataExport export;
    private final Erasures erasures;

    PrivacyController(PersonalDataExport export, Erasures erasures) {
        this.export = export;
        this.erasures = erasures;
    }

    @Operation(summary = "Everything held about a customer, as a zip (KVKK article 11, GDPR article 15)",
            description = "One <part>.json per personal-data part (rows of every profile of the person: the merge group and related chat "
                    + "profiles), attachments/<id>-<name> with the files of their messages, erasures.json and export.json (whose export, when, "
                    + "rows per part). An unknown id is a 404 problem detail before the download starts.")
    @GetMapping(value = "/api/v1/customers/{id}/export", produces = "application/zip")
    ResponseEntity<StreamingResponseBody> export(@PathVariable UUID id) {
        CustomerId customer = new CustomerId(id);
        export.check(customer);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("customer-" + id + ".zip").build().toString())
                .body(out -> export.write(customer, out));
    }

    /** 200 with the erasure; a repeated request answers the first erasure with {@code repeated: true}. */
    @Operation(summary = "Erase a customer's personal data everywhere, audited",
            description = "{\"reason\"} is required (at most 500 characters; the person's addresses are taken out of it). Removes or "
                    + "anonymises the person in every part, keeps figures and consent withdrawals without the address, and answers the "
                    + "audit record {id, customerId, customers, actor, reason, erasedAt, parts: {part: records}, repeated}. Asking again for "
                    + "any profile of the person answers the first erasure with repeated true.")
    @PostMapping("/api/v1/customers/{id}/erase")
    Map<String, Object> erase(@PathVariable UUID id, @RequestBody(required = false) Map<String, Object> request, Principal principal) {
        Object reason = request == null ? null : request.get("reason");
        if (reason != null && !(reason instanceof String)) {
            throw new InvalidInput("reason", "reason is a text");
        }
        return body(erasures.erase(new CustomerId(id), (String) reason, principal.getName()));
    }

    @Operation(summary = "The audit of erasures, latest first")
    @GetMapping("/api/v1/erasures")
    Map<String, Object> list(@RequestParam(defaultValue = "0") int offset, @RequestParam(defaultValue = "50") int limit) {
        List<Map<String, Object>> items = erasures.recent(offset, limit).stream().map(PrivacyController::body).toList();
        return Map.of("items", items);
    }

    @GetMapping("/api/v1/erasures/{erasureId}")
    Map<String, Object> get(@PathVariable UUID erasureId) {
        return body(erasures.get(erasureId));
    }

    static Map<String, Object> body(Erasure e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", e.id());
        body.put("customerId", e.customerId());
        body.put("customers", e.customers());
        body.put("actor", e.actor());
        body.put("reason", e.reason());
        body.put("erasedAt", e.erasedAt());
        body.put("parts", e.parts());
        body.put("repeated", e.repeated());
        return body;
    }
}
