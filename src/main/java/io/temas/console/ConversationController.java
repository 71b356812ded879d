package io.temas.console;

import io.temas.channels.messenger.MessengerWindowClosed;
import io.temas.channels.whatsapp.WhatsAppWindowClosed;
import io.temas.conversations.Attachment;
import io.temas.conversations.Attachments;
import io.temas.conversations.Citations;
import io.temas.conversations.Conversation;
import io.temas.conversations.ConversationMergeRefused;
import io.temas.conversations.ConversationMerges;
import io.temas.conversations.ConversationNotFound;
import io.temas.conversations.ConversationStatus;
import io.temas.conversations.Conversations;
import io.temas.conversations.Message;
import io.temas.conversations.Replies;
import io.temas.customers.Customer;
import io.temas.customers.CustomerId;
import io.temas.customers.Customers;
import io.temas.customers.Identity;
import io.temas.routing.Agent;
import io.temas.routing.Agents;
import io.temas.routing.CustomerUnreachable;
import io.temas.routing.Handover;
import io.temas.routing.Queue;
import io.temas.routing.Queues;
import io.temas.routing.ReplyOption;
import io.temas.routing.ReplyOptions;
import io.temas.shared.ChannelType;
import io.temas.shared.Priority;
import io.temas.shared.Refusal;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The conversation screen: the thread across channels beside the customer's 360, the reply box
 * (channel, sender and recipient chosen by the agent; send, send and set pending, send and
 * resolve; canned replies), notes, one form for assignee, queue, status, priority, tags and the complaint mark,
 * merge, and presence.
 */
@Controller
class ConversationController {

    private final Conversations conversations;
    private final ConversationMerges merges;
    private final Replies replies;
    private final Attachments attachments;
    private final Customers customers;
    private final Agents agents;
    private final Queues queues;
    private final ReplyOptions replyOptions;
    private final Handover handover;
    private final CannedReplies canned;
    private final Viewers viewers;
    private final Presence presence;
    private final LiveUpdates live;
    private final CustomerSidebar sidebar;
    private final KnowledgeSuggestions knowledge;
    private final Citations citations;
    private final CallCards calls;
    private final io.temas.conversations.ConversationEdits edits;
    private final TransactionTemplate transactions;
    private final ComplaintField complaint;

    ConversationController(Conversations conversations, ConversationMerges merges, Replies replies, Attachments attachments,
                           Customers customers, Agents agents, Queues queues, Handover handover, ReplyOptions replyOptions,
                           CannedReplies canned, Viewers viewers, Presence presence, LiveUpdates live, CustomerSidebar sidebar,
                           KnowledgeSuggestions knowledge, Citations citations, CallCards calls,
                           io.temas.conversations.ConversationEdits edits, TransactionTemplate transactions, ComplaintField complaint) {
        this.complaint = complaint;
        this.edits = edits;
        this.transactions = transactions;
        this.citations = citations;
        this.calls = calls;
        this.conversations = conversations;
        this.merges = merges;
        this.replies = replies;
        this.attachments = attachments;
        this.customers = customers;
        this.agents = agents;
        this.queues = queues;
        this.replyOptions = replyOptions;
        this.handover = handover;
        this.canned = canned;
        this.viewers = viewers;
        this.presence = presence;
        this.live = live;
        this.sidebar = sidebar;
        this.knowledge = knowledge;
    }

