package io.temas.api;

import io.temas.conversations.Conversation;
import io.temas.conversations.ConversationMerges;
import io.temas.conversations.ConversationStatus;
import io.temas.conversations.Conversations;
import io.temas.conversations.Message;
import io.temas.conversations.Replies;
import io.temas.routing.Agent;
import io.temas.routing.Agents;
import io.temas.routing.Handover;
import io.temas.routing.Queue;
import io.temas.routing.Queues;
import io.temas.routing.ReplyOptions;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Conversations: read them, answer them, assign them, change their status. */
@RestController
@RequestMapping("/api/v1/conversations")
class ConversationsController {

    /**
     * A reply or note. {@code channel}, {@code from} and {@code to} pick one of the reply options
     * (absent: the conversation's own channel, or for a web form the address it left, to whoever
     * wrote last); a channel that cannot reach the customer is refused with 409 listing the
     * alternatives.
     */
    record ReplyRequest(String text, String kind, String channel, String from, String to) {
    }

    /**
     * A hand-over: {@code queue} (name or id) moves the conversation there; {@code agentId} gives it to that agent, and
     * without one it is unassigned — held in its own queue for {@code temas.routing.unassign-hold}, offered at once in a
     * new one, and not offered back to the agent it was taken from while another can take it. On the timeline as done by
     * the token.
     */
    record AssignRequest(UUID agentId, String queue) {
    }

    record StatusRequest(String status) {
    }

    record MergeRequest(String other) {
    }

    private final Conversations conversations;
    private final Replies replies;
    private final Queues queues;
    private final Agents agents;
    private final Handover handover;
    private final ConversationMerges merges;
    private final io.temas.conversations.Attachments attachments;
    private final ReplyOptions replyOptions;
    private final io.temas.conversations.ConversationEdits edits;
    private final ApiActors actors;

    ConversationsController(Conversations conversations, Replies replies, Queues queues, Agents agents, Handover handover,
                            ConversationMerges merges, io.temas.conversations.Attachments attachments, ReplyOptions replyOptions,
                            io.temas.conversations.ConversationEdits edits, ApiActors actors) {
        this.edits = edits;
        this.actors = actors;
        this.replyOptions = replyOptions;
        this.merges = merges;
        this.attachments = attachments;
        this.handover = handover;
        this.conversations = conversations;
        this.replies = replies;
        this.queues = queues;
        this.agents = agents;
    }

    @GetMapping("/{id}")
    Map<String, Object> get(@PathVariable UUID id) {
        Conversation c = conversations.get(id);
        Map<String, Object> body = summary(c);
        body.put("routing", map("rule", c.routingRule(), "reason", c.routingReason(), "skills", c.requiredSkills()));
        body.put("sla", map("firstResponseDue", c.firstResponseDue(), "resolutionDue", c.resolutionDue(),
                "firstRespondedAt", c.firstRespondedAt(), "resolvedAt", c.resolvedAt(),
                "firstResponseBreached", c.firstResponseBreached(), "resolutionBreached", c.resolutionBreached()));
        body.put("promisedBy", conversations.promisedBy(id).orElse(null));
        body.put("attribution", map("entryPoint", c.entryPoint(), "campaign", c.campaign(), "medium", c.medium(),
                "customerWasNew", c.customerWasNew()));
        var files = attachments.ofConversation(id);
        body.put("messages", conversations.messages(id).stream().map(m -> {
            Map<String, Object> view = message(m);
            view.put("attachments", files.stream().filter(a -> a.messageId().equals(m.id())).map(a -> map("id", a.id(),
                    "filename", a.filename(), "contentType", a.contentType(), "size", a.size(), "inlineId", a.inlineId())).toList());
            return view;
        }).toList());
        return body;
    }

