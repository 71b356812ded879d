package io.temas.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temas.conversations.Conversation;
import io.temas.conversations.ConversationStatus;
import io.temas.shared.ChannelType;
import io.temas.shared.Priority;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The manage form names only what the agent changed and what differs from the conversation, and refuses bad values by name. */
class ManageFormTests {

    private static final UUID AYSE = UUID.randomUUID();
    private static final UUID FATURA = UUID.randomUUID();
    private static final UUID TEKNIK = UUID.randomUUID();

    private final Conversation conversation = new Conversation(UUID.randomUUID(), "T-1", UUID.randomUUID(), ChannelType.EMAIL,
            "fatura@ornek.com.tr", "Fatura", ConversationStatus.OPEN, Priority.NORMAL, FATURA, List.of(), null, null, AYSE, null, null,
            false, null, null, null, null, null, null, false, false, null, Instant.EPOCH, Instant.EPOCH, null);

    @Test
    void aFormShowingTheConversationAsItIsChangesNothing() {
        ManageForm form = ManageForm.read(AYSE.toString(), FATURA.toString(), "open", "normal", "");

        assertThat(form.changes(conversation, List.of())).isEmpty();
    }

    @Test
    void changesComeInTheOrderTheyAreApplied() {
        ManageForm form = ManageForm.read("", TEKNIK.toString(), "resolved", "high", " Acil, acil ,kargo");

        assertThat(form.tags()).containsExactly("acil", "kargo");
        assertThat(form.changes(conversation, List.of())).containsExactly("agent", "queue", "priority", "tags", "status");
        assertThat(form.agent()).isEqualTo(ManageForm.Assignee.NOBODY);
    }

    @Test
    void aFieldStillShowingWhatThePageShowedIsNotSentEvenIfTheConversationMovedOn() {
        UUID mehmet = UUID.randomUUID();
        ManageForm form = ManageForm.read(new ManageForm.Request(mehmet.toString(), mehmet.toString(), FATURA.toString(),
                FATURA.toString(), "open", "open", "urgent", "normal", "b, a", "a,b", "", ""));

        assertThat(form.agent()).isNull();
        assertThat(form.changes(conversation.assignedTo(UUID.randomUUID()), List.of("a", "b"))).containsExactly("priority");
    }

    @Test
    void aValueThatIsNotAnIdAStatusOrAPriorityIsRefusedByName() {
        assertThatThrownBy(() -> ManageForm.read("ayse", null, null, null, null)).isInstanceOf(ConsoleRefusal.class)
                .extracting(e -> ((ConsoleRefusal) e).key()).isEqualTo("manage.error.agent");
        assertThatThrownBy(() -> ManageForm.read(null, "fatura", null, null, null))
                .extracting(e -> ((ConsoleRefusal) e).key()).isEqualTo("manage.error.queue");
        assertThatThrownBy(() -> ManageForm.read(null, null, "done", null, null))
                .extracting(e -> ((ConsoleRefusal) e).key()).isEqualTo("manage.error.status");
        assertThatThrownBy(() -> ManageForm.read(null, null, null, "asap", null))
                .extracting(e -> ((ConsoleRefusal) e).key()).isEqualTo("manage.error.priority");
    }

    @Test
    void theComplaintFieldCountsOnlyWhenItDiffersFromTheMarkShown() {
        ManageForm untouched = ManageForm.read(new ManageForm.Request(null, null, null, null, null, null, null, null, null, null,
                "billing", "billing"));
        assertThat(untouched.complaint()).isNull();
        ManageForm marked = ManageForm.read(new ManageForm.Request(null, null, null, null, null, null, null, null, null, null,
                "billing", ""));
        assertThat(marked.changes(conversation, List.of(), null)).containsExactly("complaint");
        assertThat(marked.changes(conversation, List.of(), "billing")).isEmpty();
        ManageForm cleared = ManageForm.read(new ManageForm.Request(null, null, null, null, "resolved", "open", null, null, null, null,
                "", "billing"));
        assertThat(cleared.complaint()).isEqualTo(ManageForm.ComplaintChoice.NONE);
        assertThat(cleared.changes(conversation, List.of(), "billing")).containsExactly("complaint", "status");
    }
}
