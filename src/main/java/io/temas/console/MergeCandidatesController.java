package io.temas.console;

import io.temas.conversations.ConversationAccess;
import io.temas.conversations.QueueAccess;
import io.temas.customers.Customer;
import io.temas.customers.CustomerId;
import io.temas.customers.CustomerTimeline;
import io.temas.customers.Customers;
import io.temas.customers.Identity;
import io.temas.customers.MergeCandidateAlreadyDecided;
import io.temas.customers.MergeCandidates;
import io.temas.customers.MergeCandidates.Candidate;
import io.temas.customers.MergeConflict;
import io.temas.customers.TimelineEntry;
import io.temas.shared.InvalidInput;
import java.security.Principal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Merge candidates for supervisors and admins: the pairs the identity rules would not merge alone, newest first, and
 * one pair side by side (names, identities, language, VIP, segments, conversations, last contact, recent timeline, why
 * it was flagged) with "merge" (the supervisor picks who stays; undone as any merge) and "dismiss" (two people; the
 * pair is not flagged again). A decision someone else made first is said in words, not an error page.
 */
@Controller
class MergeCandidatesController {

    /** One customer of a pair as the review shows them; {@code conversations} and the timeline as far as the viewer may see. */
    record Side(Customer customer, List<Identity> identities, int conversations, Instant lastContact, List<TimelineEntry> timeline) {
    }

    /** One line of the list: the candidate and its two customers' names. */
    /** A candidate with the two names as the list shows them (null when a customer has none). */
    record Line(Candidate candidate, String first, String second) {
    }

    private static final int LIST_SIZE = 200;
    private static final int TIMELINE = 8;

    private final MergeCandidates candidates;
    private final Customers customers;
    private final CustomerTimeline timeline;
    private final ConversationAccess access;
    private final Viewers viewers;
    private final JdbcClient jdbc;

    MergeCandidatesController(MergeCandidates candidates, Customers customers, CustomerTimeline timeline, ConversationAccess access,
                              Viewers viewers, JdbcClient jdbc) {
        this.candidates = candidates;
        this.customers = customers;
        this.timeline = timeline;
        this.access = access;
        this.viewers = viewers;
        this.jdbc = jdbc;
    }

    @GetMapping("/console/merge-candidates")
    String list(Model model) {
        List<Candidate> open = candidates.open(LIST_SIZE);
        Map<UUID, String> names = customers.names(open.stream()
                .flatMap(c -> java.util.stream.Stream.of(c.first().value(), c.second().value())).toList());
        List<Line> lines = open.stream().map(c -> new Line(c, names.get(c.first().value()), names.get(c.second().value()))).toList();
        model.addAttribute("lines", lines);
        model.addAttribute("total", candidates.openCount());
        return "console/merge-candidates";
    }

    @GetMapping("/console/merge-candidates/{id}")
    String review(@PathVariable UUID id, Principal principal, Model model) {
        Candidate candidate = candidates.get(id);
        QueueAccess seen = viewers.of(principal).access();
        model.addAttribute("candidate", candidate);
        model.addAttribute("sides", List.of(side(candidate.first(), seen), side(candidate.second(), seen)));
        return "console/merge-candidate";
    }

    @PostMapping("/console/merge-candidates/{id}/merge")
    String merge(@PathVariable UUID id, @RequestParam(defaultValue = "") String survivor, Principal principal, RedirectAttributes flash) {
        try {
            UUID mergeId = candidates.merge(id, new CustomerId(UUID.fromString(survivor.strip())), principal.getName());
            flash.addFlashAttribute("notice", "merging.notice.merged");
            flash.addFlashAttribute("mergeId", mergeId);
            flash.addFlashAttribute("survivor", survivor.strip());
            return "redirect:/console/merge-candidates";
        } catch (IllegalArgumentException | InvalidInput noSurvivor) {
            flash.addFlashAttribute("error", "merging.error.survivor");
        } catch (MergeCandidateAlreadyDecided e) {
            return decidedFirst(e, flash);
        } catch (MergeConflict e) {
            flash.addFlashAttribute("error", "merging.error.conflict");
        }
        return "redirect:/console/merge-candidates/" + id;
    }

    @PostMapping("/console/merge-candidates/{id}/dismiss")
    String dismiss(@PathVariable UUID id, Principal principal, RedirectAttributes flash) {
        try {
            candidates.dismiss(id, principal.getName());
            flash.addFlashAttribute("notice", "merging.notice.dismissed");
        } catch (MergeCandidateAlreadyDecided e) {
            return decidedFirst(e, flash);
        }
        return "redirect:/console/merge-candidates";
    }

    /** Someone was quicker: say who, what and when, on the list the other supervisor goes back to. */
    private static String decidedFirst(MergeCandidateAlreadyDecided e, RedirectAttributes flash) {
        flash.addFlashAttribute("decidedFirst", e.candidate());
        return "redirect:/console/merge-candidates";
    }

    private Side side(CustomerId id, QueueAccess seen) {
        Customer customer = customers.get(id);
        List<Map<String, Object>> rows = jdbc.sql("select id, last_message_at as at from conversations where customer_id = ?")
                .param(id.value()).query().listOfRows();
        Set<UUID> ids = rows.stream().map(r -> (UUID) r.get("id")).collect(Collectors.toSet());
        Set<UUID> visible = seen.all() ? ids : access.visible(ids, seen);
        Instant last = rows.stream().filter(r -> visible.contains((UUID) r.get("id"))).map(r -> ((Timestamp) r.get("at")).toInstant())
                .max(Instant::compareTo).orElse(null);
        List<TimelineEntry> recent = timeline.recent(id, TIMELINE * 4);
        Set<UUID> mentioned = recent.stream().map(TimelineEntry::conversationId).filter(Objects::nonNull).collect(Collectors.toSet());
        Set<UUID> shown = seen.all() ? mentioned : access.visible(mentioned, seen);
        List<TimelineEntry> entries = recent.stream().filter(e -> e.conversationId() == null || shown.contains(e.conversationId()))
                .limit(TIMELINE).toList();
        return new Side(customer, customers.identities(id), visible.size(), last, entries);
    }
}