    @GetMapping
    Map<String, Object> list(@RequestParam(required = false) UUID customerId, @RequestParam(required = false) String queue,
                             @RequestParam(required = false) String status, @RequestParam(required = false) UUID assigneeId,
                             @RequestParam(required = false) Boolean unassigned, @RequestParam(required = false) String after,
                             @RequestParam(defaultValue = "50") int limit) {
        UUID queueId = queue == null ? null : queues.resolve(queue).id();
        var page = conversations.page(new Conversations.Filter(customerId, queueId,
                status == null ? null : ConversationStatus.of(status), assigneeId, unassigned), ApiAccess.current(), after,
                Math.clamp(limit, 1, 500));
        Map<String, Object> body = new LinkedHashMap<>();
        Map<UUID, String> usernames = new java.util.HashMap<>();
        agents.all().forEach(a -> usernames.put(a.id(), a.username()));
        body.put("items", page.items().stream().map(c -> summary(c, usernames::get)).toList());
        body.put("next", page.next());
        return body;
    }

    @PostMapping("/{id}/messages")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> reply(@PathVariable UUID id, @RequestBody ReplyRequest request, Principal principal) {
        if ("note".equals(request.kind())) {
            return Map.of("messageId", replies.note(id, request.text(), principal.getName()));
        }
        if (request.text() == null || request.text().isBlank()) {
            throw new io.temas.shared.InvalidInput("text", "a reply needs text");
        }
        ReplyOptions.Chosen chosen = replyOptions.choose(id, request.channel(), request.from(), request.to());
        UUID messageId = replies.reply(id, chosen.channel(), chosen.sender(), chosen.recipient(), request.text(), actors.of(principal),
                Map.of());
        return Map.of("messageId", messageId, "channel", chosen.channel().code(), "from", chosen.sender(), "to", chosen.recipient(),
                "delivery", conversations.delivery(messageId).orElse("queued"));
    }

    @PostMapping("/{id}/assign")
    Map<String, Object> assign(@PathVariable UUID id, @RequestBody AssignRequest request, Principal principal) {
        return summary(handover.reassign(id, request.queue() == null ? null : queues.resolve(request.queue()).id(), request.agentId(),
                actors.of(principal)));
    }

    /** Merges the conversation {@code other} names (reference or id) into this one. */
    @PostMapping("/{id}/merge")
    Map<String, Object> merge(@PathVariable UUID id, @RequestBody MergeRequest request) {
        return summary(merges.merge(id, RoutingAdminController.required(request.other(), "other"), ApiAccess.current()));
    }

    @PostMapping("/{id}/status")
    Map<String, Object> status(@PathVariable UUID id, @RequestBody StatusRequest request, Principal principal) {
        edits.changeStatus(id, ConversationStatus.of(request.status()), actors.of(principal));
        return summary(conversations.get(id));
    }

    Map<String, Object> summary(Conversation c) {
        return summary(c, agentId -> agents.find(agentId).map(Agent::username).orElse(null));
    }

    /** The conversation's headline fields; {@code usernames} names the assignee. */
    Map<String, Object> summary(Conversation c, java.util.function.Function<UUID, String> usernames) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", c.id());
        body.put("reference", c.reference());
        body.put("customerId", c.customerId());
        body.put("channel", c.channel().code());
        body.put("subject", c.subject());
        body.put("queue", queues.find(c.queueId()).map(Queue::name).orElse(null));
        body.put("queueId", c.queueId());
        body.put("status", c.status().code());
        body.put("priority", c.priority().code());
        body.put("assignee", c.assigneeId() == null ? null : usernames.apply(c.assigneeId()));
        body.put("assigneeId", c.assigneeId());
        body.put("language", c.language() == null ? null : c.language().code());
        body.put("createdAt", c.createdAt());
        body.put("lastMessageAt", c.lastMessageAt());
        return body;
    }

    static Map<String, Object> message(Message m) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", m.id());
        body.put("direction", m.direction().code());
        body.put("kind", m.kind());
        body.put("channel", m.channel().code());
        body.put("from", m.sender());
        body.put("to", m.recipient());
        body.put("subject", m.subject());
        body.put("text", m.text());
        body.put("html", m.html());
        body.put("language", m.language());
        body.put("author", m.author());
        body.put("delivery", m.delivery());
        body.put("deliveryError", m.deliveryError());
        body.put("occurredAt", m.occurredAt());
        return body;
    }

    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
