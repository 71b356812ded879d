package io.temas.conversations;

import io.temas.customers.CustomerId;
import io.temas.customers.CustomerOwnedRecords;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Lets customer merges move conversations to the surviving customer and back. */
@Component
class ConversationOwnership implements CustomerOwnedRecords {

    private final Conversations conversations;

    ConversationOwnership(Conversations conversations) {
        this.conversations = conversations;
    }

    @Override
    public String kind() {
        return "conversations";
    }

    @Override
    public List<UUID> reassign(CustomerId from, CustomerId to) {
        return conversations.reassignCustomer(from.value(), to.value());
    }

    @Override
    public void restore(List<UUID> ids, CustomerId owner) {
        conversations.restoreCustomer(ids, owner.value());
    }
}