    @GetMapping("/console/conversations/{id}")
    String show(@PathVariable UUID id, Principal principal, Model model) {
        Optional<UUID> survivor = merges.mergedInto(id);
        if (survivor.isPresent()) {
            return "redirect:/console/conversations/" + survivor.get();
        }
        Viewer viewer = viewers.of(principal);
        Conversation c = conversations.get(id);
        Customer customer = customers.current(new CustomerId(c.customerId()));
        List<Identity> identities = customers.identities(customer.id());
        List<Message> messages = conversations.messages(id);
        facts(c, viewer, model);
        model.addAttribute("tags", String.join(", ", conversations.tags(id)));
        model.addAttribute("agents", agents.all());
        model.addAttribute("queues", queues.all());
        model.addAttribute("statuses", ConversationStatus.values());
        model.addAttribute("priorities", Priority.values());
        complaint.fill(id, model);
        List<ReplyOption> options = replyOptions.of(c, identities, messages);
        model.addAttribute("options", options);
        // Told when the conversation's own channel cannot answer, or when nothing can (a web form that left only a phone number
        // and no SMS provider); otherwise another channel without a provider is simply not offered.
        List<ChannelType> unreachable = replyOptions.unreachable(c, identities, messages);
        model.addAttribute("unreachable", options.isEmpty() ? unreachable : unreachable.stream().filter(c.channel()::equals).toList());
        String language = c.language() != null ? c.language().code() : customer.preferredLanguage().map(l -> l.code()).orElse("tr");
        Map<String, String> values = Map.of("customer", customer.displayName() == null ? "" : customer.displayName(),
                "agent", viewer.name(), "reference", c.reference());
        model.addAttribute("canned", canned.forLanguage(language).stream()
                .map(r -> Map.of("title", r.title() + " (" + r.language() + ")", "text", r.fill(values))).toList());
        thread(c, messages, model);
        model.addAttribute("suggestions", knowledge.forConversation(c, messages));
        model.addAttribute("q", "");
        sidebar.fill(customer, identities, id, viewer, model);
        calls.panel(customer, identities, c, viewer, model);
        model.addAttribute("cited", citations.cited(id).orElse(null));
        model.addAttribute("promisedBy", conversations.promisedBy(id).orElse(null));
        model.addAttribute("others", presence.others(id, principal.getName()));
        return "console/conversation";
    }

    @GetMapping("/console/conversations/{id}/thread")
    String thread(@PathVariable UUID id, Model model) {
        Conversation c = conversations.get(id);
        model.addAttribute("c", c);
        thread(c, conversations.messages(id), model);
        return "console/conversation :: thread";
    }

    /** The line of facts under the title (status, priority, queue, assignee, clock) and its quick actions, refreshed live. */
    @GetMapping("/console/conversations/{id}/facts")
    String facts(@PathVariable UUID id, Principal principal, Model model) {
        facts(conversations.get(id), viewers.of(principal), model);
        return "console/conversation :: facts";
    }

    /** The agent's own knowledge-base search beside the conversation (an htmx fragment). */
    @GetMapping("/console/conversations/{id}/articles")
    String articles(@PathVariable UUID id, @RequestParam(defaultValue = "") String q, Model model) {
        Conversation c = conversations.get(id);
        model.addAttribute("c", c);
        model.addAttribute("q", q);
        model.addAttribute("suggestions", q.isBlank() ? knowledge.forConversation(c, conversations.messages(id))
                : knowledge.search(q, c.language()));
        return "console/knowledge :: suggestions";
    }

    @GetMapping("/console/conversations/{id}/presence")
    String presence(@PathVariable UUID id, Principal principal, Model model) {
        model.addAttribute("c", conversations.get(id));
        model.addAttribute("others", presence.others(id, principal.getName()));
        return "console/conversation :: presence";
    }

    @PostMapping("/console/conversations/{id}/presence")
    @ResponseBody
    ResponseEntity<Void> report(@PathVariable UUID id, @RequestParam String state, Principal principal) {
        Viewer viewer = viewers.of(principal);
        presence.report(id, viewer.user().username(), viewer.name(), state);
        return ResponseEntity.noContent().build();
    }

    @GetMapping(path = "/console/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter live(Principal principal) {
        return live.subscribe(principal.getName(), viewers.of(principal).access());
    }

