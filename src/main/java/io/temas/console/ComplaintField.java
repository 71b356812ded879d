package io.temas.console;

import io.temas.complaints.Complaint;
import io.temas.complaints.ComplaintCatalogue;
import io.temas.complaints.Complaints;
import io.temas.conversations.Actor;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The complaint field of the conversation page's manage form: what the page shows (the mark and the
 * categories to choose from), whether a chosen category exists, and applying a change.
 */
@Component
class ComplaintField {

    private final Complaints complaints;
    private final ComplaintCatalogue catalogue;

    ComplaintField(Complaints complaints, ComplaintCatalogue catalogue) {
        this.complaints = complaints;
        this.catalogue = catalogue;
    }

    /** The conversation's complaint category's code, or null when it is not a complaint. */
    String current(UUID conversationId) {
        return complaints.of(conversationId).map(Complaint::category).orElse(null);
    }

    void fill(UUID conversationId, Model model) {
        Complaint complaint = complaints.of(conversationId).orElse(null);
        model.addAttribute("complaint", complaint);
        model.addAttribute("complaintCategories", catalogue.categories());
        // A category deleted since the mark was made is still offered, so saving the form does not take the mark off.
        model.addAttribute("complaintOrphan", complaint != null && catalogue.category(complaint.category()).isEmpty());
    }

    /** Refuses a category that is not in the catalogue (none, to take the mark off, is always fine). */
    void check(UUID conversationId, ManageForm.ComplaintChoice choice) {
        if (choice != null && choice.category() != null && catalogue.category(choice.category()).isEmpty()
                && !choice.category().equals(current(conversationId))) {
            throw new ConsoleRefusal("manage.error.complaint");
        }
    }

    void apply(UUID conversationId, ManageForm.ComplaintChoice choice, Actor by) {
        if (choice.category() == null) {
            complaints.clear(conversationId, by);
        } else {
            complaints.mark(conversationId, choice.category(), by);
        }
    }
}
