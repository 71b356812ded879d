package io.temas.console;

import static io.temas.console.AdminForms.blankToNull;
import static io.temas.console.AdminForms.required;

import io.temas.channels.email.EmailSettings;
import io.temas.channels.email.MailFetchers;
import io.temas.channels.email.Mailbox;
import io.temas.channels.email.Mailboxes;
import io.temas.routing.EntryPoint;
import io.temas.routing.EntryPoints;
import io.temas.routing.Queues;
import io.temas.shared.ChannelType;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Admin screen for the e-mail mailboxes: whether each is being fetched and its last error, and the
 * entry point its address is; the ones added here or through the API can be changed, those from the
 * settings only looked at. E-mail entry points no mailbox fetches are listed too, saying how their
 * mail can still arrive (the mailgate, the API). Passwords are never shown back: a blank password
 * field keeps the one saved.
 */
@Controller
class AdminMailboxController {

    record MailboxForm(String address, String queue, String imapHost, String imapPort, String imapUsername, String imapPassword,
                       Boolean imapSsl, String smtpHost, String smtpPort, String smtpUsername, String smtpPassword, Boolean smtpStarttls) {

        static MailboxForm empty() {
            return new MailboxForm("", "", "", "993", "", "", true, "", "587", "", "", true);
        }

        static MailboxForm of(Mailbox m) {
            EmailSettings.Imap i = m.imap();
            EmailSettings.Smtp s = m.smtp();
            return new MailboxForm(m.address(), m.queue(),
                    i == null ? "" : i.host(), i == null ? "" : Integer.toString(i.portOrDefault()), i == null ? "" : i.username(), "",
                    i != null && Boolean.TRUE.equals(i.ssl()),
                    s == null ? "" : s.host(), s == null ? "" : Integer.toString(s.portOrDefault()), s == null ? "" : s.username(), "",
                    s != null && Boolean.TRUE.equals(s.starttls()));
        }
    }

    /** A mailbox with the entry point its address is (none until the address is announced) and that entry point's queue. */
    record MailboxRow(Mailbox mailbox, EntryPoint entryPoint, String entryQueue) {
    }

    /** An e-mail entry point no mailbox fetches: its mail arrives only through the mailgate or the API. */
    record UnfetchedAddress(EntryPoint entryPoint, String queue) {
    }

    private final Mailboxes mailboxes;
    private final MailFetchers fetchers;
    private final Queues queues;
    private final EntryPoints entryPoints;

    AdminMailboxController(Mailboxes mailboxes, MailFetchers fetchers, Queues queues, EntryPoints entryPoints) {
        this.mailboxes = mailboxes;
        this.fetchers = fetchers;
        this.queues = queues;
        this.entryPoints = entryPoints;
    }

    /** The mailboxes and the e-mail addresses without one; {@code address} and {@code queue} fill in the form to add one for such an address. */
    @GetMapping("/console/admin/mailboxes")
    String list(@RequestParam(required = false) String address, @RequestParam(required = false) String queue, Model model) {
        MailboxForm form = MailboxForm.empty();
        if (address != null && !address.isBlank()) {
            form = new MailboxForm(address.strip(), queue == null ? "" : queue.strip(), form.imapHost(), form.imapPort(), "", "",
                    form.imapSsl(), "", form.smtpPort(), "", "", form.smtpStarttls());
        }
        return page(null, form, model);
    }

    @GetMapping("/console/admin/mailboxes/{id}")
    String edit(@PathVariable UUID id, Model model) {
        return page(id, MailboxForm.of(mailboxes.get(id)), model);
    }

    @PostMapping("/console/admin/mailboxes")
    String create(MailboxForm form, Model model, RedirectAttributes flash, HttpServletResponse response) {
        return AdminForms.submit(() -> mailboxes.create(address(form), queue(form), imap(form, null), smtp(form, null)),
                "/console/admin/mailboxes", flash, model, response, () -> page(null, form, model));
    }

    @PostMapping("/console/admin/mailboxes/{id}")
    String update(@PathVariable UUID id, MailboxForm form, Model model, RedirectAttributes flash, HttpServletResponse response) {
        Mailbox before = mailboxes.get(id);
        return AdminForms.submit(() -> mailboxes.update(id, address(form), queue(form), imap(form, before.imap()), smtp(form, before.smtp())),
                "/console/admin/mailboxes", flash, model, response, () -> page(id, form, model));
    }