    /**
     * A reply on the chosen channel; {@code via} is an alternative picked with one click when the channel cannot reach the
     * customer. With {@code then} ({@code pending} or {@code resolved}) the conversation takes that status, but only once the
     * reply was accepted: a refused reply changes nothing, keeps its text in the box and says the status was left as it was.
     */
    @PostMapping("/console/conversations/{id}/reply")
    String reply(@PathVariable UUID id, @RequestParam(required = false) String channel, @RequestParam(required = false) String via,
                 @RequestParam(required = false) String sender, @RequestParam(required = false) String recipient,
                 @RequestParam String text, @RequestParam(required = false) String then, Principal principal, RedirectAttributes flash) {
        String picked = via != null && !via.isBlank() ? via : channel;
        ConversationStatus after = then == null || then.isBlank() ? null : switch (then) {
            case "pending" -> ConversationStatus.PENDING;
            case "resolved" -> ConversationStatus.RESOLVED;
            default -> null;
        };
        if (picked == null || picked.isBlank() || (then != null && !then.isBlank() && after == null)) {
            flash.addFlashAttribute("error", picked == null || picked.isBlank() ? "error.channel" : "error.invalid");
            return refused(id, text, after, flash);
        }
        String notice = after == ConversationStatus.RESOLVED ? "notice.repliedResolved"
                : after == ConversationStatus.PENDING ? "notice.repliedPending" : "notice.replied";
        try {
            act(id, flash, notice, () -> {
                ChannelType chosen = ChannelType.of(picked);
                ReplyOption option = replyOptions.of(id).stream().filter(o -> o.channel().equals(chosen)).findFirst()
                        .orElseThrow(() -> new CustomerUnreachable(chosen, List.of()));
                String to = option.recipient(recipient).orElseThrow(() -> new ConsoleRefusal("error.noRecipient"));
                if (text.isBlank()) {
                    throw new ConsoleRefusal("error.emptyText");
                }
                replies.reply(id, chosen, option.sender(sender), to, text, principal.getName());
                if (after != null && conversations.get(id).status() != after) {
                    edits.changeStatus(id, after, viewers.of(principal).actor());
                }
            });
        } catch (CustomerUnreachable e) {
            // Never recorded as sent: the text stays in the box, and the page offers the ways that reach the customer.
            flash.addFlashAttribute("error", "error.unreachable");
        }
        return flash.getFlashAttributes().containsKey("error") ? refused(id, text, after, flash) : "redirect:/console/conversations/" + id;
    }

    private static String refused(UUID id, String text, ConversationStatus after, RedirectAttributes flash) {
        flash.addFlashAttribute("draft", text);
        if (after != null) {
            flash.addFlashAttribute("statusKept", true);
        }
        return "redirect:/console/conversations/" + id;
    }

    @PostMapping("/console/conversations/{id}/note")
    String note(@PathVariable UUID id, @RequestParam String text, Principal principal, RedirectAttributes flash) {
        return act(id, flash, "notice.noted", () -> {
            if (text.isBlank()) {
                throw new ConsoleRefusal("error.emptyText");
            }
            replies.note(id, text, principal.getName());
        });
    }

    /**
     * The one manage form: of assignee, queue, priority, tags, complaint mark and status, only what differs from the conversation is
     * applied, each through its own domain call (so each is recorded as its own change), all or nothing; a field the
     * request leaves out, or that still shows the value the page showed, is left alone. A value that is not valid refuses the whole form with a message saying which.
     */
    @PostMapping("/console/conversations/{id}/manage")
    String manage(@PathVariable UUID id, @ModelAttribute ManageForm.Request request, Principal principal, RedirectAttributes flash) {
        Conversation c = conversations.get(id);
        List<String> changes;
        ManageForm form;
        try {
            form = ManageForm.read(request);
            if (form.agent() != null && form.agent().id() != null && agents.find(form.agent().id()).isEmpty()) {
                throw new ConsoleRefusal("manage.error.agent");
            }
            if (form.queue() != null && queues.find(form.queue()).isEmpty()) {
                throw new ConsoleRefusal("manage.error.queue");
            }
            complaint.check(id, form.complaint());
            changes = form.changes(c, conversations.tags(id), complaint.current(id));
        } catch (ConsoleRefusal e) {
            flash.addFlashAttribute("error", e.key());
            return "redirect:/console/conversations/" + id;
        }
        if (changes.isEmpty()) {
            flash.addFlashAttribute("notice", "notice.unchanged");
            return "redirect:/console/conversations/" + id;
        }
        String done = act(id, flash, "notice.managed", () -> transactions.executeWithoutResult(tx -> apply(c, form, changes, viewers.of(principal).actor())));
        if (!flash.getFlashAttributes().containsKey("error")) {
            flash.addFlashAttribute("changed", changes);
        }
        return done;
    }

