package io.temas.scoring;

import io.temas.complaints.ComplaintMarked;
import io.temas.conversations.ConversationChanged;
import io.temas.conversations.ConversationOpened;
import io.temas.conversations.ConversationResolved;
import io.temas.conversations.SlaBreached;
import io.temas.customers.CustomerEventRecorded;
import io.temas.customers.CustomerMerged;
import io.temas.customers.CustomerProfileChanged;
import io.temas.customers.LifecycleStageChanged;
import io.temas.customers.MergeUndone;
import io.temas.feedback.SurveyAnswered;
import io.temas.platform.AfterCommit;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What marks a customer for recomputation: their conversations opening, changing, breaching and
 * resolving, a complaint mark, a survey answered, a new lifecycle stage, an event from another system, a merge or its undoing. Plain
 * listeners that mark once the change commits: the pipeline's transaction stores no event publication
 * for them, and a mark lost in a crash is caught by the next sweep.
 */
@Component
class ScoreTriggers {

    private final Recomputation recomputation;

    ScoreTriggers(Recomputation recomputation) {
        this.recomputation = recomputation;
    }

    @EventListener
    void on(ConversationOpened event) {
        AfterCommit.run(() -> recomputation.customer(event.customerId()));
    }

    @EventListener
    void on(ConversationResolved event) {
        AfterCommit.run(() -> recomputation.customer(event.customerId()));
    }

    /**
     * A status change or a merge moves the open-conversation and complaint facts; a message, a tag, a queue or a
     * priority moves none, and a message is the pipeline's commonest change, so those are not recomputed.
     */
    @EventListener
    void on(ConversationChanged event) {
        if ("status".equals(event.what()) || "merge".equals(event.what())) {
            AfterCommit.run(() -> recomputation.conversation(event.conversationId()));
        }
    }

    @EventListener
    void on(SlaBreached event) {
        AfterCommit.run(() -> recomputation.conversation(event.conversationId()));
    }

    @EventListener
    void on(ComplaintMarked event) {
        AfterCommit.run(() -> recomputation.customer(event.customerId()));
    }

    @EventListener
    void on(LifecycleStageChanged event) {
        AfterCommit.run(() -> recomputation.customer(event.customerId()));
    }

    @EventListener
    void on(CustomerEventRecorded event) {
        AfterCommit.run(() -> recomputation.customer(event.customerId()));
    }

    @EventListener
    void on(SurveyAnswered event) {
        AfterCommit.run(() -> recomputation.customer(event.customerId()));
    }

    @EventListener
    void on(CustomerProfileChanged event) {
        AfterCommit.run(() -> recomputation.customer(event.customerId()));
    }

    /** An undone merge gives the absorbed customer back its records: both sides' facts moved. */
    @EventListener
    void on(MergeUndone event) {
        AfterCommit.run(() -> {
            recomputation.customer(event.survivor().value());
            recomputation.customer(event.absorbed().value());
        });
    }

    @EventListener
    void on(CustomerMerged event) {
        AfterCommit.run(() -> {
            recomputation.customer(event.survivor().value());
            recomputation.customer(event.absorbed().value());
        });
    }
}