    @PostMapping("/console/admin/mailboxes/{id}/delete")
    String delete(@PathVariable UUID id, RedirectAttributes flash) {
        mailboxes.get(id);
        return AdminForms.act(() -> mailboxes.delete(id), "/console/admin/mailboxes", "admin.notice.deleted", flash);
    }

    @PostMapping("/console/admin/mailboxes/fetch")
    String fetchNow(RedirectAttributes flash) {
        return AdminForms.act(fetchers::wakeAll, "/console/admin/mailboxes", "admin.notice.fetching", flash);
    }

    private String page(UUID editing, MailboxForm form, Model model) {
        Map<String, MailFetchers.Status> status = new HashMap<>();
        fetchers.status().forEach(s -> status.put(s.address(), s));
        List<Mailbox> all = mailboxes.all();
        Set<String> addresses = all.stream().map(Mailbox::address).collect(Collectors.toSet());
        List<MailboxRow> rows = all.stream().map(m -> {
            EntryPoint entryPoint = entryPoints.find(m.address(), ChannelType.EMAIL).orElse(null);
            return new MailboxRow(m, entryPoint, entryPoint == null ? null : queueName(entryPoint.queueId()));
        }).toList();
        List<UnfetchedAddress> unfetched = entryPoints.all().stream()
                .filter(AdminMailboxController::receivesEmail)
                .filter(e -> !addresses.contains(e.address().toLowerCase(Locale.ROOT)))
                .map(e -> new UnfetchedAddress(e, queueName(e.queueId())))
                .toList();
        model.addAttribute("mailboxes", all);
        model.addAttribute("rows", rows);
        model.addAttribute("unfetched", unfetched);
        model.addAttribute("status", status);
        model.addAttribute("queues", queues.all());
        model.addAttribute("editing", editing);
        model.addAttribute("form", form);
        return "console/admin/mailboxes";
    }

    /** An entry point mail can arrive at: one for e-mail, or one for every channel whose address is an e-mail address. */
    private static boolean receivesEmail(EntryPoint e) {
        return ChannelType.EMAIL.equals(e.channel()) || e.channel() == null && e.address().contains("@");
    }

    private String queueName(UUID id) {
        return id == null ? null : queues.find(id).map(io.temas.routing.Queue::name).orElse(null);
    }

    private static String address(MailboxForm form) {
        String address = required(form.address(), "admin.error.address");
        if (!address.contains("@")) {
            throw new ConsoleRefusal("admin.error.email");
        }
        return address;
    }

    private static String queue(MailboxForm form) {
        return required(form.queue(), "admin.error.queue");
    }

    /** IMAP settings from the form; no host, no fetching. A blank password keeps {@code before}'s. */
    private static EmailSettings.Imap imap(MailboxForm f, EmailSettings.Imap before) {
        String host = blankToNull(f.imapHost());
        if (host == null) {
            return null;
        }
        String password = blankToNull(f.imapPassword()) != null ? f.imapPassword() : before == null ? null : before.password();
        boolean ssl = Boolean.TRUE.equals(f.imapSsl());
        return new EmailSettings.Imap(host, port(f.imapPort()), blankToNull(f.imapUsername()), password, ssl, !ssl && before != null
                ? before.starttls() : null, before == null ? null : before.folder(), before == null ? null : before.idle(),
                before == null ? null : before.pollInterval());
    }

    private static EmailSettings.Smtp smtp(MailboxForm f, EmailSettings.Smtp before) {
        String host = blankToNull(f.smtpHost());
        if (host == null) {
            return null;
        }
        String password = blankToNull(f.smtpPassword()) != null ? f.smtpPassword() : before == null ? null : before.password();
        boolean starttls = Boolean.TRUE.equals(f.smtpStarttls());
        Integer port = port(f.smtpPort());
        // Without STARTTLS, port 465 means TLS from the first byte (SMTPS).
        boolean ssl = !starttls && (Integer.valueOf(465).equals(port) || before != null && Boolean.TRUE.equals(before.ssl()));
        return new EmailSettings.Smtp(host, port, blankToNull(f.smtpUsername()), password, ssl, starttls);
    }

    private static Integer port(String value) {
        Integer port = AdminForms.number(value, "admin.error.port");
        if (port != null && (port < 1 || port > 65535)) {
            throw new ConsoleRefusal("admin.error.port");
        }
        return port;
    }
}
