package io.temas.inbound;

import io.temas.conversations.Conversation;
import io.temas.shared.ChannelType;
import io.temas.shared.Language;
import java.util.Optional;

/**
 * A paragraph another module adds to an acknowledgement, in the customer's language: the call
 * centre's offer of a callback on a topic a routing rule sends to the phone, say.
 */
public interface AckAddition {

    /** The paragraph for this conversation's acknowledgement on this channel, or empty for none. */
    Optional<String> paragraph(Conversation conversation, ChannelType channel, Language language);
}
