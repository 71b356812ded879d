package io.temas.console;

import io.temas.conversations.Conversation;
import io.temas.conversations.ConversationStatus;
import io.temas.shared.InvalidInput;
import io.temas.shared.Priority;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * What the conversation page's one manage form asks for: assignee, queue, status, priority,
 * tags and the complaint mark. A field the request did not carry is {@code null} and left alone; the agent field is
 * {@link Assignee#NOBODY} when it asks for no assignee. {@link #changes} names only the fields
 * that differ from the conversation, so the page applies (and records) nothing else.
 */
record ManageForm(Assignee agent, UUID queue, ConversationStatus status, Priority priority, List<String> tags,
                  ComplaintChoice complaint) {

    ManageForm(Assignee agent, UUID queue, ConversationStatus status, Priority priority, List<String> tags) {
        this(agent, queue, status, priority, tags, null);
    }

    /** The complaint mark asked for: a category's code, or {@code null} for "not a complaint". */
    record ComplaintChoice(String category) {
        static final ComplaintChoice NONE = new ComplaintChoice(null);

        static ComplaintChoice of(String value) {
            return value == null || value.isBlank() ? NONE : new ComplaintChoice(value.strip());
        }
    }

    /** The assignee asked for; {@code id} null means back to the queue. */
    record Assignee(UUID id) {
        static final Assignee NOBODY = new Assignee(null);
    }

    /** The form as posted: each field and the value the page showed for it ({@code …Was}); any of them may be missing. */
    record Request(String agent, String agentWas, String queue, String queueWas, String status, String statusWas,
                   String priority, String priorityWas, String tags, String tagsWas, String complaint, String complaintWas) {
    }

    /** Reads the fields the agent changed on the page; a field still showing what the page showed counts as not sent. */
    static ManageForm read(Request r) {
        ManageForm form = read(touched(r.agent(), r.agentWas()), touched(r.queue(), r.queueWas()), touched(r.status(), r.statusWas()),
                touched(r.priority(), r.priorityWas()),
                r.tags() != null && r.tagsWas() != null && sameTags(clean(r.tags()), clean(r.tagsWas())) ? null : r.tags());
        String complaint = touched(r.complaint(), r.complaintWas());
        return complaint == null ? form : new ManageForm(form.agent(), form.queue(), form.status(), form.priority(), form.tags(),
                ComplaintChoice.of(complaint));
    }

    private static String touched(String value, String shown) {
        return value != null && shown != null && value.strip().equals(shown.strip()) ? null : value;
    }

    /** Reads the form's raw fields; a value that is not an id, a status or a priority is refused with a key saying which. */
    static ManageForm read(String agent, String queue, String status, String priority, String tags) {
        return new ManageForm(
                agent == null ? null : agent.isBlank() ? Assignee.NOBODY : new Assignee(AdminForms.id(agent, "manage.error.agent")),
                queue == null || queue.isBlank() ? null : AdminForms.id(queue, "manage.error.queue"),
                status == null || status.isBlank() ? null : parse(() -> ConversationStatus.of(status), "manage.error.status"),
                priority == null || priority.isBlank() ? null : parse(() -> Priority.of(priority), "manage.error.priority"),
                tags == null ? null : clean(tags));
    }

    /** The fields, in the order they are applied, whose asked value differs from the conversation's. */
    List<String> changes(Conversation c, List<String> currentTags) {
        return changes(c, currentTags, null);
    }

    /** As {@link #changes(Conversation, List)}, with the conversation's complaint category ({@code null}: none). */
    List<String> changes(Conversation c, List<String> currentTags, String currentComplaint) {
        List<String> changed = new ArrayList<>();
        if (agent != null && !Objects.equals(agent.id(), c.assigneeId())) {
            changed.add("agent");
        }
        if (queue != null && !queue.equals(c.queueId())) {
            changed.add("queue");
        }
        if (priority != null && priority != c.priority()) {
            changed.add("priority");
        }
        if (tags != null && !sameTags(tags, currentTags)) {
            changed.add("tags");
        }
        if (complaint != null && !Objects.equals(complaint.category(), currentComplaint)) {
            changed.add("complaint");
        }
        if (status != null && status != c.status()) {
            changed.add("status");
        }
        return changed;
    }

    /** Tags as the conversation keeps them: trimmed, lower-case, without duplicates, at most 20 of at most 40 characters. */
    static List<String> clean(String tags) {
        return Arrays.stream(tags.split(",")).map(t -> t.strip().toLowerCase(Locale.ROOT)).filter(t -> !t.isEmpty())
                .map(t -> t.length() > 40 ? t.substring(0, 40) : t).distinct().limit(20).toList();
    }

    /** The same tags, whatever their order: reordering them changes nothing worth recording. */
    private static boolean sameTags(List<String> a, List<String> b) {
        return java.util.Set.copyOf(a).equals(java.util.Set.copyOf(b));
    }

    private static <T> T parse(java.util.function.Supplier<T> value, String key) {
        try {
            return value.get();
        } catch (InvalidInput e) {
            throw new ConsoleRefusal(key);
        }
    }
}
