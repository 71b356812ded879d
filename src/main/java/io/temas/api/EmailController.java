package io.temas.api;

import io.swagger.v3.oas.annotations.Operation;
import io.temas.channels.email.EmailIngest;
import io.temas.channels.email.EmailSettings;
import io.temas.channels.email.MailFetchers;
import io.temas.channels.email.Mailbox;
import io.temas.channels.email.Mailboxes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** E-mail: raw messages pushed by a mail server, and the mailboxes Temas fetches and sends from. */
@RestController
class EmailController {

    record MailboxRequest(String address, String queue, EmailSettings.Imap imap, EmailSettings.Smtp smtp) {
    }

    private final EmailIngest ingest;
    private final Mailboxes mailboxes;
    private final MailFetchers fetchers;

    EmailController(EmailIngest ingest, Mailboxes mailboxes, MailFetchers fetchers) {
        this.ingest = ingest;
        this.mailboxes = mailboxes;
        this.fetchers = fetchers;
    }

    @Operation(summary = "Run one raw RFC 822 message through the pipeline",
            description = "For mail servers delivering straight into Temas (see the mailgate command). Answers like POST /api/v1/inbound; "
                    + "a delivery status notification answers 202 and marks the address undeliverable instead.")
    @PostMapping(path = "/api/v1/inbound/email", consumes = MediaType.ALL_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> inbound(@RequestParam(required = false) String entryPoint, @RequestBody byte[] raw) {
        return switch (ingest.ingest(raw, entryPoint)) {
            case EmailIngest.Outcome.Delivered delivered -> InboundController.answer(delivered.receipt());
            case EmailIngest.Outcome.Bounced bounced -> ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of(
                    "bounce", true,
                    "recipients", bounced.recipients(),
                    "permanent", bounced.permanent(),
                    "duplicate", !bounced.firstTime()));
        };
    }

    @GetMapping("/api/v1/mailboxes")
    List<Map<String, Object>> mailboxes() {
        Map<String, MailFetchers.Status> status = new LinkedHashMap<>();
        fetchers.status().forEach(s -> status.put(s.address(), s));
        return mailboxes.all().stream().map(m -> view(m, status.get(m.address()))).toList();
    }

    @PostMapping("/api/v1/mailboxes")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> create(@RequestBody MailboxRequest r) {
        return view(mailboxes.create(r.address(), r.queue(), r.imap(), r.smtp()), null);
    }

    @PutMapping("/api/v1/mailboxes/{id}")
    Map<String, Object> update(@PathVariable UUID id, @RequestBody MailboxRequest r) {
        return view(mailboxes.update(id, r.address(), r.queue(), r.imap(), r.smtp()), null);
    }

    @DeleteMapping("/api/v1/mailboxes/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID id) {
        mailboxes.delete(id);
    }

    @PostMapping("/api/v1/mailboxes/fetch")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void fetchNow() {
        fetchers.wakeAll();
    }

    /** Never shows passwords. */
    private static Map<String, Object> view(Mailbox m, MailFetchers.Status status) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", m.id());
        body.put("address", m.address());
        body.put("queue", m.queue());
        body.put("source", m.source());
        if (m.imap() != null) {
            body.put("imap", ConversationsController.map("host", m.imap().host(), "port", m.imap().portOrDefault(),
                    "username", m.imap().username(), "ssl", Boolean.TRUE.equals(m.imap().ssl()),
                    "starttls", Boolean.TRUE.equals(m.imap().starttls()), "folder", m.imap().folderOrDefault(),
                    "idle", m.imap().useIdle(), "pollInterval", m.imap().pollIntervalOrDefault().toString()));
        }
        if (m.smtp() != null) {
            body.put("smtp", ConversationsController.map("host", m.smtp().host(), "port", m.smtp().portOrDefault(),
                    "username", m.smtp().username(), "ssl", Boolean.TRUE.equals(m.smtp().ssl()),
                    "starttls", Boolean.TRUE.equals(m.smtp().starttls())));
        }
        body.put("fetching", status != null && status.running());
        body.put("lastError", status == null ? null : status.lastError());
        return body;
    }
}