    private void apply(Conversation c, ManageForm form, List<String> changes, io.temas.conversations.Actor by) {
        UUID id = c.id();
        if (changes.contains("queue")) {
            // The assignee the form shows goes along to the new queue; with none, the new queue's agents are offered it.
            handover.reassign(id, form.queue(), changes.contains("agent") ? form.agent().id() : c.assigneeId(), by);
        } else if (changes.contains("agent")) {
            handover.assign(id, form.agent().id(), by);
        }
        if (changes.contains("priority")) {
            edits.changePriority(id, form.priority(), by);
        }
        if (changes.contains("tags")) {
            edits.retag(id, form.tags(), by);
        }
        if (changes.contains("complaint")) {
            complaint.apply(id, form.complaint(), by);
        }
        if (changes.contains("status")) {
            edits.changeStatus(id, form.status(), by);
        }
    }

    @PostMapping("/console/conversations/{id}/merge")
    String merge(@PathVariable UUID id, @RequestParam String other, Principal principal, RedirectAttributes flash) {
        return act(id, flash, "notice.merged", () -> {
            try {
                merges.merge(id, other, viewers.of(principal).access());
            } catch (ConversationNotFound e) {
                throw new ConsoleRefusal("error.noSuchConversation");
            } catch (ConversationMergeRefused e) {
                throw new ConsoleRefusal(e.reason() == ConversationMergeRefused.Reason.SAME_CONVERSATION
                        ? "error.sameConversation" : "error.otherCustomer");
            }
        });
    }

    @GetMapping("/console/attachments/{id}")
    ResponseEntity<byte[]> attachment(@PathVariable UUID id) {
        Attachment a = attachments.find(id).orElseThrow(() -> new ConversationNotFound(id));
        byte[] content = attachments.content(a).orElseThrow(() -> new ConversationNotFound(id));
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(a.filename(),
                        java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .contentType(MediaType.APPLICATION_OCTET_STREAM).body(content);
    }

    private String act(UUID id, RedirectAttributes flash, String notice, Runnable action) {
        try {
            action.run();
            flash.addFlashAttribute("notice", notice);
        } catch (ConsoleRefusal e) {
            flash.addFlashAttribute("error", e.key());
        } catch (CustomerUnreachable e) {
            throw e;
        } catch (WhatsAppWindowClosed e) {
            flash.addFlashAttribute("error", "whatsapp.window.refused");
        } catch (MessengerWindowClosed e) {
            flash.addFlashAttribute("error", e.neverHeard() ? "messenger.window.neverHeard" : "messenger.window.refused");
        } catch (Refusal e) {
            flash.addFlashAttribute("error", "error.invalid");
            flash.addFlashAttribute("errorDetail", e.getMessage());
        }
        return "redirect:/console/conversations/" + id;
    }

    private void facts(Conversation c, Viewer viewer, Model model) {
        model.addAttribute("c", c);
        Instant due = c.firstRespondedAt() == null ? c.firstResponseDue() : c.resolutionDue();
        model.addAttribute("due", due == null ? "" : due.toString());
        model.addAttribute("queueName", queues.find(c.queueId()).map(Queue::name).orElse(null));
        model.addAttribute("assignee", c.assigneeId() == null ? null : agents.find(c.assigneeId()).map(Agent::displayName).orElse(null));
        model.addAttribute("myAgentId", viewer.agent().map(Agent::id).orElse(null));
    }

    private void thread(Conversation c, List<Message> messages, Model model) {
        Map<UUID, List<Attachment>> files = attachments.ofConversation(c.id()).stream()
                .filter(a -> a.inlineId() == null).collect(Collectors.groupingBy(Attachment::messageId));
        model.addAttribute("messages", messages);
        model.addAttribute("files", files);
        model.addAttribute("callThread", calls.thread(c.id(), messages));
    }
}
